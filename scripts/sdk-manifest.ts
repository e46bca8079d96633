/**
 * sdk/.generated.json: what `npm run sdk` generated the committed SDKs from (the sha256 of
 * provider/plugin/schema.json and package.json's version) and the sha256 of every file it wrote.
 * test/sdk/generated.test.ts compares it with the tree on every `npm test`, which needs no
 * generator build; `npm run test:sdkgen` regenerates for real (docs/sdks.md#freshness).
 *
 *   node dist/scripts/sdk-manifest.js [SDK_DIR]   writes SDK_DIR/.generated.json (default sdk/)
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageVersion } from "./plugin";
import { REPO, SCHEMA_FILE } from "./schema";

export const SDK_DIR = path.join(REPO, "sdk");
export const MANIFEST_NAME = ".generated.json";
/** The folders sdkgen writes under sdk/, one per language. */
export const LANGUAGES = ["dotnet", "go", "nodejs", "python"];

export interface SdkManifest {
  /** sha256 of provider/plugin/schema.json as the SDKs were generated from it. */
  schemaSha256: string;
  /** package.json's version, which every SDK pins as its plugin version. */
  version: string;
  /** sha256 of each generated file, by its path under sdk/ ("nodejs/index.ts"). */
  files: Record<string, string>;
}

/** Files a language's own build writes (node_modules, __pycache__, bin, ...): not the generator's. */
export function isBuildOutput(relative: string): boolean {
  return /(^|\/)(node_modules|__pycache__|bin|obj|build)\/|\.egg-info\//.test(relative);
}

export function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** sha256 of every generated file under `sdkDir`'s language folders, by sorted "/"-separated path. */
export function generatedFiles(sdkDir: string): Record<string, string> {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(sdkDir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (!isBuildOutput(child)) found.push(child);
    }
  };
  for (const language of LANGUAGES) if (fs.existsSync(path.join(sdkDir, language))) walk(language);
  found.sort();
  return Object.fromEntries(found.map((file) => [file, sha256(path.join(sdkDir, file))]));
}

/** The manifest of the SDKs in `sdkDir` as generated from today's schema and version. */
export function currentManifest(sdkDir = SDK_DIR): SdkManifest {
  return { schemaSha256: sha256(SCHEMA_FILE), version: packageVersion(), files: generatedFiles(sdkDir) };
}

export function readManifest(sdkDir = SDK_DIR): SdkManifest {
  return JSON.parse(fs.readFileSync(path.join(sdkDir, MANIFEST_NAME), "utf8")) as SdkManifest;
}

/** The paths that are in only one of `a` and `b`, or differ between them. */
export function changedFiles(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((file) => a[file] !== b[file]).sort();
}

export function writeManifest(sdkDir = SDK_DIR): string {
  const file = path.join(sdkDir, MANIFEST_NAME);
  fs.writeFileSync(file, `${JSON.stringify(currentManifest(sdkDir), null, 2)}\n`);
  return file;
}

if (require.main === module) {
  process.stderr.write(`wrote ${path.relative(process.cwd(), writeManifest(path.resolve(process.argv[2] ?? SDK_DIR)))}\n`);
}
