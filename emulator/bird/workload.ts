/** What the demo and the benchmark do on Bird (emulator/workload.ts). */
import { AccessKey } from "../../provider/bird";
import { benchKeyName, CloudWorkload } from "../workload";

const keyArgs = (index: number, revision: number) => ({ name: benchKeyName(index, revision), description: "benchmark key" });

export const workload: CloudWorkload = {
  bench: {
    declareKey: (index, revision) => new AccessKey(`key-${index}`, keyArgs(index, revision)),
    keyArgs,
    // Create is two calls: the name is chosen, so the keys with it are listed first (provider/shared/recovery.ts).
    calls: { create: 2, read: 1, update: 1, delete: 1 },
    // Bird documents no rate-limit headers: only a 429's Retry-After paces it.
    rateLimit: { perWindow: 10, windowMs: 1_000, keys: 100, sendsHeaders: false },
    notes: "update pass changes `name`",
  },
  demo: { inPlaceChanges: { birdName: "demo-ci" } },
};
