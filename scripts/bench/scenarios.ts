/**
 * What the benchmark runs: a lifecycle of N resources (up, no-op preview, refresh, an in-place
 * update of every resource, destroy), and N keys created and destroyed under a rate limit. Every
 * operation is timed around the Automation API call (the CLI's start included, as a user sees it),
 * with the emulator's request counters and the provider host's peak memory.
 */
import type { ConfigMap, PulumiCommand } from "@pulumi/pulumi/automation";
import type { CloudName, Emulator } from "../../emulator";
import type { RateLimitState } from "../../emulator/types";
import type { CloudCase } from "./clouds";
import { benchStack, StateFigures, stateFigures, typeToken } from "./engine";
import { HostFigures, HostSampler } from "./host";
import { exportShapes, shapeTable, type ShapeTable } from "./same-shape";

export type Op = "up" | "preview" | "refresh" | "update" | "destroy";
export const OPS: Op[] = ["up", "preview", "refresh", "update", "destroy"];

export interface OpFigures {
  wallMs: number;
  /** Requests the emulator saw for the subject's cloud, 429s included. */
  requests: number;
  /** Requests the emulator's rate limiter refused (429). */
  refused: number;
  /** From the first request's arrival to the last's. */
  apiSpanMs: number;
  /**
   * Under a fixed-window limit, the soonest the last request can pass after the first, given the
   * budget left in the window the operation started in.
   */
  windowFloorMs?: number;
  /** Peak RSS (MiB) and CPU time of the provider host. */
  host?: HostFigures;
  /** Set when the operation failed (only tolerated under a rate limit). */
  error?: string;
}

/** What a run is about: one of our resource kinds, or a do-nothing baseline. */
export interface Subject {
  label: string;
  kind: string;
  /** The type token in state when it is not `pulumi-nodejs:dynamic/<kind>` (e.g. a provider plugin's). */
  type?: string;
  cloud?: CloudName;
  config: ConfigMap;
  declare(index: number, revision: number): unknown;
  /** Keys left in the cloud (0 after destroy), when there is a cloud. */
  inventory?(): number;
  /** The folder whose node_modules the provider host loads from; default the repository. */
  root?: string;
  /** A folder holding provider plugin executables, for `plugins.providers[].path` (docs/plugin.md). */
  pluginDir?: string;
  /** More environment for the CLI and the provider host. */
  env?: Record<string, string>;
  /** Record every key's state after `up` and after the update pass, for the same-shape run. */
  captureShapes?: boolean;
}

export interface BenchEnv {
  root: string;
  command: PulumiCommand;
  emulator: Emulator;
  requests: RequestLog;
  sampler: HostSampler;
  progress(line: string): void;
}

export interface LifecycleResult {
  n: number;
  ops: Record<Op, OpFigures>;
  state: StateFigures;
  /** When the subject asked for them (`captureShapes`). */
  shapes?: ShapeTable;
}

/** One cloud's runs: ours, its same-shape floor, and each other implementation by label. */
export interface CloudRuns {
  ours: LifecycleResult[];
  sameShape: LifecycleResult[];
  others: Map<string, LifecycleResult[]>;
}

/** The sizes of a list of runs (repeats included), in order of first appearance. */
export function sizesOf(runs: LifecycleResult[]): number[] {
  return [...new Set(runs.map((r) => r.n))];
}

/** The runs of size n. */
export function runsOf(runs: LifecycleResult[], n: number): LifecycleResult[] {
  return runs.filter((r) => r.n === n);
}

/** The figures of the run with the median wall time of `op` among the runs of size n. */
export function medianOp(runs: LifecycleResult[], n: number, op: Op): OpFigures | undefined {
  const sorted = runsOf(runs, n).map((r) => r.ops[op]).sort((a, b) => a.wallMs - b.wallMs);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * Request arrivals and the limiter's verdicts, seen from the emulator's rate limiter (every
 * cloud request passes through it): the 429s, the span from the first request to the last, and
 * the window the first one fell in are not in the emulator's per-route counters.
 */
export class RequestLog {
  refused = 0;
  first?: number;
  last?: number;
  /** The limiter's state after the first request, when a limit is set. */
  firstState?: RateLimitState;

  constructor(private readonly emulator: Emulator) {
    const limiter = emulator.rateLimits;
    const consume = limiter.consume.bind(limiter);
    // Every argument is passed on: the scope and the recorded budget decide which limit applies.
    limiter.consume = (...args: Parameters<typeof consume>) => {
      const state = consume(...args);
      const at = Date.now();
      if (this.first === undefined) {
        this.first = at;
        this.firstState = state;
      }
      this.last = at;
      if (state && state.remaining < 0) this.refused++;
      return state;
    };
  }

  reset(): void {
    this.emulator.resetCounts();
    this.refused = 0;
    this.first = this.last = this.firstState = undefined;
  }

  /** See `OpFigures.windowFloorMs`; `requests` is how many must pass. */
  windowFloorMs(requests: number): number | undefined {
    const state = this.firstState;
    if (!state || this.first === undefined) return undefined;
    const budget = state.remaining + 1;
    if (requests <= budget) return 0;
    return state.resetAt - this.first + (Math.ceil((requests - budget) / state.limit) - 1) * state.windowMs;
  }
}

/** `mustPass`: requests the operation needs, for the window floor under a rate limit. */
async function measure(env: BenchEnv, subject: Subject, op: string, run: () => Promise<unknown>, mustPass?: number): Promise<OpFigures> {
  env.requests.reset();
  env.sampler.start();
  const started = performance.now();
  let host: HostFigures | undefined;
  let error: string | undefined;
  try {
    await run();
  } catch (err) {
    // Only under a rate limit is a failure a finding to report rather than a broken run.
    if (mustPass === undefined) throw err;
    error = engineError(err);
  } finally {
    host = env.sampler.stop();
  }
  const wallMs = performance.now() - started;
  const log = env.requests;
  const figures: OpFigures = {
    wallMs,
    requests: subject.cloud ? env.emulator.count(subject.cloud) : 0,
    refused: log.refused,
    apiSpanMs: log.first === undefined ? 0 : log.last! - log.first,
    windowFloorMs: mustPass === undefined ? undefined : log.windowFloorMs(mustPass),
    host,
    error,
  };
  env.progress(`  ${subject.label} ${op}: ${(wallMs / 1000).toFixed(2)} s, ${figures.requests} requests${error ? `, FAILED: ${error}` : ""}`);
  return figures;
}

export async function lifecycle(env: BenchEnv, subject: Subject, n: number): Promise<LifecycleResult> {
  let revision = 0;
  const program = async () => {
    for (let i = 0; i < n; i++) subject.declare(i, revision);
  };
  const s = await benchStack(subject.root ?? env.root, env.command, `${subject.label}-${n}`, program, subject.config, subject.env, subject.pluginDir);
  try {
    const up = await measure(env, subject, `up ${n}`, async () => expectChanges("up", (await s.stack.up()).summary.resourceChanges, "create", n));
    const state = stateFigures(s.statePath, typeToken(subject));
    if (state.resources !== n) throw new Error(`${subject.label}: state holds ${state.resources} resources after up, expected ${n}`);
    const upShapes = subject.captureShapes ? await exportShapes(s, subject.kind) : undefined;
    const preview = await measure(env, subject, "preview", async () => {
      const changes = (await s.stack.preview()).changeSummary;
      const changed = Object.entries(changes).filter(([k, v]) => k !== "same" && v > 0);
      if (changed.length) throw new Error(`${subject.label}: the preview after up is not a no-op: ${JSON.stringify(changes)}`);
    });
    const refresh = await measure(env, subject, "refresh", () => s.stack.refresh());
    revision = 1;
    const update = await measure(env, subject, "update", async () => expectChanges("update", (await s.stack.up()).summary.resourceChanges, "update", n));
    const shapes = upShapes && shapeTable(upShapes, await exportShapes(s, subject.kind));
    const destroy = await measure(env, subject, "destroy", async () => expectChanges("destroy", (await s.stack.destroy()).summary.resourceChanges, "delete", n));
    const left = subject.inventory?.() ?? 0;
    if (left) throw new Error(`${subject.label}: ${left} keys left in the emulator after destroy`);
    return { n, ops: { up, preview, refresh, update, destroy }, state, shapes };
  } finally {
    s.cleanup();
  }
}

export interface RateLimitedResult {
  cloud: CloudName;
  keys: number;
  perWindow: number;
  windowMs: number;
  up: OpFigures;
  /** Not run when `up` failed. */
  destroy?: OpFigures;
}

/**
 * N keys created, then destroyed, while the emulator allows `perWindow` requests per window. A
 * failed operation is recorded, not thrown: running out of retries under a limit is a finding.
 * The keys are then destroyed without the limit, so later runs start from an empty cloud.
 */
export async function rateLimited(env: BenchEnv, subject: Subject, c: CloudCase, keys: number): Promise<RateLimitedResult> {
  const { perWindow, windowMs } = c.rateLimit;
  const program = async () => {
    for (let i = 0; i < keys; i++) subject.declare(i, 0);
  };
  const s = await benchStack(env.root, env.command, `${subject.label}-ratelimit`, program, subject.config);
  env.emulator.rateLimits.set(c.cloud, perWindow, windowMs);
  try {
    const label = `at ${perWindow} per ${windowMs / 1000} s`;
    const up = await measure(env, subject, `up ${keys} ${label}`, async () => expectChanges("up", (await s.stack.up()).summary.resourceChanges, "create", keys), keys * c.calls.create);
    const destroy = up.error
      ? undefined
      : await measure(env, subject, `destroy ${label}`, async () => expectChanges("destroy", (await s.stack.destroy()).summary.resourceChanges, "delete", keys), keys * c.calls.delete);
    if (up.error || destroy?.error) {
      env.emulator.rateLimits.off(c.cloud);
      await s.stack.destroy();
    }
    return { cloud: c.cloud, keys, perWindow, windowMs, up, destroy };
  } finally {
    // Back to no budget and no headers, as the lifecycle runs measure (scripts/bench.ts).
    env.emulator.rateLimits.off(c.cloud);
    s.cleanup();
  }
}

/** The first diagnostic of a failed CLI run, e.g. `create <Cloud> key "x": 429 ...`. */
function engineError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text.split("\n").map((l) => l.trim());
  const diagnostic = lines.find((l) => l.startsWith("error: ") && !l.includes("update failed")) ?? lines.find(Boolean) ?? "unknown error";
  return diagnostic.replace(/^error: /, "").slice(0, 240);
}

function expectChanges(op: string, changes: Record<string, number> | undefined, kind: string, n: number): void {
  // The stack resource itself is created with the first up and deleted by destroy.
  const got = (changes?.[kind] ?? 0) - (kind === "update" ? 0 : 1);
  if (got !== n) throw new Error(`${op}: expected ${n} resources to ${kind}, the engine reported ${JSON.stringify(changes)}`);
}
