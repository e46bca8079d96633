// Waits for the tool builds test/global-setup.js started (a run whose tests needed none of them
// still lets them finish, as a run did when the builds came first), removes their shared Go
// caches and records, and fails the run when a build failed.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");

module.exports = async function globalTeardown() {
  const builds = globalThis.accessKeysToolBuilds;
  if (!builds) return;
  const failures = await builds.done;
  // Module files go writes read-only unless -modcacherw (scripts/go-build.sh) was in effect.
  try {
    execFileSync("chmod", ["-R", "u+w", builds.dir], { stdio: "ignore" });
  } catch {
    // nothing read-only, or already gone
  }
  fs.rmSync(builds.dir, { recursive: true, force: true });
  if (failures.length > 0) throw new Error(`building tools for the tests failed:\n${failures.join("\n")}`);
};
