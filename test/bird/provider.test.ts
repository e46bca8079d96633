/**
 * Provider tier: every AccessKeyProvider method against the emulator, with exact request counts.
 */
import { BIRD_EMULATOR_ORGANIZATION, BirdCloud } from "../../emulator/bird";
import * as api from "../../provider/bird/api";
import { AccessKeyProvider } from "../../provider/bird/provider";
import { AccessKeyInputs, AccessKeyOutputs } from "../../provider/bird/schemas";
import { GoneUnconfirmedError, NotFoundError } from "../../provider/shared/http/errors";
import { fileEmulator, testContext, TOKENS } from "../helpers/emulator";

const ORG = BIRD_EMULATOR_ORGANIZATION;
const OTHER_ORG = "9b2e4c6a-1d3f-4a5b-8c7d-e9f0a1b2c3d4";
const ROLE_A = "11111111-2222-4333-8444-555555555555";
const ROLE_B = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const WS_1 = "0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e";
const WS_2 = "9f9f9f9f-8e8e-4d7d-8c6c-5b5b5b5b5b5b";
const LIST = "bird GET /organizations/{organizationId}/access-keys";
const POST = "bird POST /organizations/{organizationId}/access-keys";
const GET = "bird GET /organizations/{organizationId}/access-keys/{accessKeyId}";
const PATCH = "bird PATCH /organizations/{organizationId}/access-keys/{accessKeyId}";
const DELETE = "bird DELETE /organizations/{organizationId}/access-keys/{accessKeyId}";

const emulator = fileEmulator();
const bird = emulator.cloud<BirdCloud>("bird");
let provider: AccessKeyProvider;
let ctx: ReturnType<typeof testContext>;

beforeEach(() => {
  bird.organizations.clear();
  bird.organizations.add(ORG);
  bird.roleField = "roleIds";
  ctx = testContext(emulator.url("bird"), `AccessKey ${TOKENS.bird}`);
  provider = new AccessKeyProvider(() => ctx);
});
afterEach(() => jest.restoreAllMocks());

async function checked(news: Record<string, unknown>, olds: Record<string, unknown> = {}): Promise<AccessKeyInputs> {
  const result = await provider.check(olds, { logicalName: "key", organizationId: ORG, ...news });
  expect(result.failures).toEqual([]);
  return result.inputs as AccessKeyInputs;
}

const stored = (id: string) => bird.inventory().find((k) => k.id === id)!;

describe("Bird AccessKeyProvider against the emulator", () => {
  it("creates an auto-named key with one POST and returns the token as accessKey", async () => {
    const { id, outs } = await provider.create(await checked({}));
    expect(emulator.requestCounts()).toEqual({ [POST]: 1 });
    const key = stored(id);
    expect(outs).toEqual({
      logicalName: "key", autoNamed: true, organizationId: ORG, name: expect.stringMatching(/^key-[a-z0-9]{7}$/),
      description: "Managed by Pulumi (key)", type: "user", suffix: String(key.token).slice(-6),
      createdAt: key.createdAt, updatedAt: key.updatedAt, roleIds: [], roleRefs: [], accessKey: key.token,
      rotatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("reads with one GET, keeps the token and rebuilds inputs without it", async () => {
    const { id, outs } = await provider.create(await checked({ name: "ci" }));
    emulator.resetCounts();
    const read = await provider.read(id, outs);
    expect(emulator.requestCounts()).toEqual({ [GET]: 1 });
    expect(read).toEqual({ id, props: outs, inputs: { logicalName: "key", autoNamed: false, organizationId: ORG, name: "ci", description: outs.description, rotatedAt: outs.rotatedAt } });
  });

  it("does not report lastUsedAt changes as drift: refreshed outputs stay byte-identical", async () => {
    const inputs = await checked({});
    const { id, outs } = await provider.create(inputs);
    bird.touch(id, new Date("2030-05-05T05:05:05Z"));
    expect(stored(id).lastUsedAt).toBe("2030-05-05T05:05:05.000Z");
    const read = await provider.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(await provider.diff(id, read.props, inputs)).toMatchObject({ changes: false });
  });

  it("shows an out-of-band rename and description edit as an in-place drift", async () => {
    const inputs = await checked({ name: "ci", description: "CI deploys" });
    const { id, outs } = await provider.create(inputs);
    bird.edit(id, { name: "renamed", description: "edited in the dashboard" });
    const read = await provider.read(id, outs);
    expect(read.props).toMatchObject({ name: "renamed", description: "edited in the dashboard", accessKey: outs.accessKey });
    expect(await provider.diff(id, read.props, inputs)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("reads a key deleted out of band as gone, after one list call proves the organization answers", async () => {
    const { id, outs } = await provider.create(await checked({}));
    bird.remove(id);
    emulator.resetCounts();
    expect(await provider.read(id, outs)).toEqual({ id: "", props: {} });
    expect(emulator.requestCounts()).toEqual({ [GET]: 1, [LIST]: 1 });
  });

  it("does not drop a key from state when its organization itself answers 404", async () => {
    const { id, outs } = await provider.create(await checked({}));
    bird.organizations.delete(ORG);
    const err = await provider.read(id, outs).catch((e) => e);
    expect(err).toBeInstanceOf(GoneUnconfirmedError);
    expect(err.message).toMatch(/not treated as deleted.*bird:organizationId/);
    await expect(provider.delete(id, outs)).rejects.toBeInstanceOf(GoneUnconfirmedError);
  });

  it("updates in place with one PATCH carrying only the changed fields, keeping the token", async () => {
    const inputs = await checked({ name: "ci", description: "same" });
    const { id, outs } = await provider.create(inputs);
    const patch = jest.spyOn(api, "updateAccessKey");
    emulator.resetCounts();
    const { outs: updated } = await provider.update(id, outs, { ...inputs, name: "ci-2" });
    expect(emulator.requestCounts()).toEqual({ [PATCH]: 1 });
    expect(patch.mock.calls[0][3]).toEqual({ name: "ci-2" });
    expect(updated).toMatchObject({ name: "ci-2", description: "same", accessKey: outs.accessKey });
  });

  it("makes no call when an update changes nothing", async () => {
    const inputs = await checked({});
    const { id, outs } = await provider.create(inputs);
    emulator.resetCounts();
    expect((await provider.update(id, outs, inputs)).outs).toEqual(outs);
    expect(emulator.requestCounts()).toEqual({});
  });

  it("deletes with one call and treats an already deleted key as done", async () => {
    const { id, outs } = await provider.create(await checked({}));
    emulator.resetCounts();
    await provider.delete(id, outs);
    expect(emulator.requestCounts()).toEqual({ [DELETE]: 1 });
    await provider.delete(id, outs);
    expect(emulator.requestCounts()).toEqual({ [DELETE]: 2, [LIST]: 1 });
    expect(bird.inventory()).toEqual([]);
  });

  it("replaces the key when the organization changes: the new one is made before the old one goes", async () => {
    bird.organizations.add(OTHER_ORG);
    const inputs = await checked({ name: "ci" });
    const old = await provider.create(inputs);
    const moved = await checked({ name: "ci", organizationId: OTHER_ORG });
    expect(await provider.diff(old.id, old.outs, moved)).toMatchObject({ changes: true, replaces: ["organizationId", "rotatedAt"] });
    const made = await provider.create(moved);
    await provider.delete(old.id, old.outs);
    expect(bird.inventory().map((k) => [k.id, k.organizationId])).toEqual([[made.id, OTHER_ORG]]);
  });

  it("adopts an existing key with one GET, keeping its name and description, with an empty token", async () => {
    const existing = bird.seed({ name: "made-by-hand", description: "from the dashboard", roleIds: [ROLE_A] });
    const inputs = await checked({ existingKeyId: String(existing.id).toUpperCase() });
    emulator.resetCounts();
    const { id, outs } = await provider.create(inputs);
    expect(emulator.requestCounts()).toEqual({ [GET]: 1 });
    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ name: "made-by-hand", description: "from the dashboard", roleIds: [ROLE_A], accessKey: "" });
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: false });
  });

  it("adopts and renames with one GET and one PATCH; a key from elsewhere is NotFound", async () => {
    const existing = bird.seed({ name: "made-by-hand" });
    const { outs } = await provider.create(await checked({ existingKeyId: existing.id, name: "managed" }));
    expect(outs.name).toBe("managed");
    expect(emulator.count("bird")).toBe(2);
    await expect(provider.create(await checked({ existingKeyId: "00000000-0000-4000-8000-000000000000" })))
      .rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps the last known roles when a record renders none", async () => {
    const { id, outs } = await provider.create(await checked({}));
    bird.roleField = "none";
    const known = { ...outs, roleIds: [ROLE_A], roleRefs: [{ id: ROLE_A, type: "managed", workspaces: [WS_1] }] };
    expect((await provider.read(id, known)).props).toMatchObject({ roleIds: [ROLE_A], roleRefs: known.roleRefs });
  });

  it("reads state written by 0.1.0 (roleIds, no roleRefs), and updates it with no call for the same roleIds", async () => {
    const seeded = bird.seed({ name: "old", description: "from 0.1.0", roleIds: [ROLE_A, ROLE_B] });
    const { roleRefs: _none, ...legacy } = (await provider.read(String(seeded.id), { organizationId: ORG } as AccessKeyOutputs)).props;
    emulator.resetCounts();
    // The old inputs 0.1.0 stored (no rotatedAt), as the engine hands them to check.
    const oldInputs = { logicalName: "key", organizationId: ORG, name: "old", description: "from 0.1.0", roleIds: [ROLE_A, ROLE_B], autoNamed: false };
    const result = await provider.check(oldInputs, { logicalName: "key", organizationId: ORG, name: "old", description: "from 0.1.0", roleIds: [ROLE_B, ROLE_A] });
    expect(result.failures).toEqual([]);
    const inputs = result.inputs as AccessKeyInputs;
    expect(await provider.diff(String(seeded.id), legacy as AccessKeyOutputs, inputs)).toMatchObject({ changes: false });
    expect((await provider.update(String(seeded.id), legacy as AccessKeyOutputs, inputs)).outs).toMatchObject(legacy);
    expect(emulator.requestCounts()).toEqual({});
    const organizationRefs = [ROLE_A, ROLE_B].map((id) => ({ id, type: "organization", workspaces: [] }));
    expect((await provider.read(String(seeded.id), legacy as AccessKeyOutputs)).props).toMatchObject({ roleIds: [ROLE_A, ROLE_B], roleRefs: organizationRefs });
  });

  it("sends roles as roleRefs on create and on update, only when they changed", async () => {
    const post = jest.spyOn(api, "createAccessKey");
    const patch = jest.spyOn(api, "updateAccessKey");
    const inputs = await checked({ roleRefs: [{ id: ROLE_B, type: "managed", workspaces: [WS_2, WS_1] }] });
    const { id, outs } = await provider.create(inputs);
    expect(post.mock.calls[0][2]).toEqual({ name: outs.name, description: outs.description, roleRefs: [{ id: ROLE_B, type: "managed", workspaces: [WS_1, WS_2] }] });
    await provider.update(id, { ...outs, roleRefs: [{ id: ROLE_B, type: "managed", workspaces: [WS_1] }] }, inputs);
    expect(patch.mock.calls[0][3]).toEqual({ roleRefs: [{ id: ROLE_B, type: "managed", workspaces: [WS_1, WS_2] }] });
    await provider.create(await checked({ roleIds: [ROLE_B, ROLE_A] }));
    expect(post.mock.calls[1][2].roleRefs).toEqual([{ id: ROLE_A, type: "organization" }, { id: ROLE_B, type: "organization" }]);
  });

  it("looks a key up for AccessKey.get with the organization from BIRD_ORGANIZATION_ID", async () => {
    const existing = bird.seed({ name: "external" });
    process.env.BIRD_ORGANIZATION_ID = ORG;
    try {
      const read = await provider.read(String(existing.id), { logicalName: "ext" } as AccessKeyOutputs);
      expect(read.props).toMatchObject({ name: "external", accessKey: "", logicalName: "ext" });
    } finally {
      delete process.env.BIRD_ORGANIZATION_ID;
    }
  });

  it("retries a 503 on read, honouring Retry-After", async () => {
    const { id, outs } = await provider.create(await checked({}));
    emulator.inject({ cloud: "bird", method: "GET", kind: "status", status: 503, retryAfter: "2", times: 2 });
    expect((await provider.read(id, outs)).id).toBe(id);
    expect(ctx.sleeps).toEqual([2000, 2000]);
  });
});

// These need the emulator's roleRefs: records carrying roleRefs (with workspaces), create and PATCH
// storing roleRefs (and deprecated roleIds), and out-of-band edits of roleRefs.
describe("Bird roleRefs against the emulator", () => {
  const scoped = [{ id: ROLE_A, type: "organization", workspaces: [WS_1, WS_2] }];
  beforeEach(() => (bird.roleField = "roleRefs"));

  it("creates a key with scoped roleRefs and returns them normalised", async () => {
    const { id, outs } = await provider.create(await checked({ roleRefs: [{ id: ROLE_A, type: "organization", workspaces: [WS_2, WS_1] }] }));
    expect(emulator.requestCounts()).toEqual({ [POST]: 1 });
    expect(outs).toMatchObject({ roleIds: [ROLE_A], roleRefs: scoped });
    expect(stored(id).roleRefs).toEqual(scoped);
  });

  it("sends roleIds as organization refs and reports them back in both outputs", async () => {
    const { id, outs } = await provider.create(await checked({ roleIds: [ROLE_B, ROLE_A] }));
    const organizationRefs = [ROLE_A, ROLE_B].map((role) => ({ id: role, type: "organization", workspaces: [] }));
    expect(outs).toMatchObject({ roleIds: [ROLE_A, ROLE_B], roleRefs: organizationRefs });
    // Sent as unscoped organization refs; the emulator renders "no workspaces" as [] as the samples' shape allows.
    expect(stored(id).roleRefs).toMatchObject([ROLE_A, ROLE_B].map((role) => ({ id: role, type: "organization" })));
    expect((stored(id).roleRefs as { workspaces?: string[] }[]).every((r) => (r.workspaces ?? []).length === 0)).toBe(true);
  });

  it("shows an out-of-band change of a ref's workspaces as drift, and one PATCH puts it back", async () => {
    const inputs = await checked({ roleRefs: scoped });
    const { id, outs } = await provider.create(inputs);
    bird.edit(id, { roleRefs: [{ id: ROLE_A, type: "organization", workspaces: [WS_1] }] });
    const read = await provider.read(id, outs);
    expect(read.props.roleRefs).toEqual([{ id: ROLE_A, type: "organization", workspaces: [WS_1] }]);
    expect(read.inputs).toMatchObject({ roleRefs: read.props.roleRefs });
    expect(await provider.diff(id, read.props, inputs)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    emulator.resetCounts();
    const { outs: back } = await provider.update(id, read.props, inputs);
    expect(emulator.requestCounts()).toEqual({ [PATCH]: 1 });
    expect(back.roleRefs).toEqual(scoped);
    expect(stored(id).roleRefs).toEqual(scoped);
  });
});
