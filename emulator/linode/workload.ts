/** What the demo and the benchmark do on Linode (emulator/workload.ts). */
import { ObjectStorageKey } from "../../provider/linode";
import { benchKeyName, CloudWorkload } from "../workload";

const keyArgs = (index: number, revision: number) => ({
  label: benchKeyName(index, revision),
  bucketAccess: [{ bucketName: "bench", region: "us-east", permissions: "read_only" as const }],
});

export const workload: CloudWorkload = {
  bench: {
    declareKey: (index, revision) => new ObjectStorageKey(`key-${index}`, keyArgs(index, revision)),
    keyArgs,
    // Create is two calls: the label is chosen, so the keys with it are listed first (docs/api/linode.md#lost-creates).
    calls: { create: 2, read: 1, update: 1, delete: 1 },
    // 10 per second: 100 creates need 10 s, far below the engine's own pace (20 to 30 creates per
    // second at parallelism 8 on 2 cores), so the limit, not the engine, sets the time.
    rateLimit: { perWindow: 10, windowMs: 1_000, keys: 100, sendsHeaders: true },
    // The emulator caps an account at 100 keys, like Linode; the benchmark needs more.
    emulatorOptions: (maxKeys) => ({ maxKeys }),
    notes: "limited key with one bucket; update pass changes `label`; emulator `maxKeys` raised to the largest N",
  },
  demo: {
    drift: { describe: "rename the Linode key in the emulator (as if in the Cloud Manager)", field: "label", value: "renamed-in-console" },
    inPlaceChanges: { linodeLabel: "demo-key" },
  },
};
