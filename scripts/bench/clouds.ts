/**
 * The clouds the benchmark knows: one entry each. An entry says how to make the emulator accept
 * N keys, how to point a stack at it, how to declare key number i (and change it in place for the
 * update pass), how many API calls per key each operation should cost, and the rate limit to run
 * it under. Adding a cloud is one entry here.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { AllCloudsOptions, BIRD_EMULATOR_ORGANIZATION, CloudName, Emulator } from "../../emulator";
import { bird, katapult, linode } from "../../provider";
import { UsageError } from "./options";

/** Throwaway tokens for the loopback emulator; not secrets. */
const TOKENS = { linode: "bench-linode-token", katapult: "bench-katapult-token", bird: "bench-bird-token" };

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

export interface CloudCase {
  cloud: CloudName;
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
  /**
   * The rate-limited run. Its bound (requests over the allowed rate) should be several seconds and
   * the rate well below the engine's own pace, so that the limit, not the engine, sets the time.
   */
  rateLimit: RateLimitCase;
  /** What the emulator and this table were set to, for the report. */
  notes: string;
}

const name = (index: number, revision: number) => `bench-${index}-r${revision}`;

export const CLOUDS: CloudCase[] = [
  {
    cloud: "linode",
    kind: "linode:ObjectStorageKey",
    calls: { create: 1, read: 1, update: 1, delete: 1 },
    // The emulator caps an account at 100 keys, like Linode; the benchmark needs more.
    emulator: (maxKeys) => ({ linode: { tokens: [TOKENS.linode], maxKeys } }),
    config: (emulator) => ({
      "linode:token": { value: TOKENS.linode, secret: true },
      "linode:url": { value: emulator.url("linode") },
    }),
    declare: (index, revision) =>
      new linode.ObjectStorageKey(`key-${index}`, {
        label: name(index, revision),
        bucketAccess: [{ bucketName: "bench", region: "us-east", permissions: "read_only" }],
      }),
    // 10 per second: 100 creates need 10 s, far below the engine's own pace (20 to 30 creates per
    // second at parallelism 8 on 2 cores), so the limit, not the engine, sets the time.
    rateLimit: { perWindow: 10, windowMs: 1_000, keys: 100, sendsHeaders: true },
    notes: "limited key with one bucket; update pass changes `label`; emulator `maxKeys` raised to the largest N",
  },
  {
    cloud: "katapult",
    kind: "katapult:ObjectStorageAccessKey",
    // Create is three calls: the key, its S3 credentials, and the read that shows them configured.
    calls: { create: 3, read: 1, update: 1, delete: 1 },
    // Katapult provisions for tens of seconds (docs/api/katapult.md#provisioning) and refuses generate_credentials until
    // then; that wait is the cloud's, not ours, so the emulator provisions instantly here.
    emulator: () => ({ katapult: { tokens: [TOKENS.katapult], provisioning: { createRejections: 0, createPendingMs: 0, updateRejections: 0, updatePendingMs: 0 } } }),
    config: (emulator) => ({
      "katapult:apiKey": { value: TOKENS.katapult, secret: true },
      "katapult:apiUrl": { value: emulator.url("katapult") },
      "katapult:organization": { value: "emulator" },
    }),
    declare: (index, revision) => new katapult.ObjectStorageAccessKey(`key-${index}`, { name: name(index, revision), allBucketsRead: true }),
    // Katapult's budget is per clock minute (docs/api/katapult.md#rate-limits) and the provider waits for the next minute
    // when it is spent, so the window is a minute: 30 keys (60 requests) at 40 a minute need two.
    rateLimit: { perWindow: 40, windowMs: 60_000, keys: 30, sendsHeaders: true },
    notes: "update pass changes `name`; emulator provisioning made instant (createRejections 0)",
  },
  {
    cloud: "bird",
    kind: "bird:AccessKey",
    calls: { create: 1, read: 1, update: 1, delete: 1 },
    emulator: () => ({ bird: { tokens: [TOKENS.bird] } }),
    config: (emulator) => ({
      "bird:accessKey": { value: TOKENS.bird, secret: true },
      "bird:apiUrl": { value: emulator.url("bird") },
      "bird:organizationId": { value: BIRD_EMULATOR_ORGANIZATION },
    }),
    declare: (index, revision) => new bird.AccessKey(`key-${index}`, { name: name(index, revision), description: "benchmark key" }),
    // Bird documents no rate-limit headers: only a 429's Retry-After paces it.
    rateLimit: { perWindow: 10, windowMs: 1_000, keys: 100, sendsHeaders: false },
    notes: "update pass changes `name`",
  },
];

export function cloudCase(cloud: string): CloudCase {
  const found = CLOUDS.find((c) => c.cloud === cloud);
  if (!found) throw new UsageError(`unknown cloud "${cloud}"; known: ${CLOUDS.map((c) => c.cloud).join(", ")}`);
  return found;
}
