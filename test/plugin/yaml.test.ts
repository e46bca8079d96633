/**
 * A YAML program through the provider plugin and the real engine, against the emulator: for
 * every registered cloud, an explicit provider for each of two accounts and a key in each. `up`
 * puts each key in its provider's account with secret outputs and no plaintext secret or token
 * in state; refresh takes in an out-of-band rename; `pulumi import` adopts a key made outside
 * Pulumi and the code it prints previews no changes; rotating each second account's token
 * updates its provider only (no key replaced, no API call); destroy empties every account.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createEmulator, Emulator } from "../../emulator";
import { authorization } from "../../provider/shared/cloud";
import { pluginKey, typeToken } from "../../provider/plugin/names";
import { storedSecrets, TestedCloud, testedClouds } from "../helpers/clouds";
import { testContext } from "../helpers/emulator";
import { expectNoLeaks, isCiphertext } from "../helpers/engine";
import { PluginProject, pluginProject, recorded } from "../helpers/plugin";

jest.setTimeout(360_000);

const CLOUDS = testedClouds();
const ACCOUNTS = ["one", "two"] as const;
type Account = (typeof ACCOUNTS)[number];
const tokens = (c: TestedCloud) => ({ one: `${c.name}-plugin-one-0001`, two: `${c.name}-plugin-two-0001`, rotated: `${c.name}-plugin-two-0002` });
const ALL_TOKENS = CLOUDS.flatMap((c) => Object.values(tokens(c)));
/**
 * Names in the program: `c0one` (a provider), `c0kone` (its key: under the 8 characters the leak
 * scan's `AccessKey <credential>` pattern looks for after a type token), `c0oneToken` (its token's config).
 */
const provider = (c: TestedCloud, a: Account) => `${c.short}${a}`;
const key = (c: TestedCloud, a: Account) => `${c.short}k${a}`;
const keyName = (c: TestedCloud, a: Account) => `plugin-${c.short}-${a}`;

let emulator: Emulator;
let p: PluginProject;

/** The program; `extra` (declarations, each line ending in a newline) is appended to `resources:`. */
function program(extra = ""): string {
  const lines = ["config:"];
  for (const c of CLOUDS) for (const a of ACCOUNTS) lines.push(`  ${provider(c, a)}Token: { type: string, secret: true }`);
  lines.push("resources:");
  for (const c of CLOUDS) {
    const { credentials } = c.descriptor;
    for (const a of ACCOUNTS) {
      const settings = { [pluginKey(credentials.token.configKey)]: `\${${provider(c, a)}Token}`, [pluginKey(credentials.url.configKey)]: emulator.url(c.name), ...c.harness.plugin.settings(a) };
      lines.push(`  ${provider(c, a)}:`, "    type: pulumi:providers:access-keys", `    properties: ${JSON.stringify(settings)}`);
      lines.push(`  ${key(c, a)}:`, `    type: ${typeToken(c.descriptor.kinds[0].kind)}`, `    properties: ${JSON.stringify(c.harness.plugin.declaration(keyName(c, a)))}`,
        `    options: { provider: "\${${provider(c, a)}}" }`);
    }
  }
  lines.push(`${extra}outputs:`);
  for (const c of CLOUDS) {
    for (const a of ACCOUNTS) lines.push(`  ${key(c, a)}Id: \${${key(c, a)}.id}`, `  ${key(c, a)}Secret: \${${key(c, a)}.${c.harness.secretOutput}}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Key ids per cloud and account, as the emulator holds them. */
function inventory(): Record<string, string[]> {
  return Object.fromEntries(CLOUDS.flatMap((c) => ACCOUNTS.map((a) => [`${c.name} ${a}`, emulator.cloud(c.name).inventory(a).map((k) => String(k.id))])));
}

const byName = (name: string) => p.resources().find((r) => r.urn.endsWith(`::${name}`))!;

beforeAll(async () => {
  const options = Object.fromEntries(CLOUDS.map((c) => [c.name, c.harness.accounts.emulatorOptions(tokens(c))]));
  emulator = createEmulator(options as Parameters<typeof createEmulator>[0]);
  await emulator.start();
  const config = Object.fromEntries(CLOUDS.flatMap((c) => ACCOUNTS.map((a) => [`${provider(c, a)}Token`, { value: tokens(c)[a], secret: true }])));
  // Nothing may come from the environment: each provider has its own account.
  const noAmbient = Object.fromEntries(CLOUDS.flatMap((c) => [c.descriptor.credentials.token.envVar, c.descriptor.credentials.url.envVar, ...c.descriptor.settings.map((s) => s.envVar)]).map((v) => [v, ""]));
  p = await pluginProject("plugin-yaml", "yaml", program(), config, noAmbient);
});
afterAll(async () => {
  await p?.cleanup();
  await emulator?.stop();
});

test(`two accounts of each of ${CLOUDS.length} clouds through explicit providers in a YAML program: up, refresh drift, pulumi import, token rotation, destroy`, async () => {
  const up = await p.stack.up(recorded(p));
  const perCloud = 2 * ACCOUNTS.length;
  expect(up.summary.resourceChanges).toEqual({ create: 1 + perCloud * CLOUDS.length });
  const id = (c: TestedCloud, a: Account) => String(up.outputs[`${key(c, a)}Id`].value);
  expect(inventory()).toEqual(Object.fromEntries(CLOUDS.flatMap((c) => ACCOUNTS.map((a) => [`${c.name} ${a}`, [id(c, a)]]))));
  for (const c of CLOUDS) {
    for (const a of ACCOUNTS) {
      const name = `${key(c, a)}Secret`;
      expect({ name, secret: up.outputs[name].secret, stored: isCiphertext(byName(key(c, a)).outputs[c.harness.secretOutput]) }).toEqual({ name, secret: true, stored: true });
      expect(up.stdout).toMatch(new RegExp(`${name}\\s*: \\[secret\\]`));
    }
  }
  const providers = (JSON.parse(p.rawState()).checkpoint.latest.resources as { type: string; inputs: Record<string, unknown> }[]).filter((r) => r.type === "pulumi:providers:access-keys");
  const tokenKeys = CLOUDS.map((c) => pluginKey(c.descriptor.credentials.token.configKey));
  expect(providers.flatMap((r) => tokenKeys.filter((k) => r.inputs[k] !== undefined).map((k) => isCiphertext(r.inputs[k])))).toEqual(providers.map(() => true));
  expectNoLeaks(p, [...ALL_TOKENS, ...CLOUDS.flatMap((c) => storedSecrets(c, emulator))]);

  // Each second account's key is renamed out of band: refresh takes it in, preview shows the name to restore.
  for (const c of CLOUDS) expect(emulator.cloud(c.name).edit(id(c, "two"), { [c.harness.plugin.nameField]: `renamed-${c.short}` })).toBe(true);
  const refresh = await p.stack.refresh(recorded(p));
  expect(refresh.summary.resourceChanges).toMatchObject({ update: CLOUDS.length });
  for (const c of CLOUDS) expect(byName(key(c, "two")).outputs[c.harness.plugin.nameField]).toBe(`renamed-${c.short}`);
  const drift = await p.stack.preview({ ...recorded(p), diff: true });
  expect(drift.changeSummary).toMatchObject({ update: CLOUDS.length });
  for (const c of CLOUDS) expect(drift.stdout).toMatch(new RegExp(`~ ${c.harness.plugin.nameField}\\s*: "renamed-${c.short}" => "${keyName(c, "two")}"`));
  await p.stack.up(recorded(p));
  for (const c of CLOUDS) expect(emulator.cloud(c.name).inventory("two")[0][c.harness.plugin.nameField]).toBe(keyName(c, "two"));

  // A key made outside Pulumi in each first account, all imported by one `pulumi import`, each through its account's provider.
  const state = JSON.parse(p.rawState()).checkpoint.latest.resources as { urn: string }[];
  const imports = await Promise.all(CLOUDS.map(async (c) => ({ type: typeToken(c.descriptor.kinds[0].kind), name: `${c.short}imp`, id: await madeOutside(c), provider: provider(c, "one") })));
  const nameTable = Object.fromEntries(CLOUDS.map((c) => [provider(c, "one"), state.find((r) => r.urn.endsWith(`::${provider(c, "one")}`))!.urn]));
  const importFile = path.join(p.dir, "import.json");
  fs.writeFileSync(importFile, JSON.stringify({ nameTable, resources: imports }));
  const printed = await p.cli(["import", "--file", importFile, "--protect=false", "--yes"]);
  expect(printed).toContain(`= ${CLOUDS.length} imported`);
  const declarations = printed.slice(printed.indexOf("resources:\n") + "resources:\n".length).trimEnd();
  for (const i of imports) {
    expect(declarations).toMatch(new RegExp(`^  ${i.name}:\\n    type: ${i.type}\\n`, "m"));
    const imported = byName(i.name);
    const cloud = CLOUDS.find((c) => i.name.startsWith(c.short))!;
    expect({ id: imported.id, secret: isCiphertext(imported.outputs[cloud.harness.secretOutput]) }).toEqual({ id: i.id, secret: true });
  }
  // The program with the printed declarations previews no changes.
  p.write(program(`${declarations}\n`));
  const same = await p.stack.preview({ ...recorded(p), diff: true, expectNoChanges: true });
  expect(same.changeSummary).toEqual({ same: 1 + (perCloud + 1) * CLOUDS.length });

  // Each second account's token is rotated: only its provider is updated, with no call to any cloud.
  for (const c of CLOUDS) {
    const { accounts } = emulator.cloud(c.name);
    accounts.addToken("two", tokens(c).rotated);
    accounts.revokeToken(tokens(c).two);
    await p.stack.setConfig(`${provider(c, "two")}Token`, { value: tokens(c).rotated, secret: true });
  }
  emulator.resetCounts();
  const rotated = await p.stack.up({ ...recorded(p), diff: true });
  expect(rotated.summary.resourceChanges).toEqual({ same: 1 + (perCloud + 1) * CLOUDS.length - CLOUDS.length, update: CLOUDS.length });
  for (const c of CLOUDS) {
    expect(rotated.stdout).toMatch(new RegExp(`~ pulumi:providers:access-keys: \\(update\\)[^]*${pluginKey(c.descriptor.credentials.token.configKey)}\\s*: \\[secret\\] => \\[secret\\]`));
  }
  expect(emulator.requestCounts()).toEqual({});

  // Refresh and destroy go through the new tokens.
  const after = await p.stack.refresh(recorded(p));
  expect(after.summary.resourceChanges).not.toHaveProperty("update");
  await p.stack.destroy(recorded(p));
  expect(inventory()).toEqual(Object.fromEntries(CLOUDS.flatMap((c) => ACCOUNTS.map((a) => [`${c.name} ${a}`, []]))));
  expectNoLeaks(p, ALL_TOKENS);
});

/** A key made in the cloud's first account without Pulumi (by the package's own code, called directly); its id. */
async function madeOutside(c: TestedCloud): Promise<string> {
  const made = c.harness.provider(() => testContext(emulator.url(c.name), authorization(c.descriptor, tokens(c).one), {}, { realSleep: true }));
  const { inputs } = await made.check({}, { ...c.harness.plugin.declaration(`outside-${c.short}`), ...c.harness.accounts.args("one"), logicalName: "outside" });
  return (await made.create(inputs as Record<string, unknown>)).id;
}
