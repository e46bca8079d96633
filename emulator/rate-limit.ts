/**
 * Fixed-window rate limits per cloud and per budget ("scope"). Each cloud module declares the
 * budgets its recordings show (`rateBudgets`: e.g. key writes and reads counted separately, or one
 * budget for everything); tests may override them, for one scope or all.
 */
import { CloudName, RateBudget, RateLimitState } from "./types";

/**
 * `null`: unlimited (nothing refused; headers still show the recorded budget). `"off"`: no budget
 * at all, as for a cloud that records none: nothing counted or refused, no rate-limit headers.
 */
type Override = RateBudget | null | "off";

export class RateLimiter {
  private overrides = new Map<string, Override>();
  private windows = new Map<string, RateLimitState>();

  /**
   * Allows `limit` requests per `windowMs` for one cloud, on one scope (e.g. a `read` or
   * `write`) or, without `scope`, on each of them; `limit` 0 lifts the limit.
   */
  set(cloud: CloudName, limit: number, windowMs = 60_000, scope = "*"): void {
    if (scope === "*") for (const k of [...this.overrides.keys()]) if (k.startsWith(`${cloud} `)) this.overrides.delete(k);
    this.overrides.set(`${cloud} ${scope}`, limit > 0 ? { limit, windowMs } : null);
    for (const k of [...this.windows.keys()]) if (k.startsWith(`${cloud} `) && (scope === "*" || k === `${cloud} ${scope}`)) this.windows.delete(k);
  }

  /**
   * No budget and no rate-limit headers for one cloud, on every scope, until `set` or `clear`:
   * what a benchmark needs so that nothing paces the provider (a lifted limit whose headers still
   * show the recorded budget makes it pace itself to that budget).
   */
  off(cloud: CloudName): void {
    this.set(cloud, 0);
    this.overrides.set(`${cloud} *`, "off");
  }

  /** Back to every cloud's recorded budgets, with fresh windows. */
  clear(): void {
    this.overrides.clear();
    this.windows.clear();
  }

  /**
   * Counts one request; returns the window after it (`remaining < 0`: refuse), or undefined when
   * the scope has no budget. An unlimited override counts nothing and never refuses.
   */
  consume(cloud: CloudName, now = Date.now(), scope = "all", recorded?: RateBudget): RateLimitState | undefined {
    const state = this.window(cloud, scope, recorded, now);
    if (!state) return undefined;
    if (this.budget(cloud, scope, recorded) === null) return { ...state, remaining: state.limit - 1 };
    state.remaining -= 1;
    return { ...state };
  }

  /** The window as it stands, without counting (for answers a fault makes up). */
  peek(cloud: CloudName, now = Date.now(), scope = "all", recorded?: RateBudget): RateLimitState | undefined {
    const state = this.window(cloud, scope, recorded, now);
    return state && { ...state, remaining: Math.max(0, state.remaining) };
  }

  private budget(cloud: CloudName, scope: string, recorded: RateBudget | undefined): RateBudget | null | undefined {
    const key = `${cloud} ${scope}`;
    const override = this.overrides.has(key) ? this.overrides.get(key) : this.overrides.has(`${cloud} *`) ? this.overrides.get(`${cloud} *`) : recorded;
    return override === "off" ? undefined : override;
  }

  private window(cloud: CloudName, scope: string, recorded: RateBudget | undefined, now: number): RateLimitState | undefined {
    const budget = this.budget(cloud, scope, recorded);
    if (budget === undefined) return undefined;
    const { limit, windowMs } = budget ?? recorded ?? { limit: 1000, windowMs: 60_000 };
    const key = `${cloud} ${scope}`;
    let state = this.windows.get(key);
    if (!state || state.limit !== limit || state.windowMs !== windowMs) {
      state = { limit, windowMs, remaining: limit, resetAt: 0 };
      this.windows.set(key, state);
    }
    if (now >= state.resetAt) {
      // Windows are aligned to multiples of the window length, like a cloud that counts per clock minute.
      state.resetAt = (Math.floor(now / windowMs) + 1) * windowMs;
      state.remaining = limit;
    }
    return state;
  }
}
