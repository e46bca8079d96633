/**
 * Replays the rate-limit headers of recorded real Katapult answers through its header parser and
 * the shared rate gate. Katapult counts X-Ratelimit-Remaining down from 1000 per clock minute (it
 * jumps back to 999 at each minute boundary in
 * shared/api/recorded/katapult/*AccessKey_*.cassette.yaml).
 */
import { katapultProfile } from "../../provider/katapult/api";
import { describeRecorded, loadCassette } from "../helpers/recorded";
import { gateWaits } from "../helpers/rate-gate-replay";

const KATAPULT = ["AccessKey_minimal", "AccessKey_update_name", "AccessKey_update_permissions", "AccessKey_buckets"]
  .map((name) => `katapult/ObjectStorage_scenarios__${name}.cassette.yaml`);

describeRecorded("Recorded Katapult rate-limit headers through our parser and the rate gate", () => {
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
});
