/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testTimeout: 30000,
  globalSetup: "<rootDir>/test/global-setup.js",
  // Engine tests start the Pulumi CLI; two cores, so keep workers modest.
  maxWorkers: 2,
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
};
