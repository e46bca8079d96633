// The tools engine tests need (the Pulumi CLI, language hosts, a venv, the Go example), built by
// scripts of scripts/ in the background while the tests that need none run (test/global-setup.js).
// Each finished build writes <PULUMI_ACCESS_KEYS_TOOLS_DIR>/<variable> holding the path the script
// printed last (or <variable>.error); a test file waits, in its environment's setup
// (test/helpers/tools-environment.js), for the variables it or the test helpers it imports
// mention, and the sequencer (test/helpers/sequencer.js) runs the files that need none first.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

/** Variable -> the script (and its arguments) whose last line of output is the tool's path. */
const TOOLS = {
  PULUMI_ACCESS_KEYS_PULUMI_ROOT: ["pulumi-cli.sh"],
  PULUMI_ACCESS_KEYS_YAML_ROOT: ["pulumi-yaml.sh"],
  PULUMI_ACCESS_KEYS_PYTHON_HOST_ROOT: ["pulumi-language-host.sh", "python"],
  PULUMI_ACCESS_KEYS_GO_HOST_ROOT: ["pulumi-language-host.sh", "go"],
  PULUMI_ACCESS_KEYS_GO_EXAMPLE: ["go-example.sh"],
  PULUMI_ACCESS_KEYS_PYTHON_VENV: ["python-venv.sh"],
};
const TOOL_NAME = new RegExp(`\\b(${Object.keys(TOOLS).join("|")})\\b`, "g");
const TEST_DIR = path.resolve(__dirname, "..");

/** The file a relative import names (`./x`, `../helpers/engine`), if it is a source file. */
function resolveImport(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, "index.ts"), path.join(base, "index.js")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Adds to `found` the tool variables `file` and the files under test/ it imports (transitively) mention. */
function collectTools(file, found, seen) {
  if (seen.has(file)) return;
  seen.add(file);
  const source = fs.readFileSync(file, "utf8");
  for (const name of source.match(TOOL_NAME) ?? []) found.add(name);
  for (const match of source.matchAll(/(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = resolveImport(file, match[1]);
    if (target && target.startsWith(TEST_DIR + path.sep)) collectTools(target, found, seen);
  }
}

const needed = new Map();
/** The tool variables the test file at `testPath` needs, sorted. */
function toolsNeeded(testPath) {
  const file = path.resolve(testPath);
  if (!needed.has(file)) {
    const found = new Set();
    collectTools(file, found, new Set());
    needed.set(file, [...found].sort());
  }
  return needed.get(file);
}

/** Records a finished build for the waiting test files (atomically: a reader never sees half a path). */
function recordTool(dir, name, result) {
  const file = path.join(dir, "error" in result ? `${name}.error` : name);
  fs.writeFileSync(`${file}.tmp`, "error" in result ? result.error : result.path);
  fs.renameSync(`${file}.tmp`, file);
}

/** Waits until every build of `names` has finished; their paths by name, or throws a failed build's error. */
async function waitForTools(dir, names) {
  const found = {};
  for (;;) {
    for (const name of names) {
      if (name in found) continue;
      if (fs.existsSync(path.join(dir, `${name}.error`))) {
        throw new Error(`building ${name} failed (test/global-setup.js):\n${fs.readFileSync(path.join(dir, `${name}.error`), "utf8")}`);
      }
      if (fs.existsSync(path.join(dir, name))) found[name] = fs.readFileSync(path.join(dir, name), "utf8");
    }
    if (Object.keys(found).length === names.length) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Removes a folder the builds used, Go's module cache in it included (go may write it read-only). */
function removeBuildFolder(dir) {
  try {
    execFileSync("chmod", ["-R", "u+w", dir], { stdio: "ignore" });
  } catch {
    // nothing read-only, or already gone
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The builds' folder of a run: in the temporary folder, named after the jest process. */
const FOLDER_PREFIX = "pulumi-access-keys-tools-";

/** Removes the builds' folders of earlier runs whose process is gone (killed before its teardown). */
function removeStaleBuildFolders(tmp) {
  for (const name of fs.readdirSync(tmp)) {
    const pid = Number(/^pulumi-access-keys-tools-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if (err.code === "ESRCH") removeBuildFolder(path.join(tmp, name));
    }
  }
}

module.exports = { TOOLS, FOLDER_PREFIX, toolsNeeded, recordTool, waitForTools, removeBuildFolder, removeStaleBuildFolders };
