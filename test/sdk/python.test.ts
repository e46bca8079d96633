/**
 * A Python program on the generated SDK (sdk/python, pip-installed into the venv that
 * scripts/python-venv.sh makes, with `pulumi` from PyPI) through the real CLI, the Python
 * language host (scripts/pulumi-language-host.sh python), the provider plugin and the emulator: explicit
 * providers for two Linode accounts, Katapult and Bird. `up` lands each key in its provider's
 * account with secret outputs and ciphertext state; refresh sees no drift; destroy empties
 * every account.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createEmulator, Emulator } from "../../emulator";
import { harnessOf } from "../helpers/clouds";
import { expectNoLeaks, isCiphertext } from "../helpers/engine";
import { PluginProject, pluginProject, recorded } from "../helpers/plugin";

jest.setTimeout(300_000);

const TOKENS = { linodeOne: "linode-python-one-0001", linodeTwo: "linode-python-two-0001", katapult: "katapult-python-one-0001", bird: "bird-python-one-0001" };
const BIRD_ORGANIZATION = harnessOf("bird").accounts.args("one").organizationId as string;

let emulator: Emulator;
let p: PluginProject;
let venv: string;

function inventory(): Record<string, string[]> {
  const ids = (cloud: string, account: string) => emulator.cloud(cloud).inventory(account).map((k) => String(k.id));
  return { linodeOne: ids("linode", "one"), linodeTwo: ids("linode", "two"), katapult: ids("katapult", "one"), bird: ids("bird", "one") };
}

function cloudSecrets(): string[] {
  const of = (cloud: string) => emulator.cloud(cloud).inventory().map((k) => String(k[harnessOf(cloud).storedSecret] ?? ""));
  return [...of("linode"), ...of("katapult"), ...of("bird")];
}

beforeAll(async () => {
  venv = process.env.PULUMI_ACCESS_KEYS_PYTHON_VENV ?? "";
  const host = process.env.PULUMI_ACCESS_KEYS_PYTHON_HOST_ROOT ?? "";
  if (!venv || !host) throw new Error("PULUMI_ACCESS_KEYS_PYTHON_VENV / _PYTHON_HOST_ROOT are not set: run through jest (test/global-setup.js)");
  emulator = createEmulator({
    linode: { accounts: { one: [TOKENS.linodeOne], two: [TOKENS.linodeTwo] } },
    katapult: harnessOf("katapult").accounts.emulatorOptions({ one: TOKENS.katapult, two: "katapult-python-unused-0001" }),
    bird: harnessOf("bird").accounts.emulatorOptions({ one: TOKENS.bird, two: "bird-python-unused-0001" }),
  } as Parameters<typeof createEmulator>[0]);
  await emulator.start();
  const secret = (value: string) => ({ value, secret: true });
  const plain = (value: string) => ({ value });
  const noAmbient = Object.fromEntries(["LINODE_TOKEN", "LINODE_URL", "KATAPULT_API_KEY", "KATAPULT_API_URL", "BIRD_ACCESS_KEY", "BIRD_API_URL"].map((v) => [v, ""]));
  // The v3.68 Python host ignores `virtualenv`: the venv's bin goes first on PATH.
  const PATH = [path.join(venv, "bin"), path.join(host, "bin"), process.env.PATH ?? ""].join(path.delimiter);
  p = await pluginProject("sdk-python", "python", "", {
    linodeOneToken: secret(TOKENS.linodeOne), linodeTwoToken: secret(TOKENS.linodeTwo), katapultToken: secret(TOKENS.katapult), birdToken: secret(TOKENS.bird),
    linodeUrl: plain(emulator.url("linode")), katapultUrl: plain(emulator.url("katapult")), birdUrl: plain(emulator.url("bird")), birdOrganization: plain(BIRD_ORGANIZATION),
  }, { ...noAmbient, PATH, PYTHONDONTWRITEBYTECODE: "1" });
  fs.copyFileSync(path.join(__dirname, "python-program", "__main__.py"), path.join(p.dir, "__main__.py"));
});
afterAll(async () => {
  await p?.cleanup();
  await emulator?.stop();
});

test("the generated SDK imports in a venv with pulumi from PyPI, and names the plugin version it pins", () => {
  const printed = execFileSync(path.join(venv, "bin", "python"), ["-c", "import pulumi, pulumi_access_keys; from pulumi_access_keys import _utilities; print(_utilities.get_version())"], { encoding: "utf8" });
  expect(printed.trim()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version);
});

test("up, refresh and destroy through explicit providers in a Python program", async () => {
  const up = await p.stack.up(recorded(p));
  expect(up.summary.resourceChanges).toMatchObject({ create: 9 });
  const out = up.outputs;
  expect(inventory()).toEqual({
    linodeOne: [out.linodeOneId.value], linodeTwo: [out.linodeTwoId.value], katapult: [out.katapultId.value], bird: [out.birdId.value],
  });
  for (const name of ["linodeOneSecret", "katapultSecret", "birdSecret"]) expect({ name, secret: out[name].secret }).toEqual({ name, secret: true });
  const byName = (n: string) => p.resources().find((r) => r.urn.endsWith(`::${n}`))!;
  expect(isCiphertext(byName("keyOne").outputs.secretKey)).toBe(true);
  expect(isCiphertext(byName("keyTwo").outputs.secretKey)).toBe(true);
  expect(isCiphertext(byName("katKey").outputs.secretAccessKey)).toBe(true);
  expect(isCiphertext(byName("birdKey").outputs.accessKey)).toBe(true);
  expectNoLeaks(p as never, [...Object.values(TOKENS), ...cloudSecrets()]);

  const refresh = await p.stack.refresh(recorded(p));
  expect(refresh.summary.resourceChanges).not.toHaveProperty("update");
  expect(refresh.summary.resourceChanges).not.toHaveProperty("delete");

  await p.stack.destroy(recorded(p));
  expect(inventory()).toEqual({ linodeOne: [], linodeTwo: [], katapult: [], bird: [] });
  expectNoLeaks(p as never, Object.values(TOKENS));
});
