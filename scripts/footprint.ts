/**
 * `npm run footprint`: which files outside a cloud's own places name it (issue 13's measure of
 * how well the registry holds). A cloud's own places are its folders (`provider/<name>/`,
 * `emulator/<name>/`, `test/<name>/`, `examples/<name>/`) and its notes (`docs/api/<name>.md`,
 * `docs/<name>.md`); Markdown elsewhere is prose about every cloud and is not counted, nor is
 * recorded data under a `fixtures/` folder. Files
 * come from `git ls-files`, so only what the repository holds counts. Prints one line per cloud
 * and the files; `--max N` exits 1 when a cloud has more than N.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { clouds } from "../provider/clouds";

export interface Footprint {
  cloud: string;
  /** Files outside the cloud's own places that name it (case-insensitive). */
  files: string[];
}

export function ownPlace(cloud: string, file: string): boolean {
  return (
    ["provider", "emulator", "test", "examples"].some((top) => file.startsWith(`${top}/${cloud}/`)) ||
    file === `docs/api/${cloud}.md` ||
    file === `docs/${cloud}.md`
  );
}

/**
 * Prose, lock files, recorded data (test fixtures: state written by earlier versions, which
 * holds their type tokens) and the provider plugin's schema (generated from the registry,
 * provider/plugin/schema.json) talk about every cloud by nature; the measure is about code and config.
 */
function counted(file: string): boolean {
  return !file.endsWith(".md") && !file.endsWith("package-lock.json") && !file.endsWith(".openapi.json") && !file.includes("/fixtures/") &&
    file !== "provider/plugin/schema.json";
}

export function footprint(root: string, names: readonly string[] = clouds().map((c) => c.name)): Footprint[] {
  const files = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).split("\n").filter((f) => f && counted(f));
  const texts = new Map(files.filter((f) => fs.existsSync(path.join(root, f))).map((f) => [f, fs.readFileSync(path.join(root, f), "utf8").toLowerCase()]));
  return names.map((cloud) => ({
    cloud,
    files: [...texts].filter(([f, text]) => !ownPlace(cloud, f) && text.includes(cloud.toLowerCase())).map(([f]) => f),
  }));
}

function main(): void {
  const root = path.resolve(__dirname, "..", "..");
  const maxIndex = process.argv.indexOf("--max");
  const max = maxIndex > 0 ? Number(process.argv[maxIndex + 1]) : Infinity;
  let over = false;
  for (const { cloud, files } of footprint(root)) {
    over ||= files.length > max;
    process.stdout.write(`${cloud}: ${files.length} file(s) outside its own places name it\n${files.map((f) => `  ${f}\n`).join("")}`);
  }
  if (over) process.exit(1);
}

if (require.main === module) main();
