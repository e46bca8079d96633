/**
 * examples/go, a Go program on the generated Go SDK (sdk/go), through the real CLI, the Go
 * language host (scripts/pulumi-language-host.sh go), the provider plugin and the emulator:
 * `up` makes one Linode key in the provider's account with its secret as a secret output and
 * ciphertext in state; destroy deletes it.
 *
 * The program is built once by scripts/go-example.sh (`go build`, cached). The host compiles a
 * program with `go build -o <file>` in the project folder on every run (3.248's engine no longer
 * passes `runtime.options.binary` to this older host): a `go` first on PATH answers exactly that
 * command with the cached binary, so the test does not recompile the Pulumi Go SDK each time.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createEmulator, Emulator } from "../../emulator";
import { expectNoLeaks, isCiphertext } from "../helpers/engine";
import { PluginProject, pluginProject, recorded } from "../helpers/plugin";

jest.setTimeout(300_000);

const TOKEN = "linode-go-one-0001";
const EXAMPLE = path.resolve(__dirname, "..", "..", "examples", "go");
let emulator: Emulator;
let p: PluginProject;
let shims: string;

/** A `go` that answers the host's `go build -o <file>` with the cached binary and runs the real go otherwise. */
function goShim(binary: string, realGo: string): string {
  return `#!/bin/sh
if [ "$1" = build ] && [ "$2" = -o ] && [ $# -eq 3 ]; then cp ${JSON.stringify(binary)} "$3" && exec chmod 0755 "$3"; fi
exec ${JSON.stringify(realGo)} "$@"
`;
}

beforeAll(async () => {
  const binary = process.env.PULUMI_ACCESS_KEYS_GO_EXAMPLE ?? "";
  const host = process.env.PULUMI_ACCESS_KEYS_GO_HOST_ROOT ?? "";
  if (!binary || !host) throw new Error("PULUMI_ACCESS_KEYS_GO_EXAMPLE / _GO_HOST_ROOT are not set: run through jest (test/global-setup.js)");
  emulator = createEmulator({ linode: { accounts: { one: [TOKEN], other: ["linode-go-other-0001"] } } } as Parameters<typeof createEmulator>[0]);
  await emulator.start();
  shims = fs.mkdtempSync(path.join(os.tmpdir(), "go-shim-"));
  const realGo = execFileSync("sh", ["-c", "command -v go"], { encoding: "utf8" }).trim();
  fs.writeFileSync(path.join(shims, "go"), goShim(binary, realGo), { mode: 0o755 });
  const PATH = [shims, path.join(host, "bin"), process.env.PATH ?? ""].join(path.delimiter);
  p = await pluginProject("sdk-go", "go", "", {
    linodeToken: { value: TOKEN, secret: true }, linodeUrl: { value: emulator.url("linode") },
  }, { LINODE_TOKEN: "", LINODE_URL: "", PATH });
  // The project is the example: its source (the host looks for *.go) beside the test's Pulumi.yaml.
  for (const file of ["main.go", "go.mod", "go.sum"]) fs.copyFileSync(path.join(EXAMPLE, file), path.join(p.dir, file));
});
afterAll(async () => {
  await p?.cleanup();
  await emulator?.stop();
  if (shims) fs.rmSync(shims, { recursive: true, force: true });
});

test("up and destroy of one key through an explicit provider in a Go program", async () => {
  const up = await p.stack.up(recorded(p));
  expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
  const keys = emulator.cloud("linode").inventory("one");
  expect(keys.map((k) => k.id)).toEqual([up.outputs.keyId.value]);
  expect(emulator.cloud("linode").inventory("other")).toEqual([]);
  expect(up.outputs.secretKey.secret).toBe(true);
  const key = p.resources().find((r) => r.urn.endsWith("::ci"))!;
  expect(isCiphertext(key.outputs.secretKey)).toBe(true);
  expectNoLeaks(p, [TOKEN, String(keys[0].secret_key)]);

  await p.stack.destroy(recorded(p));
  expect(emulator.cloud("linode").inventory()).toEqual([]);
});
