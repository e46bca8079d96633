/**
 * sdk/{nodejs,python,go,dotnet} are generated (scripts/sdkgen/, `npm run sdk`) from
 * provider/plugin/schema.json: regenerating them must give the committed files exactly, and each
 * SDK pins the plugin version of package.json. The Node.js SDK compiles with this package's
 * TypeScript 5.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageVersion } from "../../scripts/plugin";

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, "..", "..");
const SDK = path.join(ROOT, "sdk");
const LANGUAGES = ["dotnet", "go", "nodejs", "python"];

/** Every file under `dir`, relative, with its content. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else files.set(child, fs.readFileSync(path.join(dir, child), "latin1"));
    }
  };
  walk("");
  return files;
}

/** The files of `a` that differ from `b`, or exist in only one of them. */
function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n)).sort();
}

test("regenerating the SDKs from the committed schema gives the committed files (run `npm run sdk` after changing the schema)", () => {
  const sdkgen = process.env.PULUMI_ACCESS_KEYS_SDKGEN;
  if (!sdkgen) throw new Error("PULUMI_ACCESS_KEYS_SDKGEN is not set: run through jest (test/global-setup.js builds the tool)");
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "sdkgen-"));
  try {
    execFileSync(sdkgen, ["-schema", path.join(ROOT, "provider", "plugin", "schema.json"), "-version", packageVersion(), "-out", out], { stdio: "pipe" });
    expect(fs.readdirSync(out).sort()).toEqual(LANGUAGES);
    for (const language of LANGUAGES) {
      // Files a language's own build writes (node_modules, __pycache__, bin) are not the generator's.
      const committed = tree(path.join(SDK, language));
      for (const name of [...committed.keys()]) if (/(^|\/)(node_modules|__pycache__|bin|obj|build)\/|\.egg-info\//.test(name)) committed.delete(name);
      expect({ language, stale: differences(tree(path.join(out, language)), committed) }).toEqual({ language, stale: [] });
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("each SDK pins the plugin version of package.json, under the names the schema gives it", () => {
  const version = packageVersion();
  const read = (file: string) => fs.readFileSync(path.join(SDK, file), "utf8");
  expect(JSON.parse(read("nodejs/package.json"))).toMatchObject({ name: "pulumi-access-keys-sdk", version, pulumi: { resource: true, name: "access-keys", version } });
  // Python packages carry the PEP 440 spelling of a pre-release (0.2.0-alpha.0 is 0.2.0a0).
  const pep440 = version.replace(/-(alpha|beta|rc)\.?(\d+)$/, (_m, tag: string, n: string) => `${{ alpha: "a", beta: "b", rc: "rc" }[tag]}${n}`);
  expect(read("python/pyproject.toml")).toMatch(new RegExp(`name = "pulumi_access_keys"[^]*version = "${pep440.replace(/\./g, "\\.")}"`));
  for (const plugin of ["python/pulumi_access_keys/pulumi-plugin.json", "go/accesskeys/pulumi-plugin.json", "dotnet/pulumi-plugin.json"]) {
    expect({ plugin, json: JSON.parse(read(plugin)) }).toEqual({ plugin, json: { resource: true, name: "access-keys", version } });
  }
  expect(read("go/go.mod")).toMatch(/^module github\.com\/pulumi-access-keys\/pulumi-access-keys\/sdk\/go$/m);
  expect(read("go/accesskeys/internal/pulumiUtilities.go")).toContain(`semver.MustParse("${version}")`);
  expect(read("dotnet/Pulumi.AccessKeys.csproj")).toContain(`<Version>${version}</Version>`);
  expect(read("dotnet/Provider.cs")).toMatch(/^namespace Pulumi\.AccessKeys$/m);
});

test("the Node.js SDK compiles with this package's TypeScript 5", () => {
  const tsc = require.resolve("typescript/bin/tsc");
  expect(require("typescript/package.json").version).toMatch(/^5\./);
  // --noEmit: nothing written into sdk/nodejs; @pulumi/pulumi resolves from this package's node_modules.
  execFileSync(process.execPath, [tsc, "-p", path.join(SDK, "nodejs", "tsconfig.json"), "--noEmit"], { stdio: "pipe" });
});
