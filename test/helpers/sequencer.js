// Jest's order (slowest or largest files first), except that the files needing no built tool
// come first, then those needing only the Pulumi CLI, then the rest (test/helpers/tools.js): the
// first group runs while test/global-setup.js builds the tools, the CLI is built before the others.
const Sequencer = require("@jest/test-sequencer").default;
const { toolsNeeded } = require("./tools");

function group(test) {
  const tools = toolsNeeded(test.path);
  if (tools.length === 0) return 0;
  return tools.every((name) => name === "PULUMI_ACCESS_KEYS_PULUMI_ROOT") ? 1 : 2;
}

class ToolsLastSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return sorted.map((test, index) => ({ test, index, group: group(test) }))
      .sort((a, b) => a.group - b.group || a.index - b.index)
      .map(({ test }) => test);
  }
}

module.exports = ToolsLastSequencer;
