/**
 * Katapult keys are usable when `pulumi up` ends: after issuing credentials the provider reads
 * the key until it is `configured`, backing off to at most 5 s, within
 * `katapult:credentialsTimeoutSeconds`; a key not ready in time keeps its new secret in state.
 * The clock is fake: backoffs are counted, never waited for.
 */
import { KatapultCloud } from "../../emulator/katapult";
import { MAX_DELAY_MS, NotConfiguredError } from "../../provider/katapult/configured";
import { AccessKeyProvider } from "../../provider/katapult/provider";
import { AccessKeyInputs } from "../../provider/katapult/schemas";
import { fileEmulator, testContext, TOKENS } from "../helpers/emulator";
import { ROUTES } from "./routes";

const emulator = fileEmulator();
const katapult = emulator.cloud<KatapultCloud>("katapult");
let provider: AccessKeyProvider;
let ctx: ReturnType<typeof testContext>;

beforeEach(() => {
  katapult.provisioning.createRejections = 0;
  process.env.KATAPULT_CREDENTIALS_TIMEOUT_SECONDS = "20";
  ctx = testContext(emulator.url("katapult"), `Bearer ${TOKENS.katapult}`);
  provider = new AccessKeyProvider(() => ctx);
});
afterEach(() => {
  delete process.env.KATAPULT_CREDENTIALS_TIMEOUT_SECONDS;
  delete process.env.KATAPULT_WAIT_UNTIL_CONFIGURED;
  jest.restoreAllMocks();
});

async function checked(news: Record<string, unknown> = {}): Promise<AccessKeyInputs> {
  return (await provider.check({}, { logicalName: "key", organization: { subDomain: "emulator" }, ...news })).inputs;
}

describe("waiting until Katapult has configured new credentials", () => {
  it("reads the key once after credentials when it is configured by then", async () => {
    const { outs } = await provider.create(await checked());
    expect(emulator.requestCounts()).toEqual({ [ROUTES.create]: 1, [ROUTES.generate]: 1, [ROUTES.get]: 1 });
    expect(outs.state).toBe("configured");
  });

  it("does not read at all with katapult:waitUntilConfigured false", async () => {
    process.env.KATAPULT_WAIT_UNTIL_CONFIGURED = "false";
    const { outs } = await provider.create(await checked());
    expect(emulator.requestCounts()).toEqual({ [ROUTES.create]: 1, [ROUTES.generate]: 1 });
    expect(outs.state).toBe("pending");
  });

  it("refuses a waitUntilConfigured that is not true or false", async () => {
    process.env.KATAPULT_WAIT_UNTIL_CONFIGURED = "maybe";
    await expect(provider.create(await checked())).rejects.toThrow(/katapult:waitUntilConfigured .* must be true or false/);
    expect(katapult.inventory()).toEqual([]);
  });

  it("a create not configured in time is recorded with its new secret (partial create), backing off to 5 s", async () => {
    katapult.configureDelayMs = 3_600_000;
    const error = await provider.create(await checked({ name: "slow" })).catch((e) => e);
    expect(error).toBeInstanceOf(NotConfiguredError);
    const secret = katapult.inventory()[0].s3_secret_access_key as string;
    expect(error).toMatchObject({ id: katapult.inventory()[0].id, properties: { name: "slow", state: "pending", secretAccessKey: secret } });
    expect(error.message).toMatch(/has new credentials, but Katapult had not finished configuring them.*recorded in the stack with its new credentials/);
    expect(error.message).not.toContain(secret);
    expect(error.reasons.join()).not.toContain(secret);
    expect(Math.max(...ctx.sleeps)).toBe(MAX_DELAY_MS);
    expect(ctx.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20_000);
    expect(emulator.count("katapult", "GET")).toBeGreaterThan(4);
  });

  it("a rotation not configured in time still returns the new secret, state pending, with a warning", async () => {
    const inputs = await checked({ name: "ci" });
    const { id, outs } = await provider.create(inputs);
    katapult.configureDelayMs = 3_600_000;
    const warnings: string[] = [];
    jest.spyOn(process.stderr, "write").mockImplementation((chunk) => (warnings.push(String(chunk)), true));
    const { outs: rotated } = await provider.update(id, outs, { ...inputs, rotation: 2 });
    const secret = katapult.inventory()[0].s3_secret_access_key;
    expect(rotated).toMatchObject({ state: "pending", secretAccessKey: secret, rotation: 2 });
    expect(rotated!.secretAccessKey).not.toBe(outs.secretAccessKey);
    expect(warnings.join()).toMatch(/warning: Katapult key objkey_\w+ \("ci"\) has new credentials, but Katapult had not finished/);
    expect(warnings.join()).not.toContain(String(secret));
  });
});
