/**
 * The targets of issue 7, each judged from the measured figures.
 */
import type { CallsPerKey, CloudCase } from "./clouds";
import { medianOp, runsOf, sizesOf, type LifecycleResult, type Op, type OpFigures, type RateLimitedResult } from "./scenarios";

export interface Target {
  cloud: string;
  target: string;
  measured: string;
  pass: boolean;
}

export const BLOB_LIMIT_BYTES = 2048;
/**
 * `up` of the largest N against the secret-less baseline (issue 25: 1.6x; issue 7's 1.25x could
 * not be met by any resource with our state's bytes: docs/benchmarks.md, the same-shape floor).
 */
export const LATENCY_RATIO_LIMIT = 1.6;
export const RATE_LIMIT_RATIO_LIMIT = 1.1;
/**
 * Requests the engine has in flight at once by default (16 per core on these 2-core machines):
 * before the first answer's headers, up to this many can go out together, so one burst of
 * `ENGINE_CONCURRENCY - limit` 429s is the most a cloud that sends rate-limit headers may see.
 */
export const ENGINE_CONCURRENCY = 32;

const CALL_TARGETS: [Op, keyof CallsPerKey | "none", string][] = [
  ["up", "create", "create"],
  ["refresh", "read", "read (refresh)"],
  ["update", "update", "update (in place)"],
  ["destroy", "delete", "delete"],
  ["preview", "none", "check + diff (no-op preview)"],
];

export function lifecycleTargets(c: CloudCase, ours: LifecycleResult[], baseline: LifecycleResult[], latencyMs: number): Target[] {
  const targets: Target[] = [];
  const sizes = sizesOf(ours);
  for (const [op, kind, label] of CALL_TARGETS) {
    const expected = kind === "none" ? 0 : c.calls[kind];
    // Calls are judged in every run, repeats included; the figure shown is the worst per size.
    const worst = sizes.map((n) =>
      runsOf(ours, n).map((r) => r.ops[op].requests / n).reduce((a, b) => (Math.abs(b - expected) > Math.abs(a - expected) ? b : a)));
    targets.push({
      cloud: c.cloud,
      target: `${label}: ${expected} API call${expected === 1 ? "" : "s"} per key`,
      measured: `${worst.map((v) => v.toFixed(2)).join(" / ")} per key (N = ${sizes.join(" / ")})`,
      pass: ours.every((r) => r.ops[op].requests === expected * r.n),
    });
  }
  const bytes = Math.max(...ours.map((r) => r.state.providerBytes));
  const identical = ours.every((r) => r.state.providerIdentical);
  targets.push({
    cloud: c.cloud,
    target: `\`__provider\` under ${BLOB_LIMIT_BYTES} bytes, identical for every resource`,
    measured: `${bytes} bytes, ${identical ? "identical" : "NOT identical"} in every run`,
    pass: bytes < BLOB_LIMIT_BYTES && identical,
  });
  const largest = Math.max(...sizes);
  const mine = medianOp(ours, largest, "up")!;
  const base = medianOp(baseline, largest, "up");
  if (base) {
    const ratio = mine.wallMs / base.wallMs;
    targets.push({
      cloud: c.cloud,
      target: `\`up\` of ${largest} keys at ${latencyMs} ms latency within ${LATENCY_RATIO_LIMIT}x of the secret-less baseline`,
      measured: `${seconds(mine)} vs ${seconds(base)}: ${ratio.toFixed(2)}x`,
      pass: ratio <= LATENCY_RATIO_LIMIT,
    });
  }
  return targets;
}

/**
 * The limit's own bound: the requests the operation needs over the allowed rate, or, when the
 * window the operation started in had little budget left, the soonest the fixed windows let
 * them all through (this matters for minute-long windows).
 */
export function rateLimitBoundMs(r: RateLimitedResult, requestsPerKey: number, f?: OpFigures): number {
  return Math.max(((r.keys * requestsPerKey) / r.perWindow) * r.windowMs, f?.windowFloorMs ?? 0);
}

export function rateLimitLabel(r: RateLimitedResult): string {
  return `${r.perWindow} per ${r.windowMs / 1000} s`;
}

/**
 * Judged on the span from the first request to the last, the part of the operation the limit
 * governs: the engine's own start-up and checkpointing (seconds on a loaded machine, see the
 * baseline) happen before and after it whatever the limit.
 */
export function rateLimitTargets(c: CloudCase, r: RateLimitedResult): Target[] {
  return rateLimitRows(c, r).map(({ op, figures: f, perKey }) => {
    const burst = c.rateLimit.sendsHeaders ? Math.max(0, ENGINE_CONCURRENCY - r.perWindow) : undefined;
    const target = `\`${op}\` of ${r.keys} keys at ${rateLimitLabel(r)}: requests done within ${RATE_LIMIT_RATIO_LIMIT}x of the limit's bound, ` +
      `no failed request but 429s${burst === undefined ? "" : `, at most one burst of ${burst} 429s (the cloud sends rate-limit headers)`}`;
    if (!f) return { cloud: c.cloud, target, measured: "not run: `up` failed", pass: false };
    if (f.error) return { cloud: c.cloud, target, measured: `FAILED after ${seconds(f)}: ${f.error}`, pass: false };
    const bound = rateLimitBoundMs(r, perKey, f);
    const failed = f.requests - r.keys * perKey - f.refused;
    return {
      cloud: c.cloud,
      target,
      measured:
        `first to last request ${(f.apiSpanMs / 1000).toFixed(2)} s vs bound ${(bound / 1000).toFixed(1)} s: ${(f.apiSpanMs / bound).toFixed(2)}x ` +
        `(whole operation ${seconds(f)}); ${f.refused} 429s, ${failed} other extra requests`,
      pass: f.apiSpanMs <= RATE_LIMIT_RATIO_LIMIT * bound && failed === 0 && (burst === undefined || f.refused <= burst),
    };
  });
}

/** The operations of a rate-limited run with the API calls per key each needs. */
export function rateLimitRows(c: CloudCase, r: RateLimitedResult): { op: string; figures?: OpFigures; perKey: number }[] {
  return [
    { op: "up", figures: r.up, perKey: c.calls.create },
    { op: "destroy", figures: r.destroy, perKey: c.calls.delete },
  ];
}

export function seconds(f: OpFigures): string {
  return `${(f.wallMs / 1000).toFixed(2)} s`;
}
