// Starts building the tools engine tests need (test/helpers/tools.js: the Pulumi CLI, the YAML,
// Python and Go language hosts, a venv with pulumi and sdk/python, the Go example's binary) and
// returns at once: test files that need none run meanwhile, the others wait for theirs in their
// environment's setup (test/helpers/tools-environment.js). A tool whose variable is already set
// (PULUMI_ACCESS_KEYS_PULUMI_ROOT=...) is not built. test/global-teardown.js waits for the builds
// and fails the run when one failed.
//
// The Go builds run in two queues over one Go module and build cache (removed at teardown), so
// that modules they have in common are downloaded and compiled once (scripts/go-build.sh): the
// CLI, then the Go example (which requires the CLI's versions: only its own packages are left to
// compile), at normal priority (most engine tests wait for the CLI); the YAML host, then the
// Python host (sdk/v3 v3.68.0, as the CLI's Node.js host: built before it, it leaves that one
// little to compile) and the Go host under `nice`, as is the venv (pip, mostly downloads).
const { execFile } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { FOLDER_PREFIX, TOOLS, recordTool, removeStaleBuildFolders } = require("./helpers/tools");

const QUEUES = [
  { nice: false, tools: ["PULUMI_ACCESS_KEYS_PULUMI_ROOT", "PULUMI_ACCESS_KEYS_GO_EXAMPLE"] },
  { nice: true, tools: ["PULUMI_ACCESS_KEYS_YAML_ROOT", "PULUMI_ACCESS_KEYS_PYTHON_HOST_ROOT", "PULUMI_ACCESS_KEYS_GO_HOST_ROOT"] },
  { nice: true, tools: ["PULUMI_ACCESS_KEYS_PYTHON_VENV"] },
];

/** Runs the tool's script; resolves with the last line it printed (the tool's path). */
function build(name, nice, env) {
  const [script, ...args] = TOOLS[name];
  const command = [...(nice ? ["nice", "-n", "10"] : []), "bash", path.join(__dirname, "..", "scripts", script), ...args];
  return new Promise((resolve, reject) => {
    const child = execFile(command[0], command.slice(1), { encoding: "utf8", maxBuffer: 16 * 1024 * 1024, env }, (err, stdout) => {
      if (err) return reject(err);
      const lines = stdout.trim().split("\n");
      resolve(lines[lines.length - 1]);
    });
    child.stderr.pipe(process.stderr);
  });
}

/** Builds a queue's tools one after another, recording each; resolves with the failures. */
async function runQueue(queue, dir, env) {
  const failures = [];
  for (const name of queue.tools) {
    try {
      const value = process.env[name] || (await build(name, queue.nice, env));
      recordTool(dir, name, { path: value });
    } catch (err) {
      const message = `${TOOLS[name].join(" ")}: ${err instanceof Error ? err.message : String(err)}`;
      recordTool(dir, name, { error: message });
      failures.push(message);
    }
  }
  return failures;
}

module.exports = async function globalSetup() {
  // A killed run leaves its folder (GBs of Go caches): the next run removes it.
  removeStaleBuildFolders(os.tmpdir());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${FOLDER_PREFIX}${process.pid}-`));
  const shared = path.join(dir, "go");
  const env = { ...process.env, PULUMI_ACCESS_KEYS_GO_SHARED_CACHE: shared };
  process.env.PULUMI_ACCESS_KEYS_TOOLS_DIR = dir;
  globalThis.accessKeysToolBuilds = {
    dir,
    done: Promise.all(QUEUES.map((queue) => runQueue(queue, dir, env))).then((lists) => lists.flat()),
  };
};
