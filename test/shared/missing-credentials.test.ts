/**
 * Missing tokens are reported all at once: in the provider host `check` fails a resource whose
 * cloud's token is set nowhere, naming every other cloud's missing token too, and so does the
 * error of a call that needed it.
 */
import { clouds } from "../../provider/clouds";
import { ConfigurationError } from "../../provider/shared/http/errors";
import { missingTokenFailures, withOtherMissingTokens } from "../../provider/shared/missing-credentials";
import { useStackConfig } from "../../provider/shared/settings";

const ALL = clouds();
const [first, ...others] = ALL;
const saved: Record<string, string | undefined> = {};

beforeEach(() => {
  for (const c of ALL) {
    saved[c.credentials.token.envVar] = process.env[c.credentials.token.envVar];
    delete process.env[c.credentials.token.envVar];
  }
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  useStackConfig(undefined);
});

test("in the host, a resource without credentials and no token fails check, naming every missing token", () => {
  useStackConfig({ get: () => undefined });
  const [failure, ...more] = missingTokenFailures(first, ALL, { logicalName: "k" });
  expect(more).toEqual([]);
  expect(failure.property).toBe("");
  expect(failure.reason).toContain(`${first.credentials.what} is not set: run \`pulumi config set --secret ${first.credentials.token.configKey} <value>\``);
  for (const c of others) expect(failure.reason).toContain(`${c.credentials.token.configKey} / ${c.credentials.token.envVar}`);
  expect(failure.reason).toContain("set those of the clouds your stack uses");
});

test("a token from stack config or the environment, or the resource's own credentials, is enough; outside the host check stays offline and silent", () => {
  useStackConfig({ get: (key) => (key === first.credentials.token.configKey ? "from-config" : undefined) });
  expect(missingTokenFailures(first, ALL, {})).toEqual([]);
  useStackConfig({ get: () => undefined });
  process.env[first.credentials.token.envVar] = "from-env";
  expect(missingTokenFailures(first, ALL, {})).toEqual([]);
  delete process.env[first.credentials.token.envVar];
  expect(missingTokenFailures(first, ALL, { credentials: { token: "own" } })).toEqual([]);
  useStackConfig(undefined);
  expect(missingTokenFailures(first, ALL, {})).toEqual([]);
});

test("an error saying this cloud's token is not set lists the other clouds' missing tokens; other errors pass unchanged", async () => {
  for (const c of others.slice(1)) process.env[c.credentials.token.envVar] = "set";
  const missing = new ConfigurationError(`${first.credentials.what} is not set: run ...`);
  await expect(withOtherMissingTokens(first, ALL, () => Promise.reject(missing))).rejects.toBe(missing);
  expect(missing.message).toContain(`Not set either: ${others[0].credentials.what.replace(/^The /, "the ")} (${others[0].credentials.token.configKey}`);
  for (const c of others.slice(1)) expect(missing.message).not.toContain(c.credentials.token.configKey);
  const other = new ConfigurationError("something else");
  await expect(withOtherMissingTokens(first, ALL, () => Promise.reject(other))).rejects.toBe(other);
  expect(other.message).toBe("something else");
});
