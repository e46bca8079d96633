// Jest's Node environment, plus: before a test file runs, wait for the tools it needs
// (test/helpers/tools.js) to be built by test/global-setup.js, and set their variables. Waiting
// here, not in a hook, is bounded by the builds alone (they end with a path or an error), not by
// a test timeout. A file that needs no tool starts at once, while the builds go on.
const { TestEnvironment } = require("jest-environment-node");
const { toolsNeeded, waitForTools } = require("./tools");

class ToolsEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }

  async setup() {
    await super.setup();
    const dir = process.env.PULUMI_ACCESS_KEYS_TOOLS_DIR;
    const missing = toolsNeeded(this.testPath).filter((name) => !process.env[name]);
    if (!dir || missing.length === 0) return;
    const found = await waitForTools(dir, missing);
    for (const [name, value] of Object.entries(found)) {
      // The worker's own environment too: child processes started without `env` inherit it.
      process.env[name] = value;
      this.global.process.env[name] = value;
    }
  }
}

module.exports = ToolsEnvironment;
