/**
 * Pure tier: schemas, model conversions, check and diff. No network: the provider is built with
 * a Connect that fails, so any accidental API call in check or diff fails the test.
 */
import fc from "fast-check";
import { UNKNOWN } from "../../provider/shared/check";
import { useStackConfig } from "../../provider/shared/settings";
import { defaultDescription, flattenKey, getCreateBody, getUpdateBody, inputsFromOutputs, roleIdsOf } from "../../provider/bird/model";
import { AccessKeyProvider } from "../../provider/bird/provider";
import { AccessKeyInputs, AccessKeyOutputs, ApiAccessKey, apiAccessKey } from "../../provider/bird/schemas";

const ORG = "2f7c1a9e-5b3d-4e8f-a1c2-7d9e0b4f6a13";
const OTHER_ORG = "9b2e4c6a-1d3f-4a5b-8c7d-e9f0a1b2c3d4";
const ROLE_A = "11111111-2222-4333-8444-555555555555";
const ROLE_B = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

const offline = new AccessKeyProvider(() => {
  throw new Error("check and diff must not call the API");
});

async function check(news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
  return offline.check(olds, { logicalName: "ci", organizationId: ORG, ...news });
}

const record = (over: Partial<ApiAccessKey> = {}): ApiAccessKey => ({
  id: "0f8fad5b-d9cb-469f-a165-70867728950e", organizationId: ORG, name: "ci-abc1234", type: "user",
  description: "Managed by Pulumi (ci)", suffix: "XyZ123", lastUsedAt: null,
  createdAt: "2026-11-27T04:41:53.669Z", updatedAt: "2026-11-27T04:41:53.669Z", roleIds: [], ...over,
});

afterEach(() => {
  delete process.env.BIRD_ORGANIZATION_ID;
  useStackConfig(undefined);
});

describe("Bird check", () => {
  it("auto-names from the logical name, defaults the description, and keeps the name across checks", async () => {
    const first = await check({});
    expect(first.failures).toEqual([]);
    expect(first.inputs).toMatchObject({ name: expect.stringMatching(/^ci-[a-z0-9]{7}$/), description: "Managed by Pulumi (ci)", autoNamed: true });
    const second = await check({}, first.inputs as Record<string, unknown>);
    expect(second.inputs!.name).toBe(first.inputs!.name);
  });

  it("resolves organizationId from stack config before the environment, so the stored input is explicit", async () => {
    process.env.BIRD_ORGANIZATION_ID = OTHER_ORG;
    expect((await offline.check({}, { logicalName: "ci" })).inputs!.organizationId).toBe(OTHER_ORG);
    useStackConfig({ get: (k) => (k === "bird:organizationId" ? ORG.toUpperCase() : undefined) });
    expect((await offline.check({}, { logicalName: "ci" })).inputs!.organizationId).toBe(ORG);
  });

  it("names the missing organization and how to set it", async () => {
    const result = await offline.check({}, { logicalName: "ci" });
    expect(result.failures).toEqual([{ property: "organizationId", reason: expect.stringContaining("bird:organizationId") }]);
  });

  it("rejects malformed values, naming each field", async () => {
    const result = await check({ organizationId: "acme", name: "", description: "x".repeat(257), existingKeyId: 42 });
    expect(result.failures!.map((f) => f.property).sort()).toEqual(["description", "existingKeyId", "name", "organizationId"]);
  });

  it("accepts deprecated roleIds (a warning, not a failure) and validates them as 1..5 UUIDs", async () => {
    expect((await check({ roleIds: [ROLE_B, ROLE_A.toUpperCase()] })).inputs!.roleIds).toEqual([ROLE_B, ROLE_A]);
    expect((await check({ roleIds: [] })).failures).toEqual([{ property: "roleIds", reason: "roleIds takes 1 to 5 role ids" }]);
    expect((await check({ roleIds: [ROLE_A, ROLE_A, ROLE_A, ROLE_A, ROLE_A, ROLE_A] })).failures).toHaveLength(1);
    expect((await check({ roleIds: [ROLE_A, "admin"] })).failures).toEqual([{ property: "roleIds[1]", reason: expect.stringMatching(/must be a UUID/) }]);
  });

  it("lets values unknown during preview through untouched", async () => {
    const result = await check({ organizationId: UNKNOWN, name: UNKNOWN, roleIds: [UNKNOWN] });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ organizationId: UNKNOWN, name: UNKNOWN, roleIds: [UNKNOWN] });
  });

  it("keeps an adopted key's own name and description unless they are set", async () => {
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const result = await check({ existingKeyId: id });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({ logicalName: "ci", organizationId: ORG, existingKeyId: id, autoNamed: false });
  });

  it("drops the engine's __provider property", async () => {
    expect((await check({ __provider: "code" })).inputs).not.toHaveProperty("__provider");
  });
});

describe("Bird diff", () => {
  const outs = flattenKey(record({ roleIds: [ROLE_A] }), { accessKey: "tok" }, { logicalName: "ci", autoNamed: true });
  const inputs: AccessKeyInputs = { organizationId: ORG, name: outs.name, description: outs.description, roleIds: [ROLE_A] };

  it("reports nothing when the inputs match the key", async () => {
    expect(await offline.diff("id", outs, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("updates name, description and roles in place", async () => {
    const diff = await offline.diff("id", outs, { ...inputs, name: "n", description: "d", roleIds: [ROLE_B] });
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("replaces the key when the organization changes, creating the new one first", async () => {
    expect(await offline.diff("id", outs, { ...inputs, organizationId: OTHER_ORG })).toEqual({
      changes: true, replaces: ["organizationId"], deleteBeforeReplace: false,
    });
  });

  it("ignores role order, unset roles and output-only fields", async () => {
    const many = { ...outs, roleIds: [ROLE_A, ROLE_B] };
    expect((await offline.diff("id", many, { ...inputs, roleIds: [ROLE_B, ROLE_A] })).changes).toBe(false);
    expect((await offline.diff("id", many, { ...inputs, roleIds: undefined })).changes).toBe(false);
    const touched = { ...outs, suffix: "other1", updatedAt: "2027-01-01T00:00:00.000Z" };
    expect((await offline.diff("id", touched, inputs)).changes).toBe(false);
  });

  it("treats an unknown (preview) value as a change", async () => {
    expect((await offline.diff("id", outs, { ...inputs, organizationId: UNKNOWN })).replaces).toEqual(["organizationId"]);
  });
});

describe("Bird model", () => {
  it("never copies lastUsedAt into the outputs", () => {
    const a = flattenKey(record({ lastUsedAt: null }), {}, {});
    const b = flattenKey(record({ lastUsedAt: "2026-12-01T10:00:00.000Z" }), {}, {});
    expect(a).toEqual(b);
    expect(a).not.toHaveProperty("lastUsedAt");
  });

  it("reads roles from roleIds, roleRefs or roles, and keeps the last known ones when none is rendered", () => {
    expect(roleIdsOf(record({ roleIds: [ROLE_B, ROLE_A] }))).toEqual([ROLE_A, ROLE_B]);
    expect(roleIdsOf(apiAccessKey.parse({ ...record(), roleIds: undefined, roleRefs: [{ id: ROLE_A, type: "organization" }] }))).toEqual([ROLE_A]);
    expect(roleIdsOf(apiAccessKey.parse({ ...record(), roleIds: undefined, roles: [ROLE_B] }))).toEqual([ROLE_B]);
    const bare = record({ roleIds: undefined });
    expect(roleIdsOf(bare)).toBeUndefined();
    expect(flattenKey(bare, { roleIds: [ROLE_A] }, {}).roleIds).toEqual([ROLE_A]);
  });

  it("keeps the token that the API returns only from create", () => {
    expect(flattenKey(record(), { accessKey: "secret-token" }, {}).accessKey).toBe("secret-token");
    expect(flattenKey(record(), {}, {}).accessKey).toBe("");
  });

  it("builds create bodies with sorted roles and update bodies with only the changes", () => {
    expect(getCreateBody({ organizationId: ORG, name: "n", description: "d", roleIds: [ROLE_B, ROLE_A] }))
      .toEqual({ name: "n", description: "d", roleIds: [ROLE_A, ROLE_B] });
    const olds = { name: "n", description: "d", roleIds: [ROLE_A] };
    expect(getUpdateBody(olds, { organizationId: ORG, name: "n", description: "d2" })).toEqual({ description: "d2" });
    expect(getUpdateBody(olds, { organizationId: ORG, roleIds: [ROLE_A] })).toBeUndefined();
  });

  it("fits the default description into 256 characters", () => {
    expect(defaultDescription("x".repeat(400)).length).toBeLessThanOrEqual(256);
    expect(defaultDescription(undefined)).toBe("Managed by Pulumi");
  });

  it("property: inputs rebuilt from any key diff as no change and need no update", async () => {
    const uuid = fc.uuid().map((u) => u.toLowerCase());
    const text = fc.string({ minLength: 1, maxLength: 256 });
    const apiKey = fc.record({
      id: uuid, organizationId: uuid, name: text, description: text, suffix: fc.string({ minLength: 6, maxLength: 6 }),
      createdAt: fc.constant("2026-11-27T04:41:53.669Z"), roleIds: fc.array(uuid, { maxLength: 5 }),
      lastUsedAt: fc.option(fc.constant("2026-11-28T00:00:00.000Z")),
    });
    await fc.assert(fc.asyncProperty(apiKey, async (key) => {
      const outs: AccessKeyOutputs = flattenKey(key, { accessKey: "t" }, { logicalName: "ci", autoNamed: false });
      const rebuilt = inputsFromOutputs(outs);
      expect(rebuilt).not.toHaveProperty("accessKey");
      expect(getUpdateBody(outs, rebuilt)).toBeUndefined();
      expect((await offline.diff(key.id, outs, rebuilt)).changes).toBe(false);
    }));
  });
});
