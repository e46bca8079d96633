/**
 * Test harness: a real emulator on an ephemeral loopback port per test file, and a client
 * context whose clock never sleeps for real (retries are counted, not waited for).
 */
import { AllCloudsOptions, createEmulator, Emulator } from "../../emulator";
import { clouds } from "../../provider/clouds";
import { ClientContext } from "../../provider/shared/http/request";
import { RetryPolicy, defaultRetryPolicy } from "../../provider/shared/http/retry";

/** The token each cloud of the registry accepts in tests: `<cloud>-test-token-0000`. */
export const testToken = (cloud: string): string => `${cloud}-test-token-0000`;

/** The test token of every cloud registered when this module loaded, by cloud name. */
export const TOKENS: Readonly<Record<string, string>> = Object.fromEntries(clouds().map((c) => [c.name, testToken(c.name)]));

/** An emulator of every registered cloud, each accepting its test token (not started). */
function testEmulator(): Emulator {
  const options: AllCloudsOptions = Object.fromEntries(clouds().map((c) => [c.name, { tokens: [testToken(c.name)] }]));
  return createEmulator(options);
}

/** An emulator of every registered cloud, each accepting its test token. */
export async function startEmulator(): Promise<Emulator> {
  const emulator = testEmulator();
  await emulator.start();
  return emulator;
}

/** The test file's emulator: started before its tests, stopped after them, reset before each. */
export function fileEmulator(): Emulator {
  const emulator = testEmulator();
  beforeAll(() => emulator.start());
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());
  return emulator;
}

/** A context against the emulator with instant sleeps; `sleeps` records every backoff asked for. */
export function testContext(
  baseUrl: string,
  authorization: string,
  policy: Partial<RetryPolicy> = {},
  options: { realSleep?: boolean } = {},
): ClientContext & { sleeps: number[] } {
  const sleeps: number[] = [];
  let offset = 0;
  return {
    baseUrl,
    authorization,
    policy: { ...defaultRetryPolicy, timeoutMs: 2_000, ...policy },
    sleeps,
    sleep: async (ms) => {
      sleeps.push(ms);
      if (options.realSleep) await new Promise((resolve) => setTimeout(resolve, ms));
      else offset += ms;
    },
    random: () => 0.5,
    now: () => Date.now() + offset,
  };
}
