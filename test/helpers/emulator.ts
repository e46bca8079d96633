/**
 * Test harness: a real emulator on an ephemeral loopback port per test file, and a client
 * context whose clock never sleeps for real (retries are counted, not waited for).
 */
import { createEmulator, Emulator } from "../../emulator";
import { ClientContext } from "../../provider/shared/http/request";
import { RetryPolicy, defaultRetryPolicy } from "../../provider/shared/http/retry";

export const TOKENS = {
  linode: "linode-test-token-0000",
  katapult: "katapult-test-token-0000",
  bird: "bird-test-token-0000",
};

export async function startEmulator(): Promise<Emulator> {
  const emulator = createEmulator({
    linode: { tokens: [TOKENS.linode] },
    katapult: { tokens: [TOKENS.katapult] },
    bird: { tokens: [TOKENS.bird] },
  });
  await emulator.start();
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
