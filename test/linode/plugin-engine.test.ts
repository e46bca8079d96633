/**
 * The plugin as shipped (`npm run plugin`'s archive, installed with `pulumi plugin install`)
 * under TypeScript programs and the real engine, against the emulator:
 * - the `import` resource option adopts a key made outside Pulumi, with no API write;
 * - a stack made with the dynamic `linode.ObjectStorageKey` moves to the plugin's type with an
 *   alias: nothing created or deleted, no API write, the same key id; refresh and destroy then
 *   go through the plugin.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { linode } from "../../provider";
import { buildPluginArchive, packageVersion } from "../../scripts/plugin";
import { fileEmulator, testToken } from "../helpers/emulator";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, pulumiCommand, recording } from "../helpers/engine";

jest.setTimeout(300_000);

const emulator = fileEmulator();
const TYPE = "access-keys:linode:ObjectStorageKey";
const TOKEN = testToken("linode");
const VERSION = packageVersion();
let home: string;
let stacks: EngineStack[] = [];

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-home-"));
  const archive = await buildPluginArchive(path.join(home, "build"));
  const pulumiBin = (await pulumiCommand()).command;
  execFileSync(pulumiBin, ["plugin", "install", "resource", "access-keys", VERSION, "--file", archive], { env: { ...process.env, PULUMI_HOME: home }, stdio: "pipe" });
});
afterAll(async () => {
  for (const s of stacks) await s.cleanup();
  fs.rmSync(home, { recursive: true, force: true });
});

async function stack(name: string, program: pulumi.automation.PulumiFn, config: Record<string, { value: string; secret?: boolean }>) {
  const s = await engineStack(name, program, config, { PULUMI_HOME: home, LINODE_TOKEN: "", LINODE_URL: "" });
  stacks.push(s);
  return s;
}

type StateResource = { urn: string; type: string; id?: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> };
const keysInState = (s: EngineStack): StateResource[] =>
  (JSON.parse(s.rawState()).checkpoint.latest?.resources ?? []).filter((r: StateResource) => r.type === TYPE || r.type.startsWith("pulumi-nodejs:dynamic/"));
/** Requests that change something at the cloud. */
const writes = () => Object.entries(emulator.requestCounts()).filter(([route]) => !/ GET /.test(route));

/** A key of the plugin's type, declared by hand (no generated SDK): the outputs the program reads are seeded. */
class PluginKey extends pulumi.CustomResource {
  declare readonly keyId: pulumi.Output<number>;
  declare readonly secretKey: pulumi.Output<string>;
  constructor(name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) {
    super(TYPE, name, { ...args, keyId: undefined, secretKey: undefined }, { version: VERSION, additionalSecretOutputs: ["secretKey"], ...opts });
  }
}

/** An explicit instance of the plugin's provider. */
class AccessKeysProvider extends pulumi.ProviderResource {
  constructor(name: string, args: Record<string, unknown>) {
    super("access-keys", name, args, { version: VERSION });
  }
}

test("the import resource option adopts a key made outside Pulumi through an explicit provider, with no API write", async () => {
  const made = await fetch(`${emulator.url("linode")}/object-storage/keys`, {
    method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ label: "made-outside", regions: ["us-east"] }),
  });
  const outside = String(((await made.json()) as { id: number }).id);
  const s = await stack("plugin-import", async () => {
    const account = new AccessKeysProvider("account", { linodeToken: pulumi.secret(TOKEN), linodeUrl: emulator.url("linode") });
    const key = new PluginKey("adopted", { label: "made-outside", regions: ["us-east"] }, { provider: account, import: outside });
    return { keyId: key.keyId, secretKey: key.secretKey };
  }, {});
  emulator.resetCounts();
  const up = await s.stack.up(recording(s));
  expect(up.summary.resourceChanges).toMatchObject({ import: 1 });
  expect(writes()).toEqual([]);
  expect(up.outputs.keyId.value).toBe(Number(outside));
  const [key] = keysInState(s);
  // Linode never returns a secret after creation: an imported key's secret is empty, and still ciphertext.
  expect({ id: key.id, inputs: key.inputs, secret: isCiphertext(key.outputs.secretKey) }).toEqual({ id: outside, inputs: { label: "made-outside", regions: ["us-east"] }, secret: true });
  const again = await s.stack.preview({ ...recording(s), expectNoChanges: true });
  expect(again.changeSummary).toEqual({ same: 3 });
  await s.stack.destroy(recording(s));
  expect(emulator.cloud("linode").inventory()).toEqual([]);
  expectNoLeaks(s, [TOKEN]);
});

test("a dynamic linode.ObjectStorageKey moves to the plugin's type with an alias: same key, no API write; refresh and destroy go through the plugin", async () => {
  const config = {
    "linode:token": { value: TOKEN, secret: true }, "linode:url": { value: emulator.url("linode") },
    "access-keys:linodeToken": { value: TOKEN, secret: true }, "access-keys:linodeUrl": { value: emulator.url("linode") },
  };
  const args = { label: "moved-key", regions: ["us-east"] };
  const s = await stack("plugin-alias", async () => ({ id: new linode.ObjectStorageKey("moved", args).id }), config);
  const up = await s.stack.up(recording(s));
  const [dynamic] = keysInState(s);
  expect(dynamic.type).toBe("pulumi-nodejs:dynamic/linode:ObjectStorageKey");

  (s.stack.workspace as LocalWorkspace).program = async () => ({ id: new PluginKey("moved", args, { aliases: [{ type: "pulumi-nodejs:dynamic/linode:ObjectStorageKey" }] }).id });
  emulator.resetCounts();
  const move = await s.stack.up(recording(s));
  expect(move.summary.resourceChanges).not.toHaveProperty("create");
  expect(move.summary.resourceChanges).not.toHaveProperty("delete");
  expect(writes()).toEqual([]);
  const [plugin] = keysInState(s);
  expect({ type: plugin.type, id: plugin.id }).toEqual({ type: TYPE, id: up.outputs.id.value });
  expect(emulator.cloud("linode").inventory().map((k) => String(k.id))).toEqual([up.outputs.id.value]);

  emulator.resetCounts();
  await s.stack.refresh(recording(s));
  expect(emulator.count("linode", "GET /v4/object-storage/keys/{keyId}")).toBe(1);
  await s.stack.destroy(recording(s));
  expect(emulator.cloud("linode").inventory()).toEqual([]);
  expectNoLeaks(s, [TOKEN]);
});
