/**
 * Fixed-window rate limits per cloud (Katapult documents a per-minute budget; Linode and Bird
 * answer 429 when a window's budget is spent).
 */
import { CloudName, RateLimitState } from "./types";

export class RateLimiter {
  private limits = new Map<CloudName, RateLimitState>();

  /** Allows `limit` requests per `windowMs` for one cloud; `limit` 0 removes the limit. */
  set(cloud: CloudName, limit: number, windowMs = 60_000): void {
    if (limit <= 0) this.limits.delete(cloud);
    else this.limits.set(cloud, { limit, windowMs, remaining: limit, resetAt: 0 });
  }

  clear(): void {
    this.limits.clear();
  }

  /** Counts one request; returns the state after it (remaining < 0 means refuse), or undefined. */
  consume(cloud: CloudName, now = Date.now()): RateLimitState | undefined {
    const state = this.limits.get(cloud);
    if (!state) return undefined;
    if (now >= state.resetAt) {
      // Windows are aligned to multiples of the window length, like Katapult's clock minutes.
      state.resetAt = (Math.floor(now / state.windowMs) + 1) * state.windowMs;
      state.remaining = state.limit;
    }
    state.remaining -= 1;
    return { ...state };
  }
}
