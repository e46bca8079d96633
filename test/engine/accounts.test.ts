/**
 * Several accounts in one stack, through the real Pulumi engine: two accounts of every registered
 * cloud (with its own organization where the cloud has them), each resource with its own
 * `credentials` read from `config.requireSecret`, plus a lookup (`get`) in each cloud's second
 * account. Each account ends with exactly its own keys; no token is in state or in the CLI's
 * output (diffs included); rotating each second account's token is an update with no API call,
 * after which refresh and destroy work with the new token while the old one is refused.
 */
import * as pulumi from "@pulumi/pulumi";
import { createEmulator, Emulator } from "../../emulator";
import { inventoryIds, storedSecrets, TestedCloud, testedClouds } from "../helpers/clouds";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";

jest.setTimeout(240_000);

const CLOUDS = testedClouds();
/** Each cloud's tokens: account one's, account two's, and the one account two's is rotated to. */
const tokens = (cloud: TestedCloud) => ({ one: `${cloud.name}-account-one-0001`, two: `${cloud.name}-account-two-0001`, rotated: `${cloud.name}-account-two-0002` });
const configKey = (cloud: TestedCloud, account: "one" | "two") => `${cloud.name}${account === "one" ? "One" : "Two"}`;
const ALL_TOKENS = CLOUDS.flatMap((c) => Object.values(tokens(c)));

let emulator: Emulator;
let s: EngineStack;

beforeAll(async () => {
  const options = Object.fromEntries(CLOUDS.map((c) => [c.name, c.harness.accounts.emulatorOptions(tokens(c))]));
  emulator = createEmulator(options as Parameters<typeof createEmulator>[0]);
  await emulator.start();
  const config: Record<string, { value: string; secret?: boolean }> = {};
  const env: Record<string, string> = {};
  for (const cloud of CLOUDS) {
    config[`accounts:${configKey(cloud, "one")}`] = { value: tokens(cloud).one, secret: true };
    config[`accounts:${configKey(cloud, "two")}`] = { value: tokens(cloud).two, secret: true };
    // Account two's keys give no URL: it comes from the setting, as without credentials.
    config[cloud.descriptor.credentials.url.configKey] = { value: emulator.url(cloud.name) };
    env[cloud.descriptor.credentials.token.envVar] = "";
  }
  s = await engineStack("accounts", program, config, env);
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

/** The README's example, one resource per account, and a lookup in each second account. */
async function program() {
  const config = new pulumi.Config();
  const outputs: Record<string, pulumi.Output<unknown>> = {};
  for (const cloud of CLOUDS) {
    const { tokenField, urlField } = cloud.descriptor.credentials;
    const { engine, accounts } = cloud.harness;
    const one = engine.declare(`${cloud.short}a`, {
      ...accounts.args("one"), credentials: { [tokenField]: config.requireSecret(configKey(cloud, "one")), [urlField]: emulator.url(cloud.name) },
    });
    const twoCredentials = { [tokenField]: config.requireSecret(configKey(cloud, "two")) };
    const two = engine.declare(`${cloud.short}b`, { ...accounts.args("two"), credentials: twoCredentials });
    const lookup = engine.lookup(`${cloud.short}l`, two.id, { ...accounts.args("two"), credentials: twoCredentials });
    outputs[cloud.name] = pulumi.output({ one: one.id, two: two.id, lookupName: lookup.name });
  }
  return outputs;
}

/** Key ids per account, as the emulator holds them. */
function idsByAccount(): Record<string, { one: string[]; two: string[] }> {
  return Object.fromEntries(CLOUDS.map((c) => [c.name, { one: inventoryIds(c, emulator, "one"), two: inventoryIds(c, emulator, "two") }]));
}

/** Whether the cloud's emulator refuses a token (401, or 403 where the cloud answers a bad token so). */
async function refuses(cloud: TestedCloud, token: string): Promise<boolean> {
  const headers = { authorization: `${cloud.descriptor.credentials.scheme} ${token}` };
  return [401, 403].includes((await fetch(`${emulator.url(cloud.name)}/`, { headers })).status);
}

test(`two accounts of each of ${CLOUDS.length} clouds in one stack, each with its own key, credentials only as ciphertext, rotation without API calls`, async () => {
  const up = await s.stack.up(recording(s));
  expect(up.summary.resourceChanges).toMatchObject({ create: 2 * CLOUDS.length + 1 });
  const ids = Object.fromEntries(CLOUDS.map((c) => [c.name, up.outputs[c.name].value as { one: string; two: string; lookupName: string }]));
  expect(idsByAccount()).toEqual(Object.fromEntries(CLOUDS.map((c) => [c.name, { one: [ids[c.name].one], two: [ids[c.name].two] }])));
  for (const c of CLOUDS) expect(ids[c.name].lookupName).toMatch(new RegExp(`^${c.short}b-[a-z0-9]{7}$`));

  // Credentials are ciphertext in inputs and outputs of every resource, the lookups included.
  const managed = s.resources().filter((r) => r.outputs.credentials !== undefined);
  expect(managed).toHaveLength(3 * CLOUDS.length);
  for (const r of managed) {
    expect({ id: r.id, input: isCiphertext(r.inputs.credentials), output: isCiphertext(r.outputs.credentials) })
      .toEqual({ id: r.id, input: true, output: true });
  }

  // Each account two's token is rotated: the emulator takes the new one and refuses the old.
  for (const c of CLOUDS) {
    const { accounts } = emulator.cloud(c.name);
    accounts.addToken("two", tokens(c).rotated);
    accounts.revokeToken(tokens(c).two);
    expect({ cloud: c.name, old: await refuses(c, tokens(c).two), rotated: await refuses(c, tokens(c).rotated) })
      .toEqual({ cloud: c.name, old: true, rotated: false });
    await s.stack.setConfig(`accounts:${configKey(c, "two")}`, { value: tokens(c).rotated, secret: true });
  }

  // The diff shows a credentials change, never the tokens (secret inputs display as [secret]).
  emulator.resetCounts();
  const preview = await s.stack.preview({ ...recording(s), diff: true });
  expect(preview.changeSummary).toMatchObject({ update: CLOUDS.length, same: CLOUDS.length + 1 });
  for (const c of CLOUDS) {
    const type = `pulumi-nodejs:dynamic/${c.descriptor.kinds[0].kind}`;
    // The CLI pads property names to a column, so any spaces may come before the colon.
    expect(preview.stdout).toMatch(new RegExp(`~ ${type.replace(/[/:]/g, "\\$&")}: \\(update\\)[^]*credentials *: \\[secret\\]`));
  }
  emulator.resetCounts();
  const rotated = await s.stack.up({ ...recording(s), diff: true });
  expect(rotated.summary.resourceChanges).toMatchObject({ update: CLOUDS.length });
  // No call for the updates; only each lookup is read again (with the new token), as on every up.
  expect(emulator.requestCounts()).toEqual(Object.fromEntries(CLOUDS.map((c) => [`${c.name} ${c.harness.routes.read.route}`, 1])));

  // Refresh and destroy use the stored (new) tokens: the old ones would be refused.
  emulator.resetCounts();
  const refresh = await s.stack.refresh(recording(s));
  expect(refresh.summary.resourceChanges).not.toHaveProperty("update");
  for (const c of CLOUDS) expect({ cloud: c.name, reads: emulator.count(c.name, c.harness.routes.read.route) }).toEqual({ cloud: c.name, reads: 3 });
  expectNoLeaks(s, [...ALL_TOKENS, ...CLOUDS.flatMap((c) => storedSecrets(c, emulator))]);

  await s.stack.destroy(recording(s));
  expect(idsByAccount()).toEqual(Object.fromEntries(CLOUDS.map((c) => [c.name, { one: [], two: [] }])));
  expectNoLeaks(s, ALL_TOKENS);
});
