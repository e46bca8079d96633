/**
 * `npm run schema`: writes provider/plugin/schema.json, the provider plugin's Pulumi package
 * schema, from the registry and the field tables' types and TSDoc (scripts/schema/).
 * `--check` writes nothing and fails when the committed file is stale (CI runs the same check
 * in test/plugin/schema.test.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { buildSchema } from "./schema/build";
import { extractFieldTables } from "./schema/extract";
import { PACKAGE } from "../provider/plugin/names";

export const REPO = path.resolve(__dirname, fs.existsSync(path.join(__dirname, "..", "package.json")) ? ".." : "../..");
export const SCHEMA_FILE = path.join(REPO, "provider", "plugin", "schema.json");

/** The schema text for the registry as loaded, with the field tables found from `roots` (default: the registry's source). */
export function schemaText(roots: string[] = [path.join(REPO, "provider", "clouds.ts")]): string {
  return `${JSON.stringify(buildSchema(extractFieldTables(roots, PACKAGE)), null, 2)}\n`;
}

function main(): void {
  const text = schemaText();
  if (process.argv.includes("--check")) {
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
    if (committed !== text) {
      process.stderr.write(`${path.relative(REPO, SCHEMA_FILE)} is stale: run \`npm run schema\`\n`);
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(SCHEMA_FILE, text);
  process.stdout.write(`wrote ${path.relative(REPO, SCHEMA_FILE)}\n`);
}

if (require.main === module) main();
