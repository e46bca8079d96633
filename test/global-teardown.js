// Waits for the tool builds test/global-setup.js started (a run whose tests needed none of them
// still lets them finish, as a run did when the builds came first), removes their shared Go
// caches and records, and fails the run when a build failed.
const { removeBuildFolder } = require("./helpers/tools");

module.exports = async function globalTeardown() {
  const builds = globalThis.accessKeysToolBuilds;
  if (!builds) return;
  const failures = await builds.done;
  removeBuildFolder(builds.dir);
  if (failures.length > 0) throw new Error(`building tools for the tests failed:\n${failures.join("\n")}`);
};
