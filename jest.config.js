/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  roots: ["<rootDir>/test"],
  testTimeout: 30000,
  // The tools engine tests need are built in the background (global setup) while the tests that
  // need none run first (sequencer); a file that needs one waits for it in its environment.
  globalSetup: "<rootDir>/test/global-setup.js",
  globalTeardown: "<rootDir>/test/global-teardown.js",
  testEnvironment: "<rootDir>/test/helpers/tools-environment.js",
  testSequencer: "<rootDir>/test/helpers/sequencer.js",
  // Engine tests start the Pulumi CLI (CPU-heavy); the fault matrix and the load test mostly wait
  // on timeouts and rate limits, so a third worker overlaps their waiting with the engine work.
  maxWorkers: 3,
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
};
