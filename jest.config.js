/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testTimeout: 30000,
  globalSetup: "<rootDir>/test/global-setup.js",
  // Engine tests start the Pulumi CLI (CPU-heavy); the fault matrix and the load test mostly wait
  // on timeouts and rate limits, so a third worker overlaps their waiting with the engine work.
  maxWorkers: 3,
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
};
