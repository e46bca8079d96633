/**
 * `npm run test:sdkgen`: the opt-in full regeneration check of sdk/* (test/sdk/regenerate.sdkgen.ts).
 * No global setup: it needs only the SDK generator, which the test builds itself.
 * @type {import('jest').Config}
 */
const base = require("./jest.config");

module.exports = { ...base, globalSetup: undefined, globalTeardown: undefined, testMatch: ["<rootDir>/test/sdk/regenerate.sdkgen.ts"] };
