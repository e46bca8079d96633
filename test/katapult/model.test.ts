import fc from "fast-check";
import { describeKatapultError, katapultProfile, untilNextMinuteMs } from "../../provider/katapult/api";
import {
  credentialsOf,
  flattenKey,
  getCreateBody,
  getUpdateBody,
  inputsFromOutputs,
  parseOrganization,
  refreshedKey,
  s3EndpointOf,
  withEchoed,
} from "../../provider/katapult/model";
import { AccessKeyProvider } from "../../provider/katapult/provider";
import { AccessKeyInputs, AccessKeyOutputs, ApiKey } from "../../provider/katapult/schemas";
import { UNKNOWN } from "../../provider/shared/check";
import { BusyError, NotFoundError, RateLimitedError, UnexpectedStatusError, ValidationError } from "../../provider/shared/http/errors";
import { useStackConfig } from "../../provider/shared/settings";

const offline = new AccessKeyProvider(() => {
  throw new Error("check and diff must not connect");
});

const apiKey: ApiKey = {
  id: "objkey_AAAAAAAAAAAAAAAA", name: "ci", created_at: 1_700_000_000, region: "uk-lon-1", state: "configured",
  all_buckets_read: true, all_objects_read: false, all_objects_write: false, read_buckets: ["logs"], write_buckets: [],
  server_url: "uk-lon-1.katapultobjects.com:443", s3_access_key_id: "AKID", s3_secret_access_key: null,
};

const inputs: AccessKeyInputs = {
  logicalName: "key", autoNamed: false, organization: { subDomain: "acme" }, region: "uk-lon-1", name: "ci",
  allBucketsRead: true, allObjectsRead: false, allObjectsWrite: false,
};

const outs: AccessKeyOutputs = flattenKey(apiKey, inputs, { accessKeyId: "AKID", secretAccessKey: "s3cr3t" });

afterEach(() => {
  useStackConfig(undefined);
  delete process.env.KATAPULT_ORGANIZATION;
  delete process.env.KATAPULT_REGION;
});

describe("Katapult check", () => {
  it("applies the defaults: auto-name, flags false, region uk-lon-1, organization from config", async () => {
    useStackConfig({ get: (k) => (k === "katapult:organization" ? "acme" : undefined) });
    const { inputs: checked, failures } = await offline.check({}, { logicalName: "backup" });
    expect(failures).toEqual([]);
    expect(checked).toMatchObject({
      organization: { subDomain: "acme" }, region: "uk-lon-1", autoNamed: true,
      allBucketsRead: false, allObjectsRead: false, allObjectsWrite: false,
    });
    expect(checked.name).toMatch(/^backup-[a-z0-9]{7}$/);
  });

  it("reads an org_ prefixed default as an organization id, and the region from the environment", async () => {
    process.env.KATAPULT_ORGANIZATION = "org_123abc";
    process.env.KATAPULT_REGION = "uk-man-1";
    const { inputs: checked } = await offline.check({}, { logicalName: "k" });
    expect(checked).toMatchObject({ organization: { id: "org_123abc" }, region: "uk-man-1" });
  });

  it("keeps the generated name across checks while the logical name is unchanged", async () => {
    process.env.KATAPULT_ORGANIZATION = "acme";
    const first = await offline.check({}, { logicalName: "k" });
    const second = await offline.check(first.inputs, { logicalName: "k" });
    expect(second.inputs.name).toBe(first.inputs.name);
  });

  it("explains how to give an organization when none is set", async () => {
    const { failures } = await offline.check({}, { logicalName: "k" });
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe("organization");
    expect(failures[0].reason).toMatch(/katapult:organization.*KATAPULT_ORGANIZATION/);
  });

  it.each([
    [{ organization: { id: "org_1", subDomain: "acme" } }, "organization"],
    [{ organization: {} }, "organization"],
    [{ organization: { subDomain: "acme" }, allObjectsRead: "yes" }, "allObjectsRead"],
    [{ organization: { subDomain: "acme" }, existingKeyId: "AKIDEXAMPLE" }, "existingKeyId"],
    [{ organization: { subDomain: "acme" }, name: "" }, "name"],
    [{ organization: { subDomain: "acme" }, rotation: true }, "rotation"],
  ])("rejects %j naming the field %s", async (news, field) => {
    const { failures } = await offline.check({}, { logicalName: "k", ...news });
    expect(failures.map((f) => f.property)).toContain(field);
  });

  it("lets the unknown (preview) sentinel through", async () => {
    const { failures, inputs: checked } = await offline.check({}, { logicalName: "k", organization: UNKNOWN, name: UNKNOWN });
    expect(failures).toEqual([]);
    expect(checked).toMatchObject({ organization: UNKNOWN, name: UNKNOWN });
  });
});

describe("Katapult diff (olds = outputs, news = inputs)", () => {
  it("reports no change for identical inputs", async () => {
    expect(await offline.diff(apiKey.id, outs, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it.each([["name", "renamed"], ["allObjectsRead", true], ["allObjectsWrite", true], ["allBucketsRead", false], ["rotation", "2025-01"]])(
    "updates %s in place", async (field, value) => {
      expect(await offline.diff(apiKey.id, outs, { ...inputs, [field]: value })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    });

  it.each([["region", "uk-man-1"], ["organization", { id: "org_x" }]])("replaces the key when %s changes", async (field, value) => {
    const diff = await offline.diff(apiKey.id, outs, { ...inputs, [field]: value });
    expect(diff.replaces).toEqual([field]);
  });

  it("replaces only when existingKeyId names a different key", async () => {
    expect((await offline.diff(apiKey.id, outs, { ...inputs, existingKeyId: apiKey.id })).changes).toBe(false);
    expect((await offline.diff(apiKey.id, outs, { ...inputs, existingKeyId: "objkey_other" })).replaces).toEqual(["existingKeyId"]);
  });

  it("asks for an update while a create has not got its credentials", async () => {
    const { accessKeyId: _a, secretAccessKey: _s, ...partial } = outs;
    expect(await offline.diff(apiKey.id, partial as AccessKeyOutputs, inputs)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("never diffs on output-only bucket lists", async () => {
    expect((await offline.diff(apiKey.id, { ...outs, readBuckets: ["a", "b"], writeBuckets: ["c"] }, inputs)).changes).toBe(false);
  });

  it("treats an unknown input as a change", async () => {
    expect((await offline.diff(apiKey.id, outs, { ...inputs, name: UNKNOWN })).changes).toBe(true);
  });
});

describe("Katapult model", () => {
  it("builds the create body with an explicit organization lookup", () => {
    expect(getCreateBody(inputs)).toEqual({
      organization: { sub_domain: "acme" },
      object_storage_cluster: { region: "uk-lon-1" },
      properties: { name: "ci", all_buckets_read: true, all_objects_read: false, all_objects_write: false },
    });
    expect(getCreateBody({ ...inputs, organization: { id: "org_1" } }).organization).toEqual({ id: "org_1" });
  });

  it("sends all four properties when any changed, and nothing when none did", () => {
    const olds = { name: "ci", all_buckets_read: true, all_objects_read: false, all_objects_write: false };
    expect(getUpdateBody("objkey_1", olds, inputs)).toBeUndefined();
    expect(getUpdateBody("objkey_1", olds, { ...inputs, allObjectsWrite: true })).toEqual({
      access_key: { id: "objkey_1" },
      properties: { name: "ci", all_buckets_read: true, all_objects_read: false, all_objects_write: true },
    });
  });

  it("flattens the API key, deriving the S3 endpoint and an ISO time, and keeps the previous secret", () => {
    expect(outs).toMatchObject({
      name: "ci", region: "uk-lon-1", state: "configured", accessKeyId: "AKID", secretAccessKey: "s3cr3t",
      serverUrl: "uk-lon-1.katapultobjects.com:443", s3Endpoint: "https://uk-lon-1.katapultobjects.com",
      readBuckets: ["logs"], writeBuckets: [], createdAt: "2023-11-14T22:13:20.000Z", organization: { subDomain: "acme" },
    });
  });

  it("leaves credentials absent when there are none yet, and empty values from the API as empty strings", () => {
    const pending = flattenKey({ ...apiKey, server_url: null, s3_access_key_id: null, read_buckets: null }, inputs, undefined);
    expect(pending).not.toHaveProperty("secretAccessKey");
    expect(pending).not.toHaveProperty("accessKeyId");
    expect(pending).toMatchObject({ serverUrl: "", s3Endpoint: "", readBuckets: [] });
    expect(credentialsOf(pending)).toBeUndefined();
    expect(credentialsOf(outs)).toEqual({ accessKeyId: "AKID", secretAccessKey: "s3cr3t" });
  });

  it("rebuilds inputs from outputs without the secret", () => {
    const rebuilt = inputsFromOutputs({ ...outs, rotation: 3 });
    expect(rebuilt).toEqual({ ...inputs, rotation: 3 });
    expect(JSON.stringify(rebuilt)).not.toContain("s3cr3t");
  });

  it("marks a stored secret revoked when Katapult shows another access key id, keeping the stored pair", () => {
    expect(refreshedKey(apiKey, outs)).toEqual(outs);
    const revoked = refreshedKey({ ...apiKey, s3_access_key_id: "OTHER" }, outs);
    expect(revoked).toMatchObject({ accessKeyId: "AKID", secretAccessKey: "s3cr3t", secretRevoked: true });
    expect(refreshedKey({ ...apiKey, s3_access_key_id: "OTHER" }, revoked)).toEqual(revoked);
    expect(inputsFromOutputs(revoked)).toMatchObject({ secretRevoked: true });
    // An adopted key's secret is unknown anyway: it follows the cloud's id.
    const adopted = { ...outs, secretAccessKey: "" };
    expect(refreshedKey({ ...apiKey, s3_access_key_id: "OTHER" }, adopted)).toMatchObject({ accessKeyId: "OTHER", secretAccessKey: "" });
    expect(refreshedKey({ ...apiKey, s3_access_key_id: "OTHER" }, adopted)).not.toHaveProperty("secretRevoked");
  });

  it("a revoked secret is an update that reissues: check restamps rotatedAt, diff asks for it", async () => {
    const revoked = { ...refreshedKey({ ...apiKey, s3_access_key_id: "OTHER" }, outs), rotatedAt: "2026-01-01T00:00:00.000Z" };
    const { inputs: checked } = await offline.check(inputsFromOutputs(revoked), { ...inputs });
    expect(checked.rotatedAt).not.toBe(revoked.rotatedAt);
    expect(checked).not.toHaveProperty("secretRevoked");
    expect(await offline.diff("objkey_AAAAAAAAAAAAAAAA", revoked, checked)).toMatchObject({ changes: true, replaces: [] });
  });

  it("takes echoed fields from the new inputs, dropping removed ones", () => {
    const echoed = withEchoed({ ...outs, rotation: 1, existingKeyId: "objkey_x" }, { ...inputs, logicalName: "other" });
    expect(echoed).not.toHaveProperty("rotation");
    expect(echoed).not.toHaveProperty("existingKeyId");
    expect(echoed.logicalName).toBe("other");
  });

  it.each([
    ["uk-lon-1.katapultobjects.com:443", "https://uk-lon-1.katapultobjects.com"],
    ["https://uk-lon-1.katapultobjects.com:8443/x", "https://uk-lon-1.katapultobjects.com"],
    ["", ""],
    [null, ""],
  ])("derives the S3 endpoint of %j", (serverUrl, endpoint) => {
    expect(s3EndpointOf(serverUrl)).toBe(endpoint);
  });

  it("parses the organization setting by Katapult's id prefix", () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), (s) => {
      const parsed = parseOrganization(s);
      return s.startsWith("org_") ? parsed.id === s : parsed.subDomain === s;
    }));
  });
});

describe("Katapult error profile", () => {
  const classify = (status: number, body: unknown) => katapultProfile.classify!(status, describeKatapultError(body));

  it("reads both the wrapped and the top-level error shapes", () => {
    const inner = { code: "validation_error", description: "A validation error occurred", detail: { errors: ["Name can't be blank"] } };
    expect(describeKatapultError({ error: inner })).toEqual({ cloudCode: "validation_error", detail: "A validation error occurred: Name can't be blank", recognized: true });
    expect(describeKatapultError(inner)).toEqual(describeKatapultError({ error: inner }));
    expect(describeKatapultError("<html>")).toEqual({});
  });

  it("classifies by the error code, never by status alone", () => {
    expect(classify(404, { error: { code: "object_storage_access_key_not_found" } })).toBe(NotFoundError);
    expect(classify(404, { error: { code: "route_not_found" } })).toBe(UnexpectedStatusError);
    expect(classify(404, { error: { code: "organization_not_found" } })).toBe(ValidationError);
    expect(classify(404, undefined)).toBe(UnexpectedStatusError);
    expect(classify(422, { error: { code: "object_storage_provisioning_error" } })).toBe(BusyError);
    expect(classify(422, { error: { code: "validation_error" } })).toBe(ValidationError);
    expect(classify(406, { code: "task_queueing_error", detail: { details: "queue full" } })).toBe(BusyError);
    expect(classify(429, { error: { code: "rate_limit_reached", detail: { total_permitted: 1000 } } })).toBe(RateLimitedError);
  });

  it("waits for the next clock minute once the window's budget is spent", () => {
    const headers = (remaining: string, date?: string) => (name: string) =>
      ({ "x-ratelimit-remaining": remaining, date } as Record<string, string | undefined>)[name];
    expect(untilNextMinuteMs(headers("5"), 0)).toBeUndefined();
    expect(untilNextMinuteMs(headers("0", "Wed, 26 Nov 2025 10:00:45 GMT"), 0)).toBe(16_000);
    expect(untilNextMinuteMs(headers("0"), 30_000)).toBe(31_000);
  });
});
