/**
 * The emulator's Bird answers follow the documented samples (samples.md): records carry
 * `roleRefs`, the deprecated `roleIds` still works, create answers 201 `{accessKey, token}` and
 * DELETE 204 with no content.
 */
import { Emulator } from "../../emulator";
import { BIRD_EMULATOR_ORGANIZATION } from "../../emulator/bird";
import { startEmulator } from "../helpers/emulator";
import { call } from "../emulator/helpers";

const KEYS = `/organizations/${BIRD_EMULATOR_ORGANIZATION}/access-keys`;
const ROLE = "123e4567-e89b-12d3-a456-426614174000";
const WORKSPACE = "0b7e4d2a-9c1f-4e3b-8a6d-5f2c1e9b7a40";
/** The record's fields in the order of the create sample (samples.md section 2). */
const RECORD_FIELDS = ["id", "organizationId", "name", "type", "description", "suffix", "lastUsedAt", "createdAt", "updatedAt", "roleRefs"];

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const create = (roles: Record<string, unknown>) => call(emulator, "bird", "POST", KEYS, { name: "ci", description: "made by a test", ...roles });

describe("Bird access keys", () => {
  it("create answers 201 {accessKey, token} with the sample's fields, roleRefs round-tripping through GET, list and PATCH", async () => {
    const roleRefs = [{ id: ROLE, type: "managed", workspaces: [WORKSPACE] }];
    const made = await create({ roleRefs });
    expect(made.status).toBe(201);
    expect(Object.keys(made.json)).toEqual(["accessKey", "token"]);
    expect(Object.keys(made.json.accessKey)).toEqual(RECORD_FIELDS);
    expect(made.json.accessKey.roleRefs).toEqual(roleRefs);
    const { id } = made.json.accessKey;
    expect((await call(emulator, "bird", "GET", `${KEYS}/${id}`)).json.roleRefs).toEqual(roleRefs);
    expect((await call(emulator, "bird", "GET", KEYS)).json.results[0].roleRefs).toEqual(roleRefs);
    const replaced = [{ id: ROLE, type: "organization", workspaces: [] }];
    expect((await call(emulator, "bird", "PATCH", `${KEYS}/${id}`, { roleRefs: replaced })).json.roleRefs).toEqual(replaced);
  });

  it("the deprecated roleIds become organization roleRefs with no workspaces, on create and PATCH", async () => {
    const made = await create({ roleIds: [ROLE] });
    expect(made.json.accessKey.roleRefs).toEqual([{ id: ROLE, type: "organization", workspaces: [] }]);
    const other = "5d0c8f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f";
    const patched = await call(emulator, "bird", "PATCH", `${KEYS}/${made.json.accessKey.id}`, { roleIds: [other] });
    expect(patched.json.roleRefs).toEqual([{ id: other, type: "organization", workspaces: [] }]);
  });

  it("roleIds and roleRefs together are refused with 422", async () => {
    const refused = await create({ roleIds: [ROLE], roleRefs: [{ id: ROLE, type: "organization", workspaces: [] }] });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ code: "InvalidPayload", details: { roleIds: expect.any(Array) } });
    expect(emulator.cloud("bird").inventory()).toHaveLength(0);
  });

  it("malformed roleRefs are refused with 422", async () => {
    expect((await create({ roleRefs: [{ id: "not-a-uuid", type: "organization" }] })).status).toBe(422);
    expect((await create({ roleRefs: [{ id: ROLE, type: "custom" }] })).status).toBe(422);
  });

  it("DELETE answers 204 with no content", async () => {
    const made = await create({});
    const deleted = await call(emulator, "bird", "DELETE", `${KEYS}/${made.json.accessKey.id}`);
    expect([deleted.status, deleted.text]).toEqual([204, ""]);
  });
});
