// Builds (first run) or finds the real Pulumi CLI once for the whole test run, before any
// worker starts; workers inherit PULUMI_ACCESS_KEYS_PULUMI_ROOT from this process.
const { execFileSync } = require("node:child_process");
const path = require("node:path");

module.exports = async function globalSetup() {
  if (process.env.PULUMI_ACCESS_KEYS_PULUMI_ROOT) return;
  const script = path.join(__dirname, "..", "scripts", "pulumi-cli.sh");
  const stdout = execFileSync("bash", [script], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  const lines = stdout.trim().split("\n");
  process.env.PULUMI_ACCESS_KEYS_PULUMI_ROOT = lines[lines.length - 1];
};
