/**
 * The clouds the benchmark runs: one case per cloud of the registry (provider/clouds.ts). A case
 * says how to make the emulator accept N keys, how to point a stack at it, how to declare key
 * number i (and change it in place for the update pass), how many API calls per key each
 * operation should cost, and the rate limit to run it under. The cloud-specific parts are the
 * cloud's `workload.bench` (emulator/<cloud>/workload.ts); the rest comes from its descriptor.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { AllCloudsOptions, cloudWorkload, emulatedCloud, Emulator } from "../../emulator";
import type { CallsPerKey, RateLimitCase } from "../../emulator/workload";
import { clouds } from "../../provider/clouds";
import { CloudDescriptor, stackConfig } from "../../provider/shared/cloud";
import { UsageError } from "./options";

export type { CallsPerKey, RateLimitCase } from "../../emulator/workload";

export interface CloudCase {
  cloud: string;
  /** The kind in the type token `pulumi-nodejs:dynamic/<kind>`. */
  kind: string;
  /** API calls per key each operation must make (check, diff and a no-op preview: 0). */
  calls: CallsPerKey;
  /** Emulator settings: accept our token, hold `maxKeys` keys, no artificial delays. */
  emulator(maxKeys: number): AllCloudsOptions;
  /** Stack config pointing the provider at the emulator. */
  config(emulator: Emulator): ConfigMap;
  /** Key number `index`; `revision` 1 changes one in-place field (the update pass). */
  declare(index: number, revision: number): pulumi.CustomResource;
  /** The rate-limited run (see `RateLimitCase`). */
  rateLimit: RateLimitCase;
  /** What the emulator and this case were set to, for the report. */
  notes: string;
}

/** A throwaway token for the loopback emulator; not a secret. */
const benchToken = (cloud: string) => `bench-${cloud}-token`;

function cloudCaseOf(cloud: CloudDescriptor): CloudCase {
  const bench = cloudWorkload(cloud.name).bench;
  const token = benchToken(cloud.name);
  return {
    cloud: cloud.name,
    kind: cloud.kinds[0].kind,
    calls: bench.calls,
    emulator: (maxKeys) => ({ [cloud.name]: { tokens: [token], ...bench.emulatorOptions?.(maxKeys) } }),
    config: (emulator) => stackConfig(cloud, emulator.url(cloud.name), token, { ...emulatedCloud(cloud.name).stackSettings }),
    declare: bench.declareKey,
    rateLimit: bench.rateLimit,
    notes: bench.notes,
  };
}

export const CLOUDS: CloudCase[] = clouds().map(cloudCaseOf);

export function cloudCase(cloud: string): CloudCase {
  const found = CLOUDS.find((c) => c.cloud === cloud);
  if (!found) throw new UsageError(`unknown cloud "${cloud}"; known: ${CLOUDS.map((c) => c.cloud).join(", ")}`);
  return found;
}
