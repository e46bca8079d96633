/**
 * Command-line flags, each with an environment fallback (flags win):
 *   --clouds a,b               BENCH_CLOUDS         default: every cloud the emulator serves
 *   --sizes 10,100,300         BENCH_SIZES          keys per run (`none`: only the rate-limited runs)
 *   --latency-ms 20            BENCH_LATENCY_MS     emulated latency of every API request
 *   --repeat 1                 BENCH_REPEAT         lifecycles per size; timings are the median
 *   --rate-limit on            BENCH_RATE_LIMIT     `off` skips the rate-limited runs (limits: emulator/<cloud>/workload.ts);
 *                                                   the lifecycle runs have no limit and no rate-limit headers either way
 *   --before <revision>        BENCH_BEFORE         also run each cloud's keys as they were at that commit (scripts/bench/before.ts)
 *   --rate-limit-keys 100      BENCH_RATE_LIMIT_KEYS  keys in every rate-limited run instead of each cloud's own
 */
import { clouds } from "../../provider/clouds";

export interface BenchOptions {
  /** Undefined: every cloud the emulator serves. */
  clouds?: string[];
  sizes: number[];
  latencyMs: number;
  repeat: number;
  rateLimit: boolean;
  /** Overrides each cloud's own number of keys for the rate-limited run. */
  rateLimitKeys?: number;
  /** A git revision to run beside the working tree (scripts/bench/before.ts). */
  before?: string;
}

export const USAGE = `usage: node dist/scripts/bench.js [--clouds ${clouds().map((c) => c.name).join(",")}] [--sizes 10,100,300]
       [--latency-ms 20] [--repeat 1] [--rate-limit on|off] [--rate-limit-keys N] [--before REVISION]
Environment fallbacks: BENCH_CLOUDS, BENCH_SIZES, BENCH_LATENCY_MS, BENCH_REPEAT, BENCH_RATE_LIMIT,
BENCH_RATE_LIMIT_KEYS, BENCH_BEFORE. Lifecycle runs never have a rate limit or rate-limit headers;
--rate-limit off skips the separate rate-limited runs. Prints Markdown; exits 1 when a target fails.`;

/** A bad flag or value: reported as its message, without a stack. */
export class UsageError extends Error {}

const FLAGS: Record<string, string> = {
  "--clouds": "BENCH_CLOUDS",
  "--sizes": "BENCH_SIZES",
  "--latency-ms": "BENCH_LATENCY_MS",
  "--repeat": "BENCH_REPEAT",
  "--rate-limit": "BENCH_RATE_LIMIT",
  "--rate-limit-keys": "BENCH_RATE_LIMIT_KEYS",
  "--before": "BENCH_BEFORE",
};

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const given: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    if (!(flag in FLAGS)) throw new UsageError(`unknown argument "${argv[i]}"`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    given[flag] = value;
  }
  const raw = (flag: string) => given[flag] ?? env[FLAGS[flag]] ?? undefined;
  const limit = raw("--rate-limit") ?? "on";
  if (limit !== "on" && limit !== "off") throw new UsageError(`--rate-limit: expected on or off, got "${limit}"`);
  const keys = raw("--rate-limit-keys");
  const sizes = raw("--sizes") ?? "10,100,300";
  return {
    clouds: raw("--clouds")?.split(",").map((s) => s.trim()).filter(Boolean),
    sizes: sizes === "none" ? [] : sizes.split(",").map((s) => count(s, "--sizes", 1)),
    latencyMs: count(raw("--latency-ms") ?? "20", "--latency-ms", 0),
    repeat: count(raw("--repeat") ?? "1", "--repeat", 1),
    rateLimit: limit === "on",
    rateLimitKeys: keys === undefined ? undefined : count(keys, "--rate-limit-keys", 1),
    before: raw("--before")?.trim() || undefined,
  };
}

function count(text: string, flag: string, min: number): number {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag}: expected an integer >= ${min}, got "${text}"`);
  return n;
}
