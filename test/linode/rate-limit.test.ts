/**
 * Replays the rate-limit headers of recorded real Linode answers through its header parser and
 * the shared rate gate. Linode's recorder kept only X-Ratelimit-Limit
 * (shared/api/recorded/README.md).
 */
import { linodeProfile } from "../../provider/linode/api";
import { describeRecorded, loadCassette } from "../helpers/recorded";
import { gateWaits } from "../helpers/rate-gate-replay";

const LINODE = ["TestObjectStorageKey_GetFound", "TestObjectStorageKey_Update", "TestObjectStorageKeys_Regional_Limited"]
  .map((name) => `linode/${name}.yaml`);

describeRecorded("Recorded Linode rate-limit headers through our parser and the rate gate", () => {
  it("Linode answers that carry only X-Ratelimit-Limit (60 on writes, 1840 on reads) never hold requests back", async () => {
    const calls = LINODE.flatMap(loadCassette);
    expect(new Set(calls.map((i) => linodeProfile.rateLimitInfo!((name) => i.headers[name], 0).limit))).toEqual(new Set([60, 1840]));
    expect(await gateWaits(linodeProfile, calls, 0)).toEqual([]);
  });
});
