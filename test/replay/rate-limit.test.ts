/**
 * Replays the rate-limit headers of recorded real answers through each cloud's header parser and
 * the shared rate gate, on a clock that follows the recordings' `Date` headers. Katapult counts
 * X-Ratelimit-Remaining down from 1000 per clock minute (it jumps back to 999 at each minute
 * boundary in shared/api/recorded/katapult/*AccessKey_*.cassette.yaml); Linode's recorder kept
 * only X-Ratelimit-Limit (shared/api/recorded/README.md).
 */
import { katapultProfile } from "../../provider/katapult/api";
import { linodeProfile } from "../../provider/linode/api";
import { RateGate } from "../../provider/shared/http/rate-gate";
import { CloudProfile } from "../../provider/shared/http/request";
import { describeRecorded, Interaction, loadCassette } from "../helpers/recorded";

const KATAPULT = ["AccessKey_minimal", "AccessKey_update_name", "AccessKey_update_permissions", "AccessKey_buckets"]
  .map((name) => `katapult/ObjectStorage_scenarios__${name}.cassette.yaml`);
const LINODE = ["TestObjectStorageKey_GetFound", "TestObjectStorageKey_Update", "TestObjectStorageKeys_Regional_Limited"]
  .map((name) => `linode/${name}.yaml`);

/** Sends every recorded request through a gate, as the recording's clock ran; returns the waits the gate asked for. */
async function gateWaits(profile: CloudProfile, calls: Interaction[], start: number): Promise<number[]> {
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

describeRecorded("Recorded rate-limit headers through our parsers and the rate gate", () => {
  it("Katapult's headers parse as 1000 permitted per clock minute, with what remains", () => {
    const first = loadCassette(KATAPULT[0])[0];
    const info = katapultProfile.rateLimitInfo!((name) => first.headers[name], 0);
    const date = Date.parse(first.headers.date);
    // The window is measured on the server's own clock: what is left of its minute, plus a second.
    expect(info).toEqual({
      limit: 1000, remaining: Number(first.headers["x-ratelimit-remaining"]), windowMs: 60_000,
      resetInMs: date - (date % 60_000) + 61_000 - date,
    });
  });

  it.each(KATAPULT)("a whole recorded Katapult run (%s) never makes the gate hold a request back", async (cassette) => {
    const calls = loadCassette(cassette);
    expect(await gateWaits(katapultProfile, calls, Date.parse(calls[0].headers.date))).toEqual([]);
  });

  it("Linode answers that carry only X-Ratelimit-Limit (60 on writes, 1840 on reads) never hold requests back", async () => {
    const calls = LINODE.flatMap(loadCassette);
    expect(new Set(calls.map((i) => linodeProfile.rateLimitInfo!((name) => i.headers[name], 0).limit))).toEqual(new Set([60, 1840]));
    expect(await gateWaits(linodeProfile, calls, 0)).toEqual([]);
  });
});
