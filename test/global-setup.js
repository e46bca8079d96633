// Builds (first run) or finds the real Pulumi CLI once for the whole test run, before any
// worker starts; workers inherit PULUMI_ACCESS_KEYS_PULUMI_ROOT from this process. The YAML
// language host (the provider plugin's engine tests) is built at the same time, in its own
// cache folder (scripts/pulumi-yaml.sh): PULUMI_ACCESS_KEYS_YAML_ROOT. So are the Python and Go language
// hosts (scripts/pulumi-language-host.sh: PULUMI_ACCESS_KEYS_{PYTHON,GO}_HOST_ROOT), a venv with
// pulumi and sdk/python (scripts/python-venv.sh: PULUMI_ACCESS_KEYS_PYTHON_VENV) and the Go
// example's binary (scripts/go-example.sh: PULUMI_ACCESS_KEYS_GO_EXAMPLE).
const { execFile } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/** Runs a script of scripts/ unless `envVar` is set, then sets it to the last line the script printed. */
function ensure(envVar, scriptName, args = [], env = process.env) {
  if (process.env[envVar]) return Promise.resolve();
  const script = path.join(__dirname, "..", "scripts", scriptName);
  return new Promise((resolve, reject) => {
    const child = execFile("bash", [script, ...args], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024, env }, (err, stdout) => {
      if (err) return reject(err);
      const lines = stdout.trim().split("\n");
      process.env[envVar] = lines[lines.length - 1];
      resolve();
    });
    child.stderr.pipe(process.stderr);
  });
}

module.exports = async function globalSetup() {
  // The SDK tools build side by side with one Go module and build cache (deleted afterwards), so
  // their common modules are downloaded and compiled once (scripts/lib/cached-build.sh).
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-access-keys-go-"));
  const env = { ...process.env, PULUMI_ACCESS_KEYS_GO_SHARED_CACHE: shared };
  try {
    await Promise.all([
      ensure("PULUMI_ACCESS_KEYS_PULUMI_ROOT", "pulumi-cli.sh"),
      ensure("PULUMI_ACCESS_KEYS_YAML_ROOT", "pulumi-yaml.sh"),
      ensure("PULUMI_ACCESS_KEYS_PYTHON_HOST_ROOT", "pulumi-language-host.sh", ["python"], env),
      ensure("PULUMI_ACCESS_KEYS_GO_HOST_ROOT", "pulumi-language-host.sh", ["go"], env),
      ensure("PULUMI_ACCESS_KEYS_GO_EXAMPLE", "go-example.sh", [], env),
      ensure("PULUMI_ACCESS_KEYS_PYTHON_VENV", "python-venv.sh"),
    ]);
  } finally {
    fs.rmSync(shared, { recursive: true, force: true });
  }
};
