/**
 * sdk/{nodejs,python,go,dotnet} are generated (scripts/sdkgen/, `npm run sdk`) from
 * provider/plugin/schema.json. `npm run sdk` also writes sdk/.generated.json (scripts/sdk-manifest.ts):
 * the schema's and package.json's version it generated from and the sha256 of every file it wrote.
 * These checks need no generator build: the SDKs are stale when the schema or version changed
 * since, and a generated file was edited, added or removed by hand when the tree differs from the
 * manifest. `npm run test:sdkgen` (test/sdk/regenerate.sdkgen.ts) regenerates for real. Each SDK
 * pins the plugin version of package.json; the Node.js SDK compiles with this package's TypeScript 5.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageVersion } from "../../scripts/plugin";
import { SCHEMA_FILE } from "../../scripts/schema";
import { changedFiles, generatedFiles, readManifest, sha256, SDK_DIR as SDK } from "../../scripts/sdk-manifest";

jest.setTimeout(180_000);

test("the committed SDKs were generated from today's schema and package version (else run `npm run sdk`)", () => {
  const manifest = readManifest();
  expect({ schemaSha256: manifest.schemaSha256, version: manifest.version }).toEqual({ schemaSha256: sha256(SCHEMA_FILE), version: packageVersion() });
});

test("no generated SDK file was edited, added or removed by hand since `npm run sdk`", () => {
  const manifest = readManifest();
  expect(Object.keys(manifest.files).length).toBeGreaterThan(20);
  expect(changedFiles(generatedFiles(SDK), manifest.files)).toEqual([]);
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

test("the manifest check names a generated file edited, added or removed by hand", () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-manifest-"));
  try {
    fs.cpSync(SDK, copy, { recursive: true });
    fs.appendFileSync(path.join(copy, "nodejs", "index.ts"), "// edited by hand\n");
    fs.writeFileSync(path.join(copy, "python", "pulumi_access_keys", "extra.py"), "x = 1\n");
    fs.rmSync(path.join(copy, "go", "go.mod"));
    // What a language's own build leaves is not the generator's and is ignored.
    fs.mkdirSync(path.join(copy, "nodejs", "node_modules", "x"), { recursive: true });
    fs.writeFileSync(path.join(copy, "nodejs", "node_modules", "x", "index.js"), "");
    expect(changedFiles(generatedFiles(copy), readManifest().files)).toEqual(["go/go.mod", "nodejs/index.ts", "python/pulumi_access_keys/extra.py"]);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
