/**
 * Pure tier: schemas, model conversions, check and diff. No network: the provider is built with
 * a Connect that fails, so any accidental API call in check or diff fails the test.
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { UNKNOWN } from "../../provider/shared/check";
import { useStackConfig } from "../../provider/shared/settings";
import { defaultDescription, flattenKey, getCreateBody, getUpdateBody, inputsFromOutputs, seenRolesOf } from "../../provider/bird/model";
import { AccessKeyProvider } from "../../provider/bird/provider";
import { AccessKeyInputs, AccessKeyOutputs, ApiAccessKey, apiAccessKey } from "../../provider/bird/schemas";

const ORG = "2f7c1a9e-5b3d-4e8f-a1c2-7d9e0b4f6a13";
const OTHER_ORG = "9b2e4c6a-1d3f-4a5b-8c7d-e9f0a1b2c3d4";
const ROLE_A = "11111111-2222-4333-8444-555555555555";
const ROLE_B = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const WS_1 = "0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e";
const WS_2 = "9f9f9f9f-8e8e-4d7d-8c6c-5b5b5b5b5b5b";
const SAMPLE_UUID = "123e4567-e89b-12d3-a456-426614174000";

const bodyOf = ({ name, description }: { name: string; description: string }) => ({ name, description });

/** JSON blocks of Bird's documented samples, read at run time from outside the repository (never copied). */
function readSamples(): Record<string, unknown>[] | undefined {
  const file = path.join(__dirname, "../../../shared/api/recorded/bird/samples.md");
  if (!fs.existsSync(file)) return undefined;
  const blocks = [...fs.readFileSync(file, "utf8").matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((b) => {
    try {
      return [JSON.parse(b) as Record<string, unknown>];
    } catch {
      return []; // fragments (e.g. a cut-off excerpt) are not records
    }
  });
}

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

  it("validates roleRefs, naming the exact field of a bad one, before any API call", async () => {
    const good = { id: ROLE_A.toUpperCase(), type: "managed", workspaces: [WS_1] };
    expect((await check({ roleRefs: [good] })).inputs!.roleRefs).toEqual([{ id: ROLE_A, type: "managed", workspaces: [WS_1] }]);
    const failures = async (roleRefs: unknown) => (await check({ roleRefs })).failures!.map((f) => `${f.property}: ${f.reason}`);
    expect(await failures([good, { id: ROLE_B, type: "organization", workspaces: ["ws-1"] }]))
      .toEqual([expect.stringMatching(/^roleRefs\[1\]\.workspaces\[0\]: each workspace id must be a UUID/)]);
    expect(await failures([{ id: "admin", type: "team" }])).toEqual([
      expect.stringMatching(/^roleRefs\[0\]\.id: id must be a UUID/), 'roleRefs[0].type: type must be "organization" or "managed"',
    ]);
    expect(await failures([{ id: ROLE_A, type: "managed", workspace: [WS_1] }])).toEqual([expect.stringMatching(/^roleRefs\[0\]: unknown field workspace/)]);
    expect(await failures([good, { ...good, workspaces: [WS_2] }])).toEqual([expect.stringMatching(/^roleRefs\[1\]: repeats roleRefs\[0\]/)]);
    expect(await failures([])).toEqual(["roleRefs: roleRefs takes 1 to 5 role references"]);
    expect(await failures([1, 2, 3, 4, 5, 6].map(() => good))).toContain("roleRefs: roleRefs takes 1 to 5 role references");
  });

  it("refuses roleIds and roleRefs together, naming both", async () => {
    const result = await check({ roleIds: [ROLE_A], roleRefs: [{ id: ROLE_A, type: "organization" }] });
    expect(result.failures).toEqual([{ property: "roleIds", reason: expect.stringMatching(/^roleIds and roleRefs cannot both be set/) }]);
  });

  it("lets values unknown during preview through untouched", async () => {
    const result = await check({ organizationId: UNKNOWN, name: UNKNOWN, roleIds: [UNKNOWN] });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ organizationId: UNKNOWN, name: UNKNOWN, roleIds: [UNKNOWN] });
    const refs = [{ id: ROLE_A, type: "organization", workspaces: [UNKNOWN] }];
    expect(await check({ roleRefs: refs })).toMatchObject({ failures: [], inputs: { roleRefs: refs } });
    expect((await offline.diff("id", flattenKey(record(), {}, {}), { organizationId: ORG, roleRefs: refs as never })).changes).toBe(true);
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
    const many = flattenKey(record({ roleIds: [ROLE_A, ROLE_B] }), {}, {});
    expect((await offline.diff("id", many, { ...inputs, roleIds: [ROLE_B, ROLE_A] })).changes).toBe(false);
    expect((await offline.diff("id", many, { ...inputs, roleIds: undefined })).changes).toBe(false);
    const touched = { ...outs, suffix: "other1", updatedAt: "2027-01-01T00:00:00.000Z" };
    expect((await offline.diff("id", touched, inputs)).changes).toBe(false);
  });

  it("compares roleRefs with type and workspaces (drift in scoping is a change), ignoring order and repeats", async () => {
    const scoped = flattenKey(apiAccessKey.parse({ ...record(), roleIds: undefined, roleRefs: [{ id: ROLE_A, type: "managed", workspaces: [WS_1, WS_2] }] }), {}, {});
    const want = (workspaces: string[]) => ({ ...inputs, roleIds: undefined, roleRefs: [{ id: ROLE_A, type: "managed" as const, workspaces }] });
    expect((await offline.diff("id", scoped, want([WS_2, WS_1, WS_1]))).changes).toBe(false);
    expect(await offline.diff("id", scoped, want([WS_1]))).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    // roleIds cannot say anything about workspaces, so it compares ids alone
    expect((await offline.diff("id", scoped, { ...inputs, roleIds: [ROLE_A] })).changes).toBe(false);
  });

  it("shows no change for 0.1.0 state (roleIds only) under the same roleIds, or the same roles as roleRefs", async () => {
    const { roleRefs: _dropped, ...legacy } = outs;
    expect(await offline.diff("id", legacy as AccessKeyOutputs, inputs)).toMatchObject({ changes: false });
    const asRefs = { ...inputs, roleIds: undefined, roleRefs: [{ id: ROLE_A, type: "organization" as const }] };
    expect(await offline.diff("id", legacy as AccessKeyOutputs, asRefs)).toMatchObject({ changes: false });
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

  it("reads roles from roleRefs, roles or roleIds, and keeps the last known ones when none is rendered", () => {
    const refs = [{ id: ROLE_B, type: "managed", workspaces: [WS_2, WS_1] }, { id: ROLE_A, type: "organization" }];
    expect(flattenKey(apiAccessKey.parse({ ...record(), roleIds: undefined, roleRefs: refs }), {}, {})).toMatchObject({
      roleRefs: [{ id: ROLE_A, type: "organization", workspaces: [] }, { id: ROLE_B, type: "managed", workspaces: [WS_1, WS_2] }],
      roleIds: [ROLE_A, ROLE_B],
    });
    // A full role object (as one documented GET sample renders it) has a type but no workspaces.
    const role = { id: ROLE_A, organizationId: ORG, name: "r", type: "managed", policies: [{ id: ROLE_B, type: "managed" }] };
    expect(seenRolesOf(apiAccessKey.parse({ ...record(), roleIds: undefined, roles: [role] }))).toEqual([{ id: ROLE_A, type: "managed" }]);
    expect(seenRolesOf(record({ roleIds: [ROLE_B] }))).toEqual([{ id: ROLE_B }]);
    const bare = record({ roleIds: undefined });
    expect(seenRolesOf(bare)).toBeUndefined();
    expect(flattenKey(bare, { roleIds: [ROLE_A] }, {}).roleRefs).toEqual([{ id: ROLE_A, type: "organization", workspaces: [] }]);
  });

  it("fills in what a rendering leaves out from the last known refs", () => {
    const known = [{ id: ROLE_A, type: "managed", workspaces: [WS_1] }];
    // ids only: type and workspaces from the known ref with that id; a new id is an unscoped organization role
    expect(flattenKey(record({ roleIds: [ROLE_A, ROLE_B] }), { roleRefs: known }, {}).roleRefs).toEqual([
      { id: ROLE_A, type: "managed", workspaces: [WS_1] }, { id: ROLE_B, type: "organization", workspaces: [] },
    ]);
    // roleRefs without workspaces: documented as optional, so unscoped, not "unknown"
    const unscoped = apiAccessKey.parse({ ...record(), roleIds: undefined, roleRefs: [{ id: ROLE_A, type: "managed" }] });
    expect(flattenKey(unscoped, { roleRefs: known }, {}).roleRefs).toEqual([{ id: ROLE_A, type: "managed", workspaces: [] }]);
  });

  it("parses the documented samples' role shapes, when the shared samples are present", () => {
    const samples = readSamples();
    if (samples === undefined) return;
    const parsed = samples.map((s) => (s.accessKey ?? (Array.isArray(s.results) ? s.results[0] : s)) as Record<string, unknown>)
      .filter((k) => "suffix" in k).map((k) => flattenKey(apiAccessKey.parse(k), {}, {}));
    expect(parsed.length).toBeGreaterThanOrEqual(3);
    for (const outs of parsed) expect(outs.roleRefs).toEqual([{ id: SAMPLE_UUID, type: "organization", workspaces: expect.any(Array) }]);
  });
  it("keeps the token that the API returns only from create", () => {
    expect(flattenKey(record(), { accessKey: "secret-token" }, {}).accessKey).toBe("secret-token");
    expect(flattenKey(record(), {}, {}).accessKey).toBe("");
  });

  it("sends roles as sorted roleRefs, roleIds as organization refs, workspaces only when scoped", () => {
    const base = { organizationId: ORG, name: "n", description: "d" };
    expect(getCreateBody({ ...base, roleIds: [ROLE_B, ROLE_A] })).toEqual({
      ...bodyOf(base), roleRefs: [{ id: ROLE_A, type: "organization" }, { id: ROLE_B, type: "organization" }],
    });
    const roleRefs = [{ id: ROLE_B, type: "managed" as const, workspaces: [WS_2, WS_1, WS_2] }, { id: ROLE_A, type: "organization" as const, workspaces: [] }];
    expect(getCreateBody({ ...base, roleRefs }).roleRefs).toEqual([{ id: ROLE_A, type: "organization" }, { id: ROLE_B, type: "managed", workspaces: [WS_1, WS_2] }]);
    expect(getCreateBody(base)).not.toHaveProperty("roleRefs");
  });

  it("builds update bodies with only the changes, comparing roles in the form the program uses", () => {
    const olds = { name: "n", description: "d", roleIds: [ROLE_A], roleRefs: [{ id: ROLE_A, type: "managed", workspaces: [WS_1] }] };
    expect(getUpdateBody(olds, { organizationId: ORG, name: "n", description: "d2" })).toEqual({ description: "d2" });
    expect(getUpdateBody(olds, { organizationId: ORG, roleIds: [ROLE_A] })).toBeUndefined();
    expect(getUpdateBody(olds, { organizationId: ORG, roleRefs: [{ id: ROLE_A, type: "managed", workspaces: [WS_1] }] })).toBeUndefined();
    expect(getUpdateBody(olds, { organizationId: ORG, roleRefs: [{ id: ROLE_A, type: "managed", workspaces: [WS_2] }] }))
      .toEqual({ roleRefs: [{ id: ROLE_A, type: "managed", workspaces: [WS_2] }] });
    // roleIds adding a role: the existing one keeps its type and workspace scope
    expect(getUpdateBody(olds, { organizationId: ORG, roleIds: [ROLE_A, ROLE_B] })).toEqual({
      roleRefs: [{ id: ROLE_A, type: "managed", workspaces: [WS_1] }, { id: ROLE_B, type: "organization" }],
    });
  });

  it("treats 0.1.0 state (roleIds, no roleRefs) as organization refs: no update for the same roles either way", () => {
    const legacy = { name: "n", description: "d", roleIds: [ROLE_A, ROLE_B] };
    expect(getUpdateBody(legacy, { organizationId: ORG, roleIds: [ROLE_B, ROLE_A] })).toBeUndefined();
    const asRefs = [ROLE_B, ROLE_A].map((id) => ({ id, type: "organization" as const }));
    expect(getUpdateBody(legacy, { organizationId: ORG, roleRefs: asRefs })).toBeUndefined();
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
      roleRefs: fc.option(fc.array(fc.record({ id: uuid, type: fc.constantFrom("organization", "managed"), workspaces: fc.array(uuid, { maxLength: 3 }) }), { maxLength: 5 })),
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
