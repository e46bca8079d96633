/**
 * Client-side pacing for one API (one base URL and token), shared by every request the
 * provider host makes to it. A stack with hundreds of keys sends them all at once; without
 * pacing each 429 sends the whole crowd back at the same instant and most requests are wasted.
 *
 * Two signals, both from the cloud:
 * - the rate-limit headers a cloud sends on every answer (Linode `X-RateLimit-*`, Katapult
 *   `X-Ratelimit-*`): the gate mirrors the window and holds requests once the budget is spent;
 * - a 429 with a wait (Retry-After, or the cloud's reset): nobody is sent before it ends.
 * Clouds that send neither are not paced beyond the 429 waits.
 */

/** What a cloud's headers say about its rate limit; any part may be unknown. */
export interface RateLimitInfo {
  /** Requests allowed per window. */
  limit?: number;
  /** Requests left in the current window, as of this answer. */
  remaining?: number;
  /** Epoch ms when the current window ends. */
  resetAt?: number;
}

export interface GateClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export class RateGate {
  private blockedUntil = 0;
  private limit?: number;
  private budget?: number;
  private windowEnd = 0;

  /** Resolves when a request may be sent, and counts it against the window. */
  async acquire(clock: GateClock): Promise<void> {
    for (;;) {
      const now = clock.now();
      if (now < this.blockedUntil) {
        await clock.sleep(this.blockedUntil - now);
        continue;
      }
      if (this.budget !== undefined && now >= this.windowEnd) this.budget = this.limit;
      if (this.budget === undefined || this.budget > 0) {
        if (this.budget !== undefined) this.budget -= 1;
        return;
      }
      await clock.sleep(Math.max(1, this.windowEnd - now));
    }
  }

  /** Learns from an answer's rate-limit headers. */
  observe(info: RateLimitInfo): void {
    if (info.limit !== undefined && info.limit > 0) this.limit = info.limit;
    if (info.remaining === undefined || info.resetAt === undefined) return;
    if (info.resetAt > this.windowEnd) {
      // A newer window than we knew: trust the cloud's count, minus nothing we can know of.
      this.windowEnd = info.resetAt;
      this.budget = info.remaining;
    } else if (info.resetAt === this.windowEnd) {
      // Same window: answers arrive out of order, so keep the most pessimistic count.
      this.budget = Math.min(this.budget ?? info.remaining, info.remaining);
    }
  }

  /** The cloud refused a request for `delayMs`: hold everyone until then. */
  throttled(delayMs: number, now: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, now + delayMs);
  }
}

const gates = new Map<string, RateGate>();

/** The gate for an API and identity; one per provider host process. */
export function gateFor(key: string): RateGate {
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = new RateGate()));
  return gate;
}
