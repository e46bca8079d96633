/**
 * What `npm pack` puts in the tarball: the compiled provider (.js + .d.ts), the provider plugin's
 * launcher and schema, and the package's documents, nothing else; and everything package.json points at is inside. Reads the build
 * `npm test` just made (`--ignore-scripts`: no second build); a real `npm pack` cleans `dist/`
 * first (prepack) and rebuilds it (prepare).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { npmEnv, packedFiles, ROOT } from "./project";

const DOCUMENTS = ["CHANGELOG.md", "LICENSE", "README.md", "package.json"];
/** The provider plugin's launcher (package.json `bin`) and the schema it serves (docs/plugin.md). */
const PLUGIN = ["bin/pulumi-resource-access-keys", "dist/provider/plugin/schema.json"];

/** provider/**\/*.ts, relative to provider/, without the extension. */
function providerModules(dir = path.join(ROOT, "provider"), prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? providerModules(path.join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith(".ts") ? [`${prefix}${e.name.slice(0, -3)}`] : [],
  );
}

/** Every file path named by main, types, bin and exports (conditions included). */
function entryPoints(pkg: Record<string, unknown>): string[] {
  const found: string[] = [pkg.main as string, pkg.types as string, ...Object.values(pkg.bin as Record<string, string>)];
  const walk = (v: unknown): void => {
    if (typeof v === "string") found.push(v);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(pkg.exports);
  walk(pkg.bin);
  return found.map((p) => path.posix.normalize(p));
}

let files: string[];
beforeAll(() => {
  files = packedFiles(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, env: npmEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
});

test("the tarball holds the compiled provider, its types, the plugin launcher and schema, and the documents, and nothing else", () => {
  const expected = providerModules().flatMap((m) => [`dist/provider/${m}.js`, `dist/provider/${m}.d.ts`]);
  // A file compiled from a source that no longer exists (a stale dist/) shows up here too:
  // `rm -rf dist && npm run build` fixes it, and a real `npm pack` never ships one (prepack).
  expect([...files].sort()).toEqual([...DOCUMENTS, ...PLUGIN, ...expected].sort());
});

test("main, types, every bin and every exports target are in the tarball", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const missing = entryPoints(pkg).filter((p) => !files.includes(p));
  expect(missing).toEqual([]);
});
