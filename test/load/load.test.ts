/**
 * Load: every registered cloud's share of keys (its harness's `load.keys`, 270 in all today)
 * created, refreshed and destroyed through the real engine with Pulumi's default
 * parallelism, while the emulator enforces a rate limit on every cloud (some answer 429 with
 * Retry-After; a per-clock-minute budget sends no Retry-After). Zero failures, zero orphans,
 * nothing secret in state or output.
 */
import { Emulator } from "../../emulator";
import { emulatorStackConfig, secretInState, testedClouds, tokenOf } from "../helpers/clouds";
import { engineStack, EngineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { startEmulator } from "../helpers/emulator";

jest.setTimeout(15 * 60_000);

/**
 * The per-minute budget sets the test's length: its cloud's share is sized so that the budget
 * runs out once (during refresh) and the provider waits for the next minute once, not three times.
 */
const CLOUDS = testedClouds();
let emulator: Emulator;
let s: EngineStack;

beforeAll(async () => {
  emulator = await startEmulator();
  for (const cloud of CLOUDS) {
    const { load, prepare } = cloud.harness;
    prepare?.(emulator);
    load.prepare?.(emulator, load.keys);
    emulator.rateLimits.set(cloud.name, load.perWindow, load.windowMs);
  }
  s = await engineStack(
    "load",
    async () => {
      for (const { short, harness } of CLOUDS) {
        for (let i = 0; i < harness.load.keys; i++) harness.engine.declare(`${short}-${i}`, harness.engine.nth(i));
      }
    },
    Object.assign({}, ...CLOUDS.map((cloud) => emulatorStackConfig(cloud, emulator))),
    { PULUMI_ACCESS_KEYS_RETRY_BASE_MS: "200" },
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

const sizes = () => CLOUDS.map((c) => emulator.cloud(c.name).inventory().length);
const COUNTS = CLOUDS.map((c) => c.harness.load.keys);
const TOTAL = COUNTS.reduce((a, b) => a + b, 0);

/** Every cloud whose limit must have been honoured by the end of `phase`: it got more requests than one window allows. */
function expectOverBudget(phase: "up" | "refresh"): void {
  for (const cloud of CLOUDS.filter((c) => c.harness.load.exceededBy === phase)) {
    const accepted = emulator.count(cloud.name) - emulator.rateLimitRejections(cloud.name);
    expect({ cloud: cloud.name, overBudget: accepted > cloud.harness.load.perWindow }).toEqual({ cloud: cloud.name, overBudget: true });
  }
}

test(`${TOTAL} keys under rate limits: up, refresh and destroy without a failure or an orphan`, async () => {
  const up = await s.stack.up(recording(s));
  expect(up.summary.result).toBe("succeeded");
  expect(up.summary.resourceChanges).toMatchObject({ create: TOTAL + 1 });
  expect(sizes()).toEqual(COUNTS);
  const resources = s.resources();
  expect(resources).toHaveLength(TOTAL);
  expect(new Set(resources.map((r) => r.id)).size).toBe(TOTAL);
  for (const r of resources) expect(isCiphertext(secretInState(r))).toBe(true);
  // The limit had to be honoured: by waiting out 429s or by pacing from the rate-limit headers.
  expectOverBudget("up");

  const refresh = await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  expect(refresh.summary.result).toBe("succeeded");
  // By now the per-minute budget was exceeded too.
  expectOverBudget("refresh");

  const destroy = await s.stack.destroy(recording(s));
  expect(destroy.summary.result).toBe("succeeded");
  expect(sizes()).toEqual(CLOUDS.map(() => 0));

  expectNoLeaks(s, CLOUDS.map(tokenOf));
});
