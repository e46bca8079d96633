/**
 * Replays recorded answers' rate-limit headers through a cloud's header parser and the shared
 * rate gate, on a clock that follows the recordings' `Date` headers.
 */
import { RateGate } from "../../provider/shared/http/rate-gate";
import { CloudProfile } from "../../provider/shared/http/request";
import { Interaction } from "./recorded";

/** Sends every recorded request through a gate, as the recording's clock ran; returns the waits the gate asked for. */
export async function gateWaits(profile: CloudProfile, calls: Interaction[], start: number): Promise<number[]> {
  const gate = new RateGate();
  const waits: number[] = [];
  let now = start;
  const clock = { now: () => now, sleep: async (ms: number) => void waits.push(ms) };
  for (const i of calls) {
    const date = Date.parse(i.headers.date ?? "");
    if (!Number.isNaN(date)) now = Math.max(now, date);
    await gate.acquire(clock);
    gate.observe(profile.rateLimitInfo!((name) => i.headers[name], now), now);
  }
  return waits;
}
