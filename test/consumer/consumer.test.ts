/**
 * Installs the package the way a user does and runs it from their own project: `npm pack`,
 * a TypeScript project in the system's temporary folder (outside the repository) that installs
 * the tarball and @pulumi/pulumi, and the Pulumi CLI binary run in that folder (`pulumi up`,
 * `refresh`, `destroy`; no Automation API) with a file backend, a passphrase and credentials in
 * environment variables, against the in-process emulator.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "../../emulator";
import { BIRD_EMULATOR_ORGANIZATION } from "../../emulator/bird";
import { startEmulator, TOKENS } from "../helpers/emulator";
import { npmEnv, PROJECT, Ran, ROOT, run, writeProject } from "./project";

jest.setTimeout(300_000);

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
    LINODE_TOKEN: TOKENS.linode,
    LINODE_URL: emulator.url("linode"),
    KATAPULT_API_KEY: TOKENS.katapult,
    KATAPULT_API_URL: emulator.url("katapult"),
    KATAPULT_ORGANIZATION: "emulator",
    BIRD_ACCESS_KEY: TOKENS.bird,
    BIRD_API_URL: emulator.url("bird"),
    BIRD_ORGANIZATION_ID: BIRD_EMULATOR_ORGANIZATION,
    // The emulator turns down Katapult's first credential requests; retry them quickly.
    PULUMI_ACCESS_KEYS_RETRY_BASE_MS: "50",
  });
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
const stateOutputs = (type: string): Record<string, unknown> =>
  JSON.parse(rawState()).checkpoint.latest.resources.find((r: { type: string }) => r.type === type).outputs;

test("a project outside the repository installs the tarball and runs up, refresh and destroy with the CLI", async () => {
  const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: ROOT, env: npmEnv() });
  timings.pack = packed.ms;
  writeProject(project(), path.join(work, JSON.parse(packed.stdout)[0].filename));
  const installed = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: project(), env: npmEnv() });
  timings.install = installed.ms;
  expect(fs.realpathSync(path.join(project(), "node_modules", "pulumi-access-keys"))).toBe(path.join(fs.realpathSync(project()), "node_modules", "pulumi-access-keys"));

  await pulumi("stack init", "stack", "init", "test");
  const up = await pulumi("up", "up", "--yes", "--skip-preview");
  expect(up.stdout).toMatch(/\+ 4 created/);
  const clouds = ["linode", "katapult", "bird"] as const;
  for (const cloud of clouds) expect(emulator.cloud(cloud).inventory()).toHaveLength(1);
  const [linodeKey] = emulator.cloud("linode").inventory();
  const [katapultKey] = emulator.cloud("katapult").inventory();
  const [birdKey] = emulator.cloud("bird").inventory();
  const secrets = [String(linodeKey.secret_key), String(katapultKey.s3_secret_access_key), String(birdKey.token)];

  // The secrets are secret outputs, and only ciphertext in the raw state file.
  const outputs = JSON.parse((await pulumi("stack output", "stack", "output", "--json")).stdout);
  expect(outputs).toMatchObject({ linodeSecretKey: "[secret]", katapultSecretAccessKey: "[secret]", birdAccessKey: "[secret]", linodeLabel: "consumer-backups" });
  expect(isCiphertext(stateOutputs("pulumi-nodejs:dynamic/linode:ObjectStorageKey").secretKey)).toBe(true);
  expect(isCiphertext(stateOutputs("pulumi-nodejs:dynamic/katapult:ObjectStorageAccessKey").secretAccessKey)).toBe(true);
  expect(isCiphertext(stateOutputs("pulumi-nodejs:dynamic/bird:AccessKey").accessKey)).toBe(true);

  // A label changed outside Pulumi shows up in refresh and lands in state.
  emulator.cloud("linode").edit(String(outputs.linodeKeyId), { label: "renamed-in-console" });
  const refresh = await pulumi("refresh", "refresh", "--yes", "--skip-preview");
  expect(refresh.stdout).toMatch(/~ 1 updated/);
  expect(stateOutputs("pulumi-nodejs:dynamic/linode:ObjectStorageKey").label).toBe("renamed-in-console");
  expect(leaked(rawState(), [...secrets, ...Object.values(TOKENS)])).toEqual([]);

  const destroy = await pulumi("destroy", "destroy", "--yes", "--skip-preview");
  expect(destroy.stdout).toMatch(/- 4 deleted/);
  for (const cloud of clouds) expect(emulator.cloud(cloud).inventory()).toEqual([]);

  // No token and no secret in anything the CLI printed.
  expect(leaked(printed.join("\n"), [...secrets, ...Object.values(TOKENS)])).toEqual([]);
});
