/** Linode as the cross-cloud tests drive it (test/helpers/clouds.ts). Wire facts: docs/api/linode.md. */
import { Emulator } from "../../emulator";
import { LinodeCloud } from "../../emulator/linode";
import { linode } from "../../provider";
import { ObjectStorageKeyProvider } from "../../provider/linode/provider";
import { CloudHarness, DeclaredKey, Props, TestedProvider } from "../helpers/clouds";

const KEY = "/v4/object-storage/keys/{keyId}";

export const harness: CloudHarness = {
  provider: (connect, now) => new ObjectStorageKeyProvider(connect, now) as unknown as TestedProvider,
  rotatesInPlace: false,
  keepsPrevious: true,
  inputs: () => ({ bucketAccess: [{ bucketName: "bkt", region: "us-east", permissions: "read_only" }] }),
  renamed: (inputs, name) => ({ ...inputs, label: name }),
  secretOutput: "secretKey",
  storedSecret: "secret_key",
  echoAuthBody: (a) => ({ errors: [{ reason: `bad header ${a}`, field: a.split(" ")[1] }] }),
  emulatorEcho: {
    path: "/object-storage/keys",
    fields: (body) => { const b = body as { errors: { reason: string; field: string }[] }; return [b.errors[0].reason, b.errors[0].field]; },
  },
  routes: {
    create: { method: "POST", route: "POST /v4/object-storage/keys" },
    read: { method: "GET", route: `GET ${KEY}` },
    update: { method: "PUT", route: `PUT ${KEY}` },
    delete: { method: "DELETE", route: `DELETE ${KEY}` },
  },
  offline: {
    keys: ["label", "bucketAccess", "regions", "existingKeyId"],
    valid: { label: "valid-label", bucketAccess: [{ bucketName: "bkt", region: "us-east", permissions: "read_only" }], regions: ["us-east"] },
    olds: { keyId: 7, label: "valid-label", accessKey: "AK", secretKey: "", limited: false, bucketAccess: null, regions: ["us-east"], regionEndpoints: [] },
    matching: { label: "valid-label" },
    least: {},
    created: { keyId: 1, accessKey: "A", secretKey: "s", limited: false, bucketAccess: null, regions: [], regionEndpoints: [] },
    id: "1",
  },
  // Linode's clients add /v4 to a bare host, so the mistake is leaving out the cloud's prefix path.
  paths: { wrongBase: "/linode", key: /\/object-storage\/keys\/\d+$/, list: /\/object-storage\/keys$/ },
  engine: {
    shim: linode.objectStorageKeyProvider,
    declare: (name, args) => declared(new linode.ObjectStorageKey(name, args as linode.ObjectStorageKeyArgs)),
    lookup: (name, id, state) => declared(linode.ObjectStorageKey.get(name, id, state as linode.ObjectStorageKeyState)),
    nth: (i) => ({ bucketAccess: [{ bucketName: `bucket-${i}`, region: "us-east", permissions: "read_only" }] }),
  },
  consumer: {
    declaration: `new accessKeys.linode.ObjectStorageKey("backups", {
  label: "consumer-backups",
  bucketAccess: [{ bucketName: "backups", region: "us-east", permissions: "read_write" }],
})`,
    nameOutput: "label",
    name: "consumer-backups",
    driftField: "label",
  },
  accounts: {
    emulatorOptions: (tokens) => ({ accounts: { one: [tokens.one], two: [tokens.two] } }),
    args: (): Props => ({}),
    seed: (emulator, account, label) => String(emulator.cloud<LinodeCloud>("linode").seed({ account, label }).id),
  },
  plugin: {
    settings: () => ({}),
    declaration: (name) => ({ label: name, regions: ["us-east"] }),
    nameField: "label",
  },
  load: {
    keys: 100,
    perWindow: 5,
    windowMs: 1_000,
    exceededBy: "up",
    prepare: (emulator: Emulator, keys) => {
      emulator.cloud<LinodeCloud>("linode").maxKeys = keys;
    },
  },
};

function declared(key: linode.ObjectStorageKey): DeclaredKey {
  return { id: key.id, name: key.label, secret: key.secretKey, rotatedAt: key.rotatedAt, extra: {}, resource: key };
}
