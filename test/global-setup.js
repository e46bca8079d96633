// Builds (first run) or finds the real Pulumi CLI once for the whole test run, before any
// worker starts; workers inherit PULUMI_ACCESS_KEYS_PULUMI_ROOT from this process. The YAML
// language host (the provider plugin's engine tests) is built at the same time, in its own
// cache folder (scripts/pulumi-yaml.sh): PULUMI_ACCESS_KEYS_YAML_ROOT.
const { execFile } = require("node:child_process");
const path = require("node:path");

/** Runs a script of scripts/ unless `envVar` is set, then sets it to the last line the script printed. */
function ensure(envVar, scriptName) {
  if (process.env[envVar]) return Promise.resolve();
  const script = path.join(__dirname, "..", "scripts", scriptName);
  return new Promise((resolve, reject) => {
    const child = execFile("bash", [script], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const lines = stdout.trim().split("\n");
      process.env[envVar] = lines[lines.length - 1];
      resolve();
    });
    child.stderr.pipe(process.stderr);
  });
}

module.exports = async function globalSetup() {
  await Promise.all([ensure("PULUMI_ACCESS_KEYS_PULUMI_ROOT", "pulumi-cli.sh"), ensure("PULUMI_ACCESS_KEYS_YAML_ROOT", "pulumi-yaml.sh")]);
};
