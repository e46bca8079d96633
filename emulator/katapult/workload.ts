/** What the demo and the benchmark do on Katapult (emulator/workload.ts). */
import { ObjectStorageAccessKey } from "../../provider/katapult";
import { benchKeyName, CloudWorkload } from "../workload";

const keyArgs = (index: number, revision: number) => ({ name: benchKeyName(index, revision), allBucketsRead: true });

export const workload: CloudWorkload = {
  bench: {
    declareKey: (index, revision) => new ObjectStorageAccessKey(`key-${index}`, keyArgs(index, revision)),
    keyArgs,
    // Create is four calls: the list of keys with the chosen name (provider/shared/recovery.ts), the key, its S3
    // credentials, and the read that shows them configured.
    calls: { create: 4, read: 1, update: 1, delete: 1 },
    // Katapult's budget is per clock minute (docs/api/katapult.md#rate-limits) and the provider waits for the next minute
    // when it is spent, so the window is a minute: 30 keys (60 requests) at 40 a minute need two.
    rateLimit: { perWindow: 40, windowMs: 60_000, keys: 30, sendsHeaders: true },
    // Katapult provisions for tens of seconds (docs/api/katapult.md#provisioning) and refuses generate_credentials until
    // then; that wait is the cloud's, not ours, so the emulator provisions instantly here.
    emulatorOptions: () => ({ provisioning: { createRejections: 0, createPendingMs: 0, updateRejections: 0, updatePendingMs: 0 } }),
    notes: "update pass changes `name`; emulator provisioning made instant (createRejections 0)",
  },
  demo: {
    // Katapult provisions for a while after a create (docs/api/katapult.md#provisioning: 30-45 s; 2 s here).
    // New credentials are configured a moment after they are issued (docs/api/katapult.md#states).
    emulatorOptions: { provisioning: { createRejections: 0, createPendingMs: 2_000, updatePendingMs: 500 }, configureDelayMs: 1_500 },
  },
};
