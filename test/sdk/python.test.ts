/**
 * A Python program on the generated SDK (sdk/python, pip-installed into the venv that
 * scripts/python-venv.sh makes, with `pulumi` from PyPI) through the real CLI, the Python
 * language host (scripts/pulumi-language-host.sh python), the provider plugin and the emulator:
 * for every registered cloud, an explicit `access_keys.Provider` for each of two accounts and a
 * key in each, declared with the SDK's classes (`pulumi_access_keys.<cloud>.<Kind>`). `up` lands
 * each key in its provider's account with secret outputs and ciphertext state; refresh sees no
 * drift; destroy empties every account.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createEmulator, Emulator } from "../../emulator";
import { pluginKey } from "../../provider/plugin/names";
import { storedSecrets, TestedCloud, testedClouds } from "../helpers/clouds";
import { expectNoLeaks, isCiphertext } from "../helpers/engine";
import { PluginProject, pluginProject, recorded } from "../helpers/plugin";

jest.setTimeout(300_000);

const CLOUDS = testedClouds();
const ACCOUNTS = ["one", "two"] as const;
type Account = (typeof ACCOUNTS)[number];
const tokens = (c: TestedCloud) => ({ one: `${c.name}-python-one-0001`, two: `${c.name}-python-two-0001` });
const ALL_TOKENS = CLOUDS.flatMap((c) => Object.values(tokens(c)));
/** Names in the program (short: the leak scan's `AccessKey <credential>` pattern, helpers/engine.ts). */
const provider = (c: TestedCloud, a: Account) => `${c.short}${a}`;
const key = (c: TestedCloud, a: Account) => `${c.short}k${a}`;
/** The Python SDK's names: `allBucketsRead` -> `all_buckets_read`. */
const snake = (name: string) => name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
const snakeKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [snake(k), v]));
/** A Python expression for a JSON value (a JSON string literal is a Python string literal). */
const py = (value: unknown) => `json.loads(${JSON.stringify(JSON.stringify(value))})`;

let emulator: Emulator;
let p: PluginProject;
let venv: string;

/** The program, as a user writes it against the SDK: one provider and one key per account. */
function program(): string {
  const lines = ["import json", "import pulumi", "import pulumi_access_keys as access_keys", "", "config = pulumi.Config()"];
  for (const c of CLOUDS) {
    const { credentials, kinds } = c.descriptor;
    const [module, kind] = kinds[0].kind.split(":");
    lines.push(`from pulumi_access_keys import ${module} as ${c.short}_module`);
    for (const a of ACCOUNTS) {
      const settings = snakeKeys({ [pluginKey(credentials.url.configKey)]: emulator.url(c.name), ...c.harness.plugin.settings(a) });
      lines.push(
        `${provider(c, a)} = access_keys.Provider("${provider(c, a)}", ${snake(pluginKey(credentials.token.configKey))}=config.require_secret("${provider(c, a)}Token"), **${py(settings)})`,
        `${key(c, a)} = ${c.short}_module.${kind}("${key(c, a)}", **${py(snakeKeys(c.harness.plugin.declaration(`python-${c.short}-${a}`)))}, opts=pulumi.ResourceOptions(provider=${provider(c, a)}))`,
        `pulumi.export("${key(c, a)}Id", ${key(c, a)}.id)`,
        `pulumi.export("${key(c, a)}Secret", ${key(c, a)}.${snake(c.harness.secretOutput)})`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function inventory(): Record<string, string[]> {
  return Object.fromEntries(CLOUDS.flatMap((c) => ACCOUNTS.map((a) => [`${c.name} ${a}`, emulator.cloud(c.name).inventory(a).map((k) => String(k.id))])));
}

beforeAll(async () => {
  venv = process.env.PULUMI_ACCESS_KEYS_PYTHON_VENV ?? "";
  const host = process.env.PULUMI_ACCESS_KEYS_PYTHON_HOST_ROOT ?? "";
  if (!venv || !host) throw new Error("PULUMI_ACCESS_KEYS_PYTHON_VENV / _PYTHON_HOST_ROOT are not set: run through jest (test/global-setup.js)");
  emulator = createEmulator(Object.fromEntries(CLOUDS.map((c) => [c.name, c.harness.accounts.emulatorOptions(tokens(c))])) as Parameters<typeof createEmulator>[0]);
  await emulator.start();
  const config = Object.fromEntries(CLOUDS.flatMap((c) => ACCOUNTS.map((a) => [`${provider(c, a)}Token`, { value: tokens(c)[a], secret: true }])));
  // Nothing may come from the environment: each provider has its own account.
  const noAmbient = Object.fromEntries(CLOUDS.flatMap((c) => [c.descriptor.credentials.token.envVar, c.descriptor.credentials.url.envVar, ...c.descriptor.settings.map((s) => s.envVar)]).map((v) => [v, ""]));
  // The v3.68 Python host ignores `virtualenv`: the venv's bin goes first on PATH.
  const PATH = [path.join(venv, "bin"), path.join(host, "bin"), process.env.PATH ?? ""].join(path.delimiter);
  p = await pluginProject("sdk-python", "python", "", config, { ...noAmbient, PATH, PYTHONDONTWRITEBYTECODE: "1" });
  fs.writeFileSync(path.join(p.dir, "__main__.py"), program());
});
afterAll(async () => {
  await p?.cleanup();
  await emulator?.stop();
});

test("the generated SDK imports in a venv with pulumi from PyPI, and names the plugin version it pins", () => {
  const printed = execFileSync(path.join(venv, "bin", "python"), ["-c", "import pulumi, pulumi_access_keys; from pulumi_access_keys import _utilities; print(_utilities.get_version())"], { encoding: "utf8" });
  expect(printed.trim()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version);
});

test(`two accounts of each of ${CLOUDS.length} clouds through explicit providers in a Python program: up, refresh, destroy`, async () => {
  const up = await p.stack.up(recorded(p));
  expect(up.summary.resourceChanges).toEqual({ create: 1 + 2 * ACCOUNTS.length * CLOUDS.length });
  const id = (c: TestedCloud, a: Account) => String(up.outputs[`${key(c, a)}Id`].value);
  expect(inventory()).toEqual(Object.fromEntries(CLOUDS.flatMap((c) => ACCOUNTS.map((a) => [`${c.name} ${a}`, [id(c, a)]]))));
  const byName = (name: string) => p.resources().find((r) => r.urn.endsWith(`::${name}`))!;
  for (const c of CLOUDS) {
    for (const a of ACCOUNTS) {
      const name = `${key(c, a)}Secret`;
      expect({ name, secret: up.outputs[name].secret, stored: isCiphertext(byName(key(c, a)).outputs[c.harness.secretOutput]) }).toEqual({ name, secret: true, stored: true });
    }
  }
  const providers = (JSON.parse(p.rawState()).checkpoint.latest.resources as { type: string; inputs: Record<string, unknown> }[]).filter((r) => r.type === "pulumi:providers:access-keys");
  const tokenKeys = CLOUDS.map((c) => pluginKey(c.descriptor.credentials.token.configKey));
  expect(providers.flatMap((r) => tokenKeys.filter((k) => r.inputs[k] !== undefined).map((k) => isCiphertext(r.inputs[k])))).toEqual(providers.map(() => true));
  expectNoLeaks(p, [...ALL_TOKENS, ...CLOUDS.flatMap((c) => storedSecrets(c, emulator))]);

  const refresh = await p.stack.refresh(recorded(p));
  expect(refresh.summary.resourceChanges).toEqual({ same: 1 + 2 * ACCOUNTS.length * CLOUDS.length });

  await p.stack.destroy(recorded(p));
  expect(inventory()).toEqual(Object.fromEntries(CLOUDS.flatMap((c) => ACCOUNTS.map((a) => [`${c.name} ${a}`, []]))));
  expectNoLeaks(p, ALL_TOKENS);
});
