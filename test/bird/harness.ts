/** Bird as the cross-cloud tests drive it (test/helpers/clouds.ts). Wire facts: docs/api/bird.md. */
import { BIRD_EMULATOR_ORGANIZATION, BirdCloud } from "../../emulator/bird";
import { bird } from "../../provider";
import { AccessKeyProvider } from "../../provider/bird/provider";
import { CloudHarness, DeclaredKey, TestedProvider } from "../helpers/clouds";

const KEYS = "/organizations/{organizationId}/access-keys";
const ORGANIZATION = { one: "0b1e7c4a-1111-4a2b-9c3d-5e6f7a8b9c01", two: "0b1e7c4a-2222-4a2b-9c3d-5e6f7a8b9c02" };

/** When the offline tests' keys were made. */
const CREATED_AT = "2026-01-01T00:00:00.000Z";

export const harness: CloudHarness = {
  provider: (connect, now) => new AccessKeyProvider(connect, now) as unknown as TestedProvider,
  rotatesInPlace: false,
  keepsPrevious: true,
  inputs: () => ({ organizationId: BIRD_EMULATOR_ORGANIZATION }),
  renamed: (inputs, name) => ({ ...inputs, name }),
  secretOutput: "accessKey",
  storedSecret: "token",
  echoAuthBody: (a) => ({ code: a.split(" ")[1], message: `auth ${a}`, details: { [a]: [a] } }),
  emulatorEcho: {
    path: `/organizations/${BIRD_EMULATOR_ORGANIZATION}/access-keys`,
    fields: (body) => { const b = body as { message: string; code: string; details: unknown }; return [b.message, b.code, JSON.stringify(b.details)]; },
  },
  routes: {
    create: { method: "POST", route: `POST ${KEYS}` },
    read: { method: "GET", route: `GET ${KEYS}/{accessKeyId}` },
    update: { method: "PATCH", route: `PATCH ${KEYS}/{accessKeyId}` },
    delete: { method: "DELETE", route: `DELETE ${KEYS}/{accessKeyId}` },
  },
  offline: {
    keys: ["organizationId", "name", "description", "roleIds", "existingKeyId"],
    valid: { organizationId: BIRD_EMULATOR_ORGANIZATION, name: "ci", description: "CI deploys" },
    olds: {
      organizationId: BIRD_EMULATOR_ORGANIZATION, name: "ci", description: "CI deploys", type: "user", suffix: "abcdef",
      createdAt: "", updatedAt: null, roleIds: [], accessKey: "t",
    },
    matching: { organizationId: BIRD_EMULATOR_ORGANIZATION, name: "ci", description: "CI deploys" },
    least: { organizationId: BIRD_EMULATOR_ORGANIZATION },
    created: { type: "user", suffix: "abcdef", createdAt: CREATED_AT, updatedAt: null, roleIds: [], accessKey: "s" },
    id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  },
  paths: { wrongBase: "/bird/v1", key: /\/access-keys\/[0-9a-f-]{36}$/, list: /\/access-keys$/ },
  engine: {
    shim: bird.accessKeyProvider,
    declare: (name, args) => declared(new bird.AccessKey(name, args as bird.AccessKeyArgs)),
    lookup: (name, id, state) => declared(bird.AccessKey.get(name, id, state as bird.AccessKeyState)),
    nth: () => ({ organizationId: BIRD_EMULATOR_ORGANIZATION }),
  },
  consumer: { declaration: `new accessKeys.bird.AccessKey("ci", { description: "CI deploys" })`, nameOutput: "name" },
  accounts: {
    emulatorOptions: (tokens) => ({
      accounts: { one: { tokens: [tokens.one], organizations: [ORGANIZATION.one] }, two: { tokens: [tokens.two], organizations: [ORGANIZATION.two] } },
      organizations: [ORGANIZATION.one, ORGANIZATION.two],
    }),
    args: (account) => ({ organizationId: ORGANIZATION[account] }),
    seed: (emulator, account, name) => String(emulator.cloud<BirdCloud>("bird").seed({ organizationId: ORGANIZATION[account], name }).id),
  },
  plugin: {
    settings: (account) => ({ birdOrganizationId: ORGANIZATION[account] }),
    declaration: (name) => ({ name, description: "CI deploys" }),
    nameField: "name",
  },
  load: { keys: 100, perWindow: 5, windowMs: 1_000, exceededBy: "up" },
};

function declared(key: bird.AccessKey): DeclaredKey {
  return { id: key.id, name: key.name, secret: key.accessKey, rotatedAt: key.rotatedAt, extra: {}, resource: key };
}
