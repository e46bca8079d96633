/**
 * Installs the package the way a user does and runs it from their own project: `npm pack`,
 * a TypeScript project in the system's temporary folder (outside the repository) that installs
 * the tarball and @pulumi/pulumi, and the Pulumi CLI binary run in that folder (`pulumi up`,
 * `refresh`, `destroy`; no Automation API) with a file backend, a passphrase and credentials in
 * environment variables, against the in-process emulator; and the package's own command
 * (`pulumi-access-keys audit`) from the project's node_modules/.bin; then a YAML project served by the installed
 * package's provider plugin launcher (`plugins.providers` path).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "../../emulator";
import { emulatorSettings, secretInState, storedSecrets, testedClouds, tokenOf } from "../helpers/clouds";
import { startEmulator } from "../helpers/emulator";
import { npmEnv, program, PROJECT, Ran, ROOT, run, TEMPLATE_TSCONFIG, typoProgram, writeProject } from "./project";

jest.setTimeout(300_000);

const CLOUDS = testedClouds();
const TOKENS = CLOUDS.map(tokenOf);
let emulator: Emulator;
let work: string;
const printed: string[] = [];
const timings: Record<string, number> = {};

beforeAll(async () => {
  emulator = await startEmulator();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-access-keys-consumer-"));
  fs.mkdirSync(path.join(work, "state"));
});
afterAll(async () => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
  await emulator?.stop();
  if (Object.keys(timings).length) process.stderr.write(`consumer test timings (ms): ${JSON.stringify(timings)}\n`);
});

const project = () => path.join(work, "project");
const tsc = (...args: string[]) => run(process.execPath, [path.join(project(), "node_modules", "typescript", "bin", "tsc"), "--noEmit", ...args], { cwd: project(), env: npmEnv() });

function pulumiEnv(): NodeJS.ProcessEnv {
  const root = process.env.PULUMI_ACCESS_KEYS_PULUMI_ROOT;
  if (!root) throw new Error("PULUMI_ACCESS_KEYS_PULUMI_ROOT is not set: run through jest (test/global-setup.js builds the CLI)");
  const bin = path.join(root, "bin");
  return npmEnv({
    // pulumi-language-nodejs and the dynamic-provider plugin sit next to pulumi.
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    PULUMI_HOME: path.join(work, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "consumer-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // Credentials and URLs as the README's Credentials section lists them.
    ...Object.assign({}, ...CLOUDS.map(cloudEnv)),
    // The emulator turns down a cloud's first credential requests; retry them quickly.
    PULUMI_ACCESS_KEYS_RETRY_BASE_MS: "50",
  });
}

/** A cloud's token, URL and emulator settings (e.g. its organization) as environment variables. */
function cloudEnv(cloud: (typeof CLOUDS)[number]): Record<string, string> {
  const { credentials, settings } = cloud.descriptor;
  const env: Record<string, string> = { [credentials.token.envVar]: tokenOf(cloud), [credentials.url.envVar]: emulator.url(cloud.name) };
  for (const [configKey, value] of Object.entries(emulatorSettings(cloud))) {
    const setting = settings.find((s) => s.configKey === configKey);
    if (!setting) throw new Error(`${cloud.name}'s descriptor lists no setting ${configKey}`);
    env[setting.envVar] = value;
  }
  return env;
}

async function pulumi(step: string, ...args: string[]): Promise<Ran> {
  const ran = await run(path.join(process.env.PULUMI_ACCESS_KEYS_PULUMI_ROOT!, "bin", "pulumi"), [...args, "--non-interactive", "--color", "never"], { cwd: project(), env: pulumiEnv() });
  printed.push(ran.stdout, ran.stderr);
  timings[step] = ran.ms;
  return ran;
}

/** Pulumi's encrypted-secret shape in a checkpoint (as test/helpers/engine.ts, without loading the Automation API). */
const isCiphertext = (v: unknown): boolean =>
  !!v && typeof v === "object" && (v as Record<string, unknown>)["4dabf18193072939515e22adb298388d"] === "1b47061264138c4ac30d75fd1eb44270" && typeof (v as Record<string, unknown>).ciphertext === "string";
const leaked = (text: string, values: string[]) => values.filter((v) => text.includes(v));
const rawState = () => fs.readFileSync(path.join(work, "state", ".pulumi", "stacks", PROJECT, "test.json"), "utf8");
type StateResource = { type: string; outputs: Record<string, unknown> };
const stateResource = (cloud: (typeof CLOUDS)[number]): StateResource =>
  JSON.parse(rawState()).checkpoint.latest.resources.find((r: StateResource) => r.type === `pulumi-nodejs:dynamic/${cloud.descriptor.kinds[0].kind}`);

test("a project outside the repository installs the tarball and runs up, refresh and destroy with the CLI", async () => {
  const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: ROOT, env: npmEnv() });
  timings.pack = packed.ms;
  writeProject(project(), path.join(work, JSON.parse(packed.stdout)[0].filename), program(CLOUDS));
  const installed = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: project(), env: npmEnv() });
  timings.install = installed.ms;
  expect(fs.realpathSync(path.join(project(), "node_modules", "pulumi-access-keys"))).toBe(path.join(fs.realpathSync(project()), "node_modules", "pulumi-access-keys"));

  // `tsc --noEmit` with `pulumi new typescript`'s tsconfig (no esModuleInterop, no skipLibCheck)
  // checks our published .d.ts files as a user's CI does.
  const typecheck = await tsc();
  timings.tsc = typecheck.ms;

  await pulumi("stack init", "stack", "init", "test");
  const up = await pulumi("up", "up", "--yes", "--skip-preview");
  expect(up.stdout).toMatch(new RegExp(`\\+ ${CLOUDS.length + 1} created`));
  for (const cloud of CLOUDS) expect(emulator.cloud(cloud.name).inventory()).toHaveLength(1);
  const secrets = CLOUDS.flatMap((c) => storedSecrets(c, emulator));

  // The secrets are secret outputs, and only ciphertext in the raw state file.
  const outputs = JSON.parse((await pulumi("stack output", "stack", "output", "--json")).stdout);
  for (const { name, harness } of CLOUDS) {
    expect(outputs[`${name}Secret`]).toBe("[secret]");
    if (harness.consumer.name !== undefined) expect(outputs[`${name}Name`]).toBe(harness.consumer.name);
  }
  for (const cloud of CLOUDS) expect(isCiphertext(secretInState(stateResource(cloud)))).toBe(true);

  // A name changed outside Pulumi shows up in refresh and lands in state.
  const drifting = CLOUDS.filter((c) => c.harness.consumer.driftField !== undefined);
  for (const c of drifting) emulator.cloud(c.name).edit(String(outputs[`${c.name}KeyId`]), { [c.harness.consumer.driftField!]: "renamed-in-console" });
  const refresh = await pulumi("refresh", "refresh", "--yes", "--skip-preview");
  if (drifting.length > 0) expect(refresh.stdout).toMatch(new RegExp(`~ ${drifting.length} updated`));
  for (const c of drifting) expect(stateResource(c).outputs[c.harness.consumer.nameOutput]).toBe("renamed-in-console");
  expect(leaked(rawState(), [...secrets, ...TOKENS])).toEqual([]);

  // The installed package's command: every key in the accounts is one the stack manages (exit 0).
  const audit = await run(path.join(project(), "node_modules", ".bin", "pulumi-access-keys"), ["audit", "--stack", "test", "--json", "--fail-on-unmanaged"],
    { cwd: project(), env: pulumiEnv() });
  printed.push(audit.stdout, audit.stderr);
  const audited = (JSON.parse(audit.stdout) as { keys: { cloud: string; id: string; status: string }[] }).keys;
  expect(audited.map(({ cloud, id, status }) => ({ cloud, id, status })).sort((a, b) => a.cloud.localeCompare(b.cloud)))
    .toEqual(CLOUDS.map((c) => ({ cloud: c.name, id: String(outputs[`${c.name}KeyId`]), status: "managed" })).sort((a, b) => a.cloud.localeCompare(b.cloud)));

  const destroy = await pulumi("destroy", "destroy", "--yes", "--skip-preview");
  expect(destroy.stdout).toMatch(new RegExp(`- ${CLOUDS.length + 1} deleted`));
  for (const cloud of CLOUDS) expect(emulator.cloud(cloud.name).inventory()).toEqual([]);

  // No token and no secret in anything the CLI printed.
  expect(leaked(printed.join("\n"), [...secrets, ...TOKENS])).toEqual([]);
});

test("a misspelt argument is reported against the resource's own Args interface, with no zod or table types", async () => {
  // Needs the project the first test installed.
  expect(fs.existsSync(path.join(project(), "node_modules", "pulumi-access-keys"))).toBe(true);
  fs.writeFileSync(path.join(project(), "typo.ts"), typoProgram(CLOUDS));
  fs.writeFileSync(path.join(project(), "tsconfig.typo.json"), JSON.stringify({ ...TEMPLATE_TSCONFIG, files: ["typo.ts"] }));
  const failed = await tsc("-p", "tsconfig.typo.json", "--pretty", "false").then(
    () => { throw new Error("tsc accepted a misspelt argument"); },
    (err: Error) => err.message,
  );
  for (const { descriptor } of CLOUDS) {
    const className = descriptor.kinds[0].kind.split(":")[1];
    expect(failed).toContain(`'nmae' does not exist in type '${className}Args'`);
  }
  expect(failed).not.toMatch(/Zod|ArgsOf|FieldTable|Typed</);
});

test("the installed package's launcher serves the provider plugin (plugins.providers path), settings from the environment", async () => {
  const yamlRoot = process.env.PULUMI_ACCESS_KEYS_YAML_ROOT;
  if (!yamlRoot) throw new Error("PULUMI_ACCESS_KEYS_YAML_ROOT is not set: run through jest (test/global-setup.js builds the YAML host)");
  const dir = path.join(work, "yaml");
  fs.mkdirSync(dir);
  const resources = CLOUDS.map((c) => `  ${c.short}:\n    type: access-keys:${c.descriptor.kinds[0].kind}\n    properties: ${JSON.stringify(c.harness.plugin.declaration(`yaml-${c.short}`))}\n`);
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), [
    "name: consumer-yaml", "runtime: yaml", "plugins:", "  providers:", "    - name: access-keys", "      path: ../project/node_modules/pulumi-access-keys/bin",
    `resources:\n${resources.join("")}outputs:`, ...CLOUDS.map((c) => `  ${c.short}Secret: \${${c.short}.${c.harness.secretOutput}}`), "",
  ].join("\n"));
  const env = { ...pulumiEnv(), PATH: `${path.join(yamlRoot, "bin")}${path.delimiter}${pulumiEnv().PATH}` };
  const cli = (...args: string[]) => run(path.join(process.env.PULUMI_ACCESS_KEYS_PULUMI_ROOT!, "bin", "pulumi"), [...args, "--non-interactive", "--color", "never"], { cwd: dir, env });
  await cli("stack", "init", "test");
  const up = await cli("up", "--yes", "--skip-preview");
  printed.push(up.stdout, up.stderr);
  expect(up.stdout).toMatch(new RegExp(`\\+ ${CLOUDS.length + 1} created`));
  for (const cloud of CLOUDS) expect(emulator.cloud(cloud.name).inventory()).toHaveLength(1);
  const secrets = CLOUDS.flatMap((c) => storedSecrets(c, emulator));
  const destroy = await cli("destroy", "--yes", "--skip-preview");
  printed.push(destroy.stdout, destroy.stderr);
  for (const cloud of CLOUDS) expect(emulator.cloud(cloud.name).inventory()).toEqual([]);
  expect(leaked(printed.join("\n"), [...secrets, ...TOKENS])).toEqual([]);
});
