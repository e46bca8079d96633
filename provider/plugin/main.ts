/**
 * The executable behind `pulumi-resource-access-keys`: serves the provider on a loopback port and
 * prints the port on stdout, as the engine expects of a resource plugin; the engine stops it when
 * done (docs/plugin.md#how-the-engine-runs-it). Nothing else may write to stdout.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import schema from "./schema.json";
import { serve } from "./service";

/** Set by the bundler (scripts/plugin.ts); absent when run from the compiled files. */
declare const __PLUGIN_VERSION__: string | undefined;

/** The package's version, from the nearest package.json named pulumi-access-keys. */
export function pluginVersion(): string {
  if (typeof __PLUGIN_VERSION__ === "string") return __PLUGIN_VERSION__;
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "pulumi-access-keys" && pkg.version) return pkg.version;
  }
  return "0.0.0";
}

async function main(): Promise<void> {
  const { port } = await serve({ version: pluginVersion(), schema: JSON.stringify(schema) });
  process.stdout.write(`${port}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`pulumi-resource-access-keys: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
