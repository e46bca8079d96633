/**
 * Bird keys through the real Pulumi engine: up, the roleIds deprecation warning, the token as
 * ciphertext in state, no-op preview (also on state written by 0.1.0, without roleRefs), refresh
 * after the key was used (lastUsedAt) reporting no change, drift on name and on a role's
 * workspaces, in-place update, replacement when the organization changes, a key
 * deleted out of band, adoption, one `__provider` for every key, destroy. (Bird has no rotation.)
 * Needs the compiled package (`npm run build`): the provider host loads it by name, and the
 * emulator's roleRefs (records carrying roleRefs with workspaces; create/PATCH storing them).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Emulator } from "../../emulator";
import { BIRD_EMULATOR_ORGANIZATION, BirdCloud } from "../../emulator/bird";
import { bird } from "../../provider";
import { ROLE_IDS_DEPRECATION } from "../../provider/bird/resource";
import { EngineStack, engineStack, expectNoLeaks, expectOneSerializedProvider, isCiphertext, recording } from "../helpers/engine";
import { startEmulator, TOKENS } from "../helpers/emulator";

jest.setTimeout(240_000);

const OTHER_ORG = "9b2e4c6a-1d3f-4a5b-8c7d-e9f0a1b2c3d4";
const ROLE = "11111111-2222-4333-8444-555555555555";
const WS_1 = "0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e";
const WS_2 = "9f9f9f9f-8e8e-4d7d-8c6c-5b5b5b5b5b5b";

let emulator: Emulator;
let cloud: BirdCloud;
let s: EngineStack;
let program: { main: bird.AccessKeyArgs; adopted?: bird.AccessKeyArgs } = { main: { roleIds: [ROLE] } };

beforeAll(async () => {
  emulator = await startEmulator();
  cloud = emulator.cloud<BirdCloud>("bird");
  cloud.organizations.add(OTHER_ORG);
  s = await engineStack(
    "bird-engine",
    async () => {
      const main = new bird.AccessKey("main", program.main);
      const out: Record<string, unknown> = { id: main.id, name: main.name, token: main.accessKey, org: main.organizationId };
      if (program.adopted) {
        const adopted = new bird.AccessKey("adopted", program.adopted);
        Object.assign(out, { adoptedId: adopted.id, adoptedName: adopted.name });
      }
      return out;
    },
    {
      "bird:accessKey": { value: TOKENS.bird, secret: true },
      "bird:apiUrl": { value: emulator.url("bird") },
      "bird:organizationId": { value: BIRD_EMULATOR_ORGANIZATION },
    },
    { BIRD_ACCESS_KEY: "", BIRD_API_URL: "", BIRD_ORGANIZATION_ID: "" },
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

const keyById = (id: unknown) => cloud.inventory().find((k) => k.id === id);

test("the full lifecycle through the engine", async () => {
  // up: the token is a secret output and ciphertext in state; roleIds warns from the program
  const up = await s.stack.up(recording(s));
  const id = up.outputs.id.value;
  expect(up.outputs.token).toEqual({ value: keyById(id)!.token, secret: true });
  expect(up.outputs.org.value).toBe(BIRD_EMULATOR_ORGANIZATION);
  expect(s.output.join("\n")).toContain(ROLE_IDS_DEPRECATION.slice(0, 40));
  const [resource] = s.resources();
  expect(resource.type).toBe("pulumi-nodejs:dynamic/bird:AccessKey");
  expect(isCiphertext(resource.outputs.accessKey)).toBe(true);
  expect(resource.inputs.organizationId).toBe(BIRD_EMULATOR_ORGANIZATION);
  expect(resource.outputs).not.toHaveProperty("lastUsedAt");
  expect(resource.outputs.__provider).toBe(resource.inputs.__provider);

  expect(resource.outputs.roleRefs).toEqual([{ id: ROLE, type: "organization", workspaces: [] }]);

  // no-op preview: no changes and no API calls, also on state as 0.1.0 wrote it (no roleRefs)
  emulator.resetCounts();
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: 2 });
  expect(rewriteState(s, (r) => delete r.outputs.roleRefs)).toBe(1);
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: 2 });
  expect(emulator.count("bird")).toBe(0);

  // the key is used: lastUsedAt moves, refresh reports nothing
  cloud.touch(String(id));
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);

  // drift on an auto-generated name: refresh shows it once, and the key keeps the new name
  cloud.edit(String(id), { name: "edited-in-dashboard" });
  expect((await s.stack.refresh(recording(s))).summary.resourceChanges).toMatchObject({ update: 1 });
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: 2 });

  // a name set in the program: updated in place, and drift from it is put back by up
  program.main = { ...program.main, name: "main-key" };
  const renamed = await s.stack.up(recording(s));
  expect(renamed.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(renamed.outputs.id.value).toBe(id);
  expect(renamed.outputs.token).toEqual(up.outputs.token);
  cloud.edit(String(id), { description: "edited-in-dashboard" });
  expect((await s.stack.refresh(recording(s))).summary.resourceChanges).toMatchObject({ update: 1 });
  expect((await s.stack.up(recording(s))).summary.resourceChanges).toMatchObject({ update: 1 });
  expect(keyById(id)).toMatchObject({ name: "main-key", description: "Managed by Pulumi (main)" });

  // roleIds -> roleRefs scoped to workspaces: one in-place update; a workspace changed out of band
  // is drift in refresh (~roleRefs) and the next up puts the program's scoping back
  const scoped = [{ id: ROLE, type: "organization" as const, workspaces: [WS_2, WS_1] }];
  program.main = { name: "main-key", roleRefs: scoped };
  expect((await s.stack.up(recording(s))).summary.resourceChanges).toMatchObject({ update: 1 });
  expect(keyById(id)).toMatchObject({ roleRefs: [{ id: ROLE, type: "organization", workspaces: [WS_1, WS_2] }] });
  cloud.edit(String(id), { roleRefs: [{ id: ROLE, type: "organization", workspaces: [WS_1] }] });
  const printed = s.output.length;
  expect((await s.stack.refresh(recording(s))).summary.resourceChanges).toMatchObject({ update: 1 });
  expect(s.output.slice(printed).join("\n")).toMatch(/~\s*roleRefs/);
  expect((await s.stack.up(recording(s))).summary.resourceChanges).toMatchObject({ update: 1 });
  expect(keyById(id)).toMatchObject({ roleRefs: [{ id: ROLE, type: "organization", workspaces: [WS_1, WS_2] }] });
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: 2 });

  // another organization (from stack config): a new key first, then the old one goes
  await s.stack.setConfig("bird:organizationId", { value: OTHER_ORG });
  const moved = await s.stack.up(recording(s));
  expect(moved.summary.resourceChanges).toMatchObject({ replace: 1 });
  const newId = moved.outputs.id.value;
  expect(keyById(id)).toBeUndefined();
  expect(keyById(newId)).toMatchObject({ organizationId: OTHER_ORG, name: "main-key" });
  expect(moved.outputs.token).toEqual({ value: keyById(newId)!.token, secret: true });

  // a key deleted out of band is dropped by refresh and made again by up
  cloud.remove(String(newId));
  const gone = await s.stack.refresh(recording(s));
  expect(gone.summary.resourceChanges).toMatchObject({ delete: 1 });
  const recreated = await s.stack.up(recording(s));
  expect(recreated.summary.resourceChanges).toMatchObject({ create: 1 });
  const remadeId = recreated.outputs.id.value;
  expect(remadeId).not.toBe(newId);
  expect(keyById(remadeId)).toMatchObject({ organizationId: OTHER_ORG, name: "main-key" });
  expect(recreated.outputs.token).toEqual({ value: keyById(remadeId)!.token, secret: true });
  expect(cloud.inventory()).toHaveLength(1);

  // adoption of a dashboard-made key keeps its name; no new key is made
  const existing = cloud.seed({ organizationId: OTHER_ORG, name: "made-by-hand" });
  program.adopted = { existingKeyId: String(existing.id) };
  const adopted = await s.stack.up(recording(s));
  expect(adopted.summary.resourceChanges).toMatchObject({ create: 1 });
  expect(adopted.outputs.adoptedId.value).toBe(existing.id);
  expect(adopted.outputs.adoptedName.value).toBe("made-by-hand");
  expect(cloud.inventory()).toHaveLength(2);

  // every key carries the same serialized provider, in inputs and in outputs
  expectOneSerializedProvider(s, 2);

  // nothing secret in state or in what the CLI printed
  expectNoLeaks(s, [...cloud.inventory().map((k) => String(k.token)), TOKENS.bird]);

  await s.stack.destroy(recording(s));
  expect(cloud.inventory()).toEqual([]);
});

/** Edits the main key in the raw checkpoint, e.g. to make it look as 0.1.0 wrote it. */
function rewriteState(stack: EngineStack, edit: (r: { urn: string; outputs: Record<string, unknown> }) => void): number {
  const file = path.join(stack.dir, "state", ".pulumi", "stacks", "bird-engine", "test.json");
  const state = JSON.parse(fs.readFileSync(file, "utf8"));
  const main = state.checkpoint.latest.resources.filter((r: { urn: string }) => String(r.urn).endsWith("::main"));
  main.forEach(edit);
  fs.writeFileSync(file, JSON.stringify(state, null, 4));
  return main.length;
}
