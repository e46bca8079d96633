/**
 * `pulumi-access-keys audit` through the real engine, run as a user runs it (the package's bin,
 * a child process). A stack holds one key per cloud in account one (settings from stack config)
 * and one in account two (the resource's own `credentials`); each cloud also has a key made by
 * hand in account two, and the keys a `pulumi up` killed mid-create left behind (the emulator
 * stalls the creates to widen the window; the next `up` makes them again). The audit lists
 * exactly those as unmanaged, in the table and in JSON, with the exit codes CI relies on; without
 * the passphrase it lists what the environment reaches and names what it skipped.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { createEmulator, Emulator } from "../../emulator";
import { CommandRun, childTree, killTree, runAudit } from "../helpers/audit";
import { storedSecrets, TestedCloud, testedClouds } from "../helpers/clouds";
import { EngineStack, engineStack, PASSPHRASE } from "../helpers/engine";

jest.setTimeout(600_000);

const CLOUDS = testedClouds();
const tokens = (cloud: TestedCloud) => ({ one: `${cloud.name}-audit-one-0001`, two: `${cloud.name}-audit-two-0001` });
const twoKey = (cloud: TestedCloud) => `${cloud.short}Two`;
const ALL_TOKENS = CLOUDS.flatMap((c) => Object.values(tokens(c)));
/** How long the emulator holds each create of the killed run before making the key. */
const STALL_MS = 30_000;
const BY_HAND = "made-by-hand";

interface AuditJson {
  keys: { cloud: string; account: string; id: string; name: string; status: string; hints: Record<string, unknown> }[];
  skipped: { cloud: string; account: string; reason: string }[];
}

let emulator: Emulator;
let s: EngineStack;
const runs: CommandRun[] = [];
/** Every key secret the emulator held when an audit ran: none may appear in its output. */
const keySecrets = new Set<string>();

beforeAll(async () => {
  const options = Object.fromEntries(CLOUDS.map((c) => [c.name, c.harness.accounts.emulatorOptions(tokens(c))]));
  emulator = createEmulator(options as Parameters<typeof createEmulator>[0]);
  await emulator.start();
  for (const cloud of CLOUDS) cloud.harness.prepare?.(emulator);
  const config: Record<string, { value: string; secret?: boolean }> = {};
  const env: Record<string, string> = {};
  for (const cloud of CLOUDS) {
    const { token, url } = cloud.descriptor.credentials;
    config[token.configKey] = { value: tokens(cloud).one, secret: true };
    config[url.configKey] = { value: emulator.url(cloud.name) };
    config[`audit:${twoKey(cloud)}`] = { value: tokens(cloud).two, secret: true };
    env[token.envVar] = "";
  }
  s = await engineStack("audit", program, config, env);
});
afterAll(async () => {
  await s?.stack.destroy().catch(() => undefined);
  await s?.cleanup();
  await emulator?.stop();
});

/** Per cloud: a key in account one (settings) and one in account two (its own credentials). */
async function program() {
  const config = new pulumi.Config();
  const ids: Record<string, pulumi.Output<string>> = {};
  for (const cloud of CLOUDS) {
    const { accounts, engine } = cloud.harness;
    ids[`${cloud.short}a`] = engine.declare(`${cloud.short}a`, accounts.args("one")).id;
    const credentials = { [cloud.descriptor.credentials.tokenField]: config.requireSecret(twoKey(cloud)) };
    ids[`${cloud.short}b`] = engine.declare(`${cloud.short}b`, { ...accounts.args("two"), credentials }).id;
  }
  return ids;
}

/** The environment a user's shell has: the CLI on PATH, the stack's Pulumi home, no cloud token. */
function shellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.join(process.env.PULUMI_ACCESS_KEYS_PULUMI_ROOT!, "bin")}:${process.env.PATH}`,
    PULUMI_HOME: path.join(s.dir, "home"), PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_CONFIG_PASSPHRASE: PASSPHRASE };
  for (const cloud of CLOUDS) delete env[cloud.descriptor.credentials.token.envVar];
  for (const [k, v] of Object.entries(extra)) {
    if (v === "") delete env[k];
    else env[k] = v;
  }
  return env;
}

async function audit(args: string[], env = shellEnv()): Promise<CommandRun> {
  for (const cloud of CLOUDS) for (const secret of storedSecrets(cloud, emulator)) if (secret) keySecrets.add(secret);
  const run = await runAudit(args, env);
  runs.push(run);
  return run;
}

/** Starts `pulumi up`, and kills it and everything under it once every cloud's creates are held by the emulator. */
async function killedUp(): Promise<void> {
  for (const cloud of CLOUDS) emulator.inject({ kind: "stall", ms: STALL_MS, cloud: cloud.name, route: cloud.harness.routes.create.route, times: 2 });
  const up = s.stack.up().then(() => "finished", (err: Error) => err.message);
  const arrived = () => CLOUDS.every((c) => emulator.count(c.name, c.harness.routes.create.route) >= 2);
  for (const deadline = Date.now() + 180_000; !arrived(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > deadline) throw new Error(`the creates never reached the emulator: ${JSON.stringify(emulator.requestCounts())}`);
  }
  const tree = childTree("pulumi");
  expect(tree.length).toBeGreaterThan(0);
  killTree(tree);
  expect(await up).not.toBe("finished");
  // The held creates still land, as a create the cloud received does after its client died.
  for (const deadline = Date.now() + STALL_MS + 60_000; CLOUDS.some((c) => emulator.cloud(c.name).inventory().length < 3);) {
    if (Date.now() > deadline) throw new Error("the held creates never landed");
    await new Promise((r) => setTimeout(r, 200));
  }
}

function managedIds(): Set<string> {
  return new Set(s.resources().map((r) => r.id!));
}

/** Every key the emulator holds, by cloud and id, with the status the state gives it. */
function expectedKeys(): { cloud: string; id: string; status: string }[] {
  const managed = managedIds();
  return CLOUDS.flatMap((c) => emulator.cloud(c.name).inventory().map((k) => String(k.id)).map((id) => ({ cloud: c.name, id, status: managed.has(id) ? "managed" : "unmanaged" })));
}

const sorted = <T extends { cloud: string; id: string }>(list: T[]) => [...list].sort((a, b) => `${a.cloud} ${a.id}`.localeCompare(`${b.cloud} ${b.id}`));

test("audit lists exactly the keys no stack manages: made by hand, and left by a killed `pulumi up`", async () => {
  const byHand = Object.fromEntries(CLOUDS.map((c) => [c.name, c.harness.accounts.seed(emulator, "two", BY_HAND)]));
  await killedUp();
  // The killed run left its lock, as in a cancelled CI job: `pulumi cancel` releases it.
  await s.stack.cancel();
  const up = await s.stack.up();
  expect(up.summary.result).toBe("succeeded");
  const state = JSON.parse(s.rawState()).checkpoint;
  expect(s.resources()).toHaveLength(2 * CLOUDS.length);

  const table = await audit(["--cwd", s.dir, "--stack", "test"]);
  const json = await audit(["--cwd", s.dir, "--stack", "test", "--json"]);
  expect({ table: table.code, json: json.code }).toEqual({ table: 0, json: 0 });
  const report = JSON.parse(json.stdout) as AuditJson;
  expect(report.skipped).toEqual([]);
  expect(sorted(report.keys.map(({ cloud, id, status }) => ({ cloud, id, status })))).toEqual(sorted(expectedKeys()));
  const unmanaged = report.keys.filter((k) => k.status === "unmanaged");
  for (const cloud of CLOUDS) {
    const mine = unmanaged.filter((k) => k.cloud === cloud.name);
    // The hand-made key, and at least one the killed run left (both creates were held).
    expect(mine.find((k) => k.id === byHand[cloud.name])).toMatchObject({ name: BY_HAND, hints: expect.not.objectContaining({ autoNamedAs: expect.anything() }) });
    const orphans = mine.filter((k) => k.id !== byHand[cloud.name]);
    expect(orphans.length).toBeGreaterThanOrEqual(1);
    for (const orphan of orphans) {
      expect(orphan.hints.autoNamedAs).toMatch(new RegExp(`^${cloud.short}[ab]$`));
      expect(table.stdout).toContain(orphan.id);
    }
  }
  for (const key of unmanaged) {
    expect(table.stdout).toContain(key.hints.delete as string);
    expect(key.hints.adopt).toContain(`existingKeyId: ${JSON.stringify(key.id)}`);
  }
  const pendingCreates = (state.latest.pending_operations ?? []).filter((op: { type: string }) => op.type === "creating").length;
  const interrupted = unmanaged.filter((k) => k.hints.interruptedCreate !== undefined);
  expect(interrupted).toHaveLength(pendingCreates);
  for (const key of interrupted) {
    // The next `up` made the key again: this one is to delete, and adopting it must not reuse the taken name.
    expect(key.hints.advice).toMatch(/^delete it: no stack holds its secret/);
    expect(key.hints.adopt).toContain(`("${key.hints.autoNamedAs}-adopted", `);
  }

  // What a person sees, for a look at the output: PULUMI_ACCESS_KEYS_SHOW_AUDIT=1 npx jest test/engine/audit.test.ts
  if (process.env.PULUMI_ACCESS_KEYS_SHOW_AUDIT) process.stdout.write(`audit (exit ${table.code}):\n${table.stdout}\naudit --json (exit ${json.code}):\n${json.stdout}`);

  expect((await audit(["--cwd", s.dir, "--stack", "test", "--fail-on-unmanaged"])).code).toBe(1);
});

test("without the passphrase, ids still come from an export file or the stack; the accounts behind secrets are named as skipped", async () => {
  const file = path.join(s.dir, "export.json");
  execFileSync("pulumi", ["stack", "export", "--stack", "test", "--file", file, "--non-interactive"], { cwd: s.dir, env: shellEnv() });
  const accountOne = Object.fromEntries(CLOUDS.map((c) => [c.descriptor.credentials.token.envVar, tokens(c).one]));
  const urls = Object.fromEntries(CLOUDS.map((c) => [c.descriptor.credentials.url.envVar, emulator.url(c.name)]));
  const run = await audit(["--state", file, "--json", "--fail-on-unmanaged"], shellEnv({ ...accountOne, ...urls, PULUMI_CONFIG_PASSPHRASE: "" }));
  // Incomplete beats unmanaged: a gate must not pass on an audit that skipped accounts.
  expect(run.code).toBe(2);
  const report = JSON.parse(run.stdout) as AuditJson;
  expect(report.skipped.map((k) => k.cloud).sort()).toEqual(CLOUDS.map((c) => c.name).sort());
  for (const skipped of report.skipped) expect(skipped.reason).toContain("could not be decrypted");
  const inAccountOne = new Set(CLOUDS.flatMap((c) => emulator.cloud(c.name).inventory("one").map((k) => `${c.name} ${k.id}`)));
  expect(sorted(report.keys.map(({ cloud, id, status }) => ({ cloud, id, status }))))
    .toEqual(sorted(expectedKeys().filter((k) => inAccountOne.has(`${k.cloud} ${k.id}`))));

  // The stack itself without the passphrase: its config holds account one's token as a secret,
  // which the resources read before the environment, so that account is skipped too.
  const named = await audit(["--cwd", s.dir, "--stack", "test", "--json"], shellEnv({ ...accountOne, PULUMI_CONFIG_PASSPHRASE: "" }));
  expect(named.code).toBe(2);
  if (process.env.PULUMI_ACCESS_KEYS_SHOW_AUDIT) process.stdout.write(`audit --json without the passphrase (exit ${named.code}):\n${named.stdout}\nstderr:\n${named.stderr}`);
  const skipped = (JSON.parse(named.stdout) as AuditJson).skipped;
  for (const cloud of CLOUDS) {
    const { token } = cloud.descriptor.credentials;
    expect(skipped.filter((k) => k.cloud === cloud.name).map((k) => k.account).sort())
      .toEqual([`${token.configKey} of stack test`, `credentials of ${cloud.short}b in stack test`].sort());
  }
  for (const k of skipped) expect(k.reason).toMatch(/could not be decrypted \(.*passphrase/i);
});

test("once the unmanaged keys are gone, --fail-on-unmanaged passes; no output ever held a token or a secret", async () => {
  const managed = managedIds();
  for (const cloud of CLOUDS) {
    for (const key of emulator.cloud(cloud.name).inventory()) if (!managed.has(String(key.id))) emulator.cloud(cloud.name).remove(String(key.id));
  }
  const run = await audit(["--cwd", s.dir, "--stack", "test", "--fail-on-unmanaged"]);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
  expect(run.stdout).toContain(`${2 * CLOUDS.length} key(s): ${2 * CLOUDS.length} managed, 0 unmanaged.`);
  const secrets = [...ALL_TOKENS, ...keySecrets];
  for (const r of runs) {
    const text = r.stdout + r.stderr;
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
    // Delete commands name the token's variable, never a value.
    expect(text).not.toMatch(/Authorization: (Bearer|AccessKey) [^$]/);
  }
  expect(fs.existsSync(s.dir)).toBe(true);
});
