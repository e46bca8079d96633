/** Katapult as the cross-cloud tests drive it (test/helpers/clouds.ts). Wire facts: docs/api/katapult.md. */
import { Emulator } from "../../emulator";
import { KatapultCloud } from "../../emulator/katapult";
import { katapult } from "../../provider";
import { AccessKeyProvider } from "../../provider/katapult/provider";
import { CloudHarness, DeclaredKey, Props, TestedProvider } from "../helpers/clouds";

const KEY = "/core/v1/object_storage/access_keys/access_key";
const ON_EMULATOR = { organization: { subDomain: "emulator" } };
const emulatedKatapult = (emulator: Emulator) => emulator.cloud<KatapultCloud>("katapult");

/** When the offline tests' keys were made. */
const CREATED_AT = "2026-01-01T00:00:00.000Z";

export const harness: CloudHarness = {
  provider: (connect, now) => new AccessKeyProvider(connect, now) as unknown as TestedProvider,
  rotatesInPlace: true,
  keepsPrevious: true,
  // The key in use is read (bucket ACL grants), the second key created, given credentials and read until configured.
  overlapRotationCalls: { read: 2, create: 1, credentials: 1 },
  inputs: () => ({ ...ON_EMULATOR, allObjectsRead: true, rotation: 1 }),
  renamed: (inputs, name) => ({ ...inputs, name }),
  rotated: (inputs) => ({ ...inputs, rotation: 2 }),
  secretOutput: "secretAccessKey",
  storedSecret: "s3_secret_access_key",
  echoAuthBody: (a) => ({ error: { code: a, description: `got ${a}`, detail: { errors: [a.split(" ")[1]] } } }),
  emulatorEcho: {
    path: "/object_storage/access_keys/access_key?access_key%5Bid%5D=x",
    fields: (body) => { const b = body as { error: { description: string; code: string; detail: unknown } }; return [b.error.description, b.error.code, JSON.stringify(b.error.detail)]; },
  },
  routes: {
    create: { method: "POST", route: "POST /core/v1/organizations/organization/object_storage/object_storage_cluster/access_keys" },
    read: { method: "GET", route: `GET ${KEY}` },
    update: { method: "PATCH", route: `PATCH ${KEY}` },
    delete: { method: "DELETE", route: `DELETE ${KEY}` },
    credentials: { method: "POST", route: `POST ${KEY}/generate_credentials` },
  },
  // The emulator refuses the first creates as "provisioning" by default, as Katapult can (docs/api/katapult.md).
  prepare: (emulator) => {
    emulatedKatapult(emulator).provisioning.createRejections = 0;
  },
  offline: {
    keys: ["organization", "region", "name", "allBucketsRead", "allObjectsRead", "allObjectsWrite", "rotation", "existingKeyId"],
    valid: { organization: { subDomain: "acme" }, region: "uk-lon-1", name: "ci", allObjectsRead: true, rotation: 1 },
    olds: {
      organization: { subDomain: "acme" }, region: "uk-lon-1", name: "ci", allBucketsRead: false, allObjectsRead: false, allObjectsWrite: false,
      state: "configured", accessKeyId: "AK", secretAccessKey: "s", serverUrl: "", s3Endpoint: "", readBuckets: [], writeBuckets: [], createdAt: "",
    },
    matching: { organization: { subDomain: "acme" }, region: "uk-lon-1", name: "ci" },
    least: { organization: { subDomain: "acme" } },
    created: { state: "configured", accessKeyId: "A", secretAccessKey: "s", serverUrl: "", s3Endpoint: "", readBuckets: [], writeBuckets: [], createdAt: CREATED_AT },
    id: "objkey_AbC123dEf456gH78",
  },
  paths: { wrongBase: "/katapult", key: /\/object_storage\/access_keys\/access_key$/, list: /\/access_keys$/ },
  engine: {
    shim: katapult.objectStorageAccessKeyProvider,
    declare: (name, args) => declared(new katapult.ObjectStorageAccessKey(name, args as katapult.ObjectStorageAccessKeyArgs)),
    lookup: (name, id, state) => declared(katapult.ObjectStorageAccessKey.get(name, id, state as katapult.ObjectStorageAccessKeyState)),
    nth: () => ({ ...ON_EMULATOR, allObjectsRead: true }),
    slowProvisioning: {
      prepare: (emulator) => {
        emulatedKatapult(emulator).configureDelayMs = 1_500;
      },
      stackSettings: { "katapult:credentialsTimeoutSeconds": "20" },
    },
    // A new key is usable only once configured: `up` reads it until it is (create, credentials, then reads).
    checkUp: (outputs, emulator, after) => {
      expect(outputs.state).toBe("configured");
      if (after === "create") expect(emulator.count("katapult", `GET ${KEY}`)).toBeGreaterThanOrEqual(2);
    },
  },
  consumer: {
    declaration: `new accessKeys.katapult.ObjectStorageAccessKey("s3", { allBucketsRead: true, allObjectsRead: true })`,
    nameOutput: "name",
  },
  accounts: {
    emulatorOptions: (tokens) => ({
      accounts: { one: { tokens: [tokens.one], organizations: ["one"] }, two: { tokens: [tokens.two], organizations: ["two"] } },
      organizations: [{ id: "org_One00000000001", sub_domain: "one" }, { id: "org_Two00000000001", sub_domain: "two" }],
      provisioning: { createRejections: 0 },
    }),
    args: (account): Props => ({ organization: { subDomain: account } }),
    seed: (emulator, account, name) => {
      const organization = emulatedKatapult(emulator).organizations.find((o) => o.sub_domain === account)!;
      return String(emulatedKatapult(emulator).seed({ organization_id: organization.id, name }).id);
    },
  },
  // Katapult's budget is per clock minute (docs/api/katapult.md): 70 keys make 210 requests on
  // `up` and 350 in all against 250 a minute, so it runs out once, during refresh.
  plugin: {
    settings: (account) => ({ katapultOrganization: account }),
    declaration: (name) => ({ name, allBucketsRead: true }),
    nameField: "name",
  },
  load: { keys: 70, perWindow: 250, windowMs: 60_000, exceededBy: "refresh" },
};

function declared(key: katapult.ObjectStorageAccessKey): DeclaredKey {
  return { id: key.id, name: key.name, secret: key.secretAccessKey, rotatedAt: key.rotatedAt, extra: { state: key.state }, resource: key };
}
