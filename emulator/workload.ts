/**
 * What the demo (scripts/demo.ts) and the benchmark (scripts/bench/) do on one cloud, exported as
 * `workload` from `emulator/<cloud>/workload.ts`: the keys they declare, the calls each operation
 * should cost, the rate limit to run under, and the emulator options that make a run realistic
 * (the demo) or fast (the benchmark). Everything else they derive from the cloud's descriptor.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EmulatedCloudOptions } from "./clouds";

/** The name (or label) of the benchmark's key number `index` at `revision`. */
export const benchKeyName = (index: number, revision: number): string => `bench-${index}-r${revision}`;

export interface CallsPerKey {
  create: number;
  read: number;
  update: number;
  delete: number;
}

/** The rate-limited run: `perWindow` requests per fixed window of `windowMs`, for `keys` keys. */
export interface RateLimitCase {
  perWindow: number;
  windowMs: number;
  keys: number;
  /** The cloud sends rate-limit headers on every answer, so the provider can pace before any 429. */
  sendsHeaders: boolean;
}

export interface BenchWorkload {
  /** Key number `index`; `revision` 1 changes one in-place field (the update pass). */
  declareKey(index: number, revision: number): pulumi.CustomResource;
  /** The arguments `declareKey` gives key number `index`: the provider plugin's row declares the same key by type token. */
  keyArgs(index: number, revision: number): Record<string, unknown>;
  /** API calls per key each operation must make (check, diff and a no-op preview: 0). */
  calls: CallsPerKey;
  /**
   * The rate-limited run. Its bound (requests over the allowed rate) should be several seconds and
   * the rate well below the engine's own pace, so that the limit, not the engine, sets the time.
   */
  rateLimit: RateLimitCase;
  /** Emulator options besides the token: hold `maxKeys` keys, no artificial delays. */
  emulatorOptions?(maxKeys: number): EmulatedCloudOptions;
  /** What the emulator and this entry were set to, for the report. */
  notes: string;
}

/** An out-of-band change the demo makes in the emulator, as a user would in the cloud's console. */
export interface DemoDrift {
  /** For the demo's heading, e.g. `rename the <Cloud> key in the emulator (as if in its console)`. */
  describe: string;
  /** The wire field edited, e.g. `label`. */
  field: string;
  value: string;
}

export interface DemoWorkload {
  /** Emulator options besides the token (e.g. real-time provisioning, as the cloud does). */
  emulatorOptions?: EmulatedCloudOptions;
  drift?: DemoDrift;
  /** Config of the demo program (examples/all-clouds) changed for the in-place update, e.g. {<cloud>Name: "demo-ci"}. */
  inPlaceChanges?: Readonly<Record<string, string>>;
}

export interface CloudWorkload {
  bench: BenchWorkload;
  demo: DemoWorkload;
}
