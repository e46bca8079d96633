/**
 * `npm run plugin`: the provider plugin as a Pulumi plugin archive,
 * `dist/plugin/pulumi-resource-access-keys-v<version>-<os>-<arch>.tar.gz`, holding a `#!/bin/sh`
 * launcher (`exec node <bundle> "$@"`), one esbuild bundle of provider/plugin/main.ts with every
 * dependency inside, and the schema. Install it with
 * `pulumi plugin install resource access-keys <version> --file <archive>` (docs/plugin.md#shipping).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { build } from "esbuild";

const REPO = path.resolve(__dirname, fs.existsSync(path.join(__dirname, "..", "package.json")) ? ".." : "../..");
export const EXECUTABLE = "pulumi-resource-access-keys";

const LAUNCHER = `#!/bin/sh
# The access-keys Pulumi provider plugin: one Node.js bundle (Node.js 20 or later on PATH).
exec node "$(dirname "$0")/${EXECUTABLE}.js" "$@"
`;

/** Pulumi's names for the platform (`linux-amd64`, `darwin-arm64`). The bundle runs anywhere; the launcher needs a POSIX shell. */
function platform(): string {
  const arch = ({ x64: "amd64", arm64: "arm64" } as Record<string, string>)[process.arch] ?? process.arch;
  return `${process.platform}-${arch}`;
}

export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version;
}

/** Builds the archive; returns its path. */
export async function buildPluginArchive(outDir = path.join(REPO, "dist", "plugin")): Promise<string> {
  const version = packageVersion();
  const staging = path.join(outDir, "staging");
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  await build({
    entryPoints: [path.join(REPO, "provider", "plugin", "main.ts")],
    outfile: path.join(staging, `${EXECUTABLE}.js`),
    bundle: true, platform: "node", target: "node20", format: "cjs", minify: true,
    // Error classes keep their names (messages and `instanceof` brands read them).
    keepNames: true, legalComments: "none", logLevel: "warning",
    define: { __PLUGIN_VERSION__: JSON.stringify(version) },
  });
  fs.writeFileSync(path.join(staging, EXECUTABLE), LAUNCHER, { mode: 0o755 });
  fs.copyFileSync(path.join(REPO, "provider", "plugin", "schema.json"), path.join(staging, "schema.json"));
  const archive = path.join(outDir, `${EXECUTABLE}-v${version}-${platform()}.tar.gz`);
  execFileSync("tar", ["-czf", archive, "--owner=0", "--group=0", "-C", staging, EXECUTABLE, `${EXECUTABLE}.js`, "schema.json"]);
  fs.rmSync(staging, { recursive: true, force: true });
  return archive;
}

async function main(): Promise<void> {
  const archive = await buildPluginArchive();
  const kb = Math.round(fs.statSync(archive).size / 1024);
  process.stdout.write(`wrote ${path.relative(REPO, archive)} (${kb} KB)\n` +
    `install: pulumi plugin install resource access-keys ${packageVersion()} --file ${path.relative(process.cwd(), archive)}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
