/**
 * The audit command in-process against the emulator (the engine test, test/engine/audit.test.ts,
 * runs it as a user does): accounts big enough for several pages of every cloud's list, under
 * the cloud's rate limits; settings from the environment and managed ids from a
 * `pulumi stack export` file; bad command lines refused before anything is read.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createEmulator, Emulator } from "../../emulator";
import { auditCommand } from "../../provider/audit/run";
import { autoNamePrefix } from "../../provider/shared/naming";
import { TestedCloud, testedClouds } from "../helpers/clouds";

jest.setTimeout(120_000);

const CLOUDS = testedClouds();
const token = (cloud: TestedCloud) => `${cloud.name}-audit-0001`;
/** One more than the biggest page any cloud's list asks for (api.ts). */
const KEYS = 501;

let emulator: Emulator;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  const options = Object.fromEntries(CLOUDS.map((c) => [c.name, c.harness.accounts.emulatorOptions({ one: token(c), two: `${token(c)}-two` })]));
  emulator = createEmulator(options as Parameters<typeof createEmulator>[0]);
  await emulator.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-"));
});
afterAll(async () => {
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
  await emulator.stop();
});

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[]): Promise<Run> {
  const result = { out: "", err: "" };
  const code = await auditCommand(args, { out: (t) => void (result.out += t), err: (t) => void (result.err += t) }, dir);
  return { code, ...result };
}

/** A `pulumi stack export` holding one managed key per cloud and one create an interrupted `up` left pending. */
function exportFile(managed: Record<string, string>, pendingName: Record<string, string>): string {
  const resource = (cloud: TestedCloud, name: string) => {
    const type = `pulumi-nodejs:dynamic/${cloud.descriptor.kinds[0].kind}`;
    return { urn: `urn:pulumi:prod::app::${type}::${name}`, type, custom: true };
  };
  const deployment = {
    manifest: {},
    resources: CLOUDS.map((c) => ({ ...resource(c, `${c.short}a`), id: managed[c.name], inputs: {}, outputs: c.harness.accounts.args("one") })),
    pending_operations: CLOUDS.map((c) => ({
      type: "creating",
      resource: { ...resource(c, `${c.short}p`), inputs: { ...c.harness.accounts.args("one"), [c.descriptor.inventory!.nameField]: pendingName[c.name] } },
    })),
  };
  const file = path.join(dir, "prod.json");
  fs.writeFileSync(file, JSON.stringify({ version: 3, deployment }));
  return file;
}

test(`every page of ${KEYS}+ keys per cloud, paced under the cloud's rate limit; managed, pending and hand-made keys told apart`, async () => {
  const managed: Record<string, string> = {};
  const pending: Record<string, string> = {};
  for (const cloud of CLOUDS) {
    cloud.harness.load.prepare?.(emulator, KEYS + 2);
    for (let i = 0; i < KEYS; i++) cloud.harness.accounts.seed(emulator, "one", `console-${i}`);
    managed[cloud.name] = cloud.harness.accounts.seed(emulator, "one", `${cloud.short}a-k3y0001`);
    pending[cloud.name] = cloud.harness.accounts.seed(emulator, "one", `${cloud.short}p-l0st001`);
    const { perWindow, windowMs } = cloud.harness.load;
    emulator.applySettings({ rateLimits: { [cloud.name]: { limit: perWindow, windowMs } } });
    process.env[cloud.descriptor.credentials.token.envVar] = token(cloud);
    process.env[cloud.descriptor.credentials.url.envVar] = emulator.url(cloud.name);
  }
  const file = exportFile(managed, Object.fromEntries(CLOUDS.map((c) => [c.name, `${c.short}p-l0st001`])));

  const { code, out, err } = await run(["--state", file, "--json", "--fail-on-unmanaged"]);
  expect(code).toBe(1);
  const keys = (JSON.parse(out) as { keys: { cloud: string; id: string; name: string; status: string; hints: Record<string, unknown> }[] }).keys;
  for (const cloud of CLOUDS) {
    const mine = keys.filter((k) => k.cloud === cloud.name);
    expect(mine.map((k) => k.id).sort()).toEqual(emulator.cloud(cloud.name).inventory("one").map((k) => String(k.id)).sort());
    expect(mine.filter((k) => k.status === "managed").map((k) => k.id)).toEqual([managed[cloud.name]]);
    expect(mine.find((k) => k.id === pending[cloud.name])?.hints).toMatchObject({
      autoNamedAs: `${cloud.short}p`, interruptedCreate: { stack: "prod", urn: expect.stringMatching(new RegExp(`::${cloud.short}p$`)) },
    });
    expect(mine.find((k) => k.name === "console-7")?.hints).not.toHaveProperty("autoNamedAs");
    // Progress on stderr for an account of several pages.
    expect(err).toMatch(new RegExp(`${cloud.title} \\(.*\\): \\d+ keys listed, more to come`));
  }
});

test.each([
  [["--stack"], "--stack needs a value"],
  [["--json", "--bogus"], 'unknown argument "--bogus"'],
  [["--state", "missing.json"], "--state"],
])("%j is refused: %s", async (args, message) => {
  const { code, err, out } = await run(args as string[]);
  expect({ code, out }).toEqual({ code: 2, out: "" });
  expect(err).toContain(message);
});

test("--help prints the usage and the exit codes", async () => {
  const { code, out } = await run(["--help"]);
  expect(code).toBe(0);
  expect(out).toContain("--fail-on-unmanaged");
  expect(out).toContain("Exit codes");
});

test("auto-names are <logical name>-<7 characters of the suffix alphabet>", () => {
  expect(autoNamePrefix("web-ci-a1b2c3d")).toBe("web-ci");
  expect(autoNamePrefix("made-by-hand")).toBeUndefined();
  expect(autoNamePrefix("ci-A1B2C3D")).toBeUndefined();
  expect(autoNamePrefix("-a1b2c3d")).toBeUndefined();
});

test("a cloud with no token set and no key in the stacks is named on stderr, not failed", async () => {
  const [first, ...rest] = CLOUDS;
  const tokenVar = first.descriptor.credentials.token.envVar;
  const saved = process.env[tokenVar];
  delete process.env[tokenVar];
  try {
    const file = path.join(dir, "empty.json");
    fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { manifest: {}, resources: [] } }));
    const { err } = await run(["--state", file, "--json"]);
    expect(err).toContain(`${first.title}: no account to audit (${first.descriptor.credentials.token.configKey} / ${tokenVar} is not set`);
    for (const other of rest) expect(err).not.toContain(`${other.title}: no account`);
  } finally {
    process.env[tokenVar] = saved;
  }
});
