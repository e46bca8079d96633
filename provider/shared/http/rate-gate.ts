/**
 * Client-side pacing for one API budget (one base URL, token and, where the cloud keeps several,
 * one budget such as a cloud's reads or its writes), shared by every request the provider host makes
 * against it. A stack with hundreds of keys sends them all at once; without pacing each 429
 * sends the whole crowd back at the same instant and most requests are wasted.
 *
 * Two signals, both from the cloud:
 * - the rate-limit headers a cloud sends on every answer (read by its profile's
 *   `rateLimitInfo`): the gate mirrors the window and holds requests once the budget is spent;
 * - a 429 with a wait (Retry-After, or the cloud's reset): nobody is sent before it ends.
 * Clouds that send neither are not paced beyond the 429 waits.
 *
 * Windows are kept on the local clock: a cloud's reset time is turned into "milliseconds from
 * now" against the cloud's own `Date` header before it gets here, so a server clock that is off
 * by an hour cannot make us wait an hour (docs/http.md#rate-limits). When a window ends
 * the budget is refilled once, for the next window, not once per waiting request.
 */

/** What a cloud's headers say about its rate limit; any part may be unknown. */
export interface RateLimitInfo {
  /** Requests allowed per window. */
  limit?: number;
  /** Requests left in the current window, as of this answer. */
  remaining?: number;
  /** Milliseconds from now (local clock) until the current window ends. */
  resetInMs?: number;
  /** The window's length, when the cloud documents it: the next window after a refill. */
  windowMs?: number;
}

export interface GateClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** A request would have to wait past its deadline: the caller reports when to try again. */
export class GateWaitTooLong {
  constructor(readonly retryAt: number) {}
}

/** Two answers whose window ends differ by less than this describe the same window. */
const SAME_WINDOW_MS = 1_500;
/** When the cloud does not say how long its window is (every cloud here counts per minute). */
const DEFAULT_WINDOW_MS = 60_000;

export class RateGate {
  private blockedUntil = 0;
  private limit?: number;
  private budget?: number;
  private windowEnd = 0;
  /** Requests let through before any answer said what is left: counted in no budget yet. */
  private sentBlind = 0;
  /** When the current window began at a refill of ours (its end then a guess), until an answer shows it ends later. */
  private refilledAt?: number;
  /** The longest a window may be: the cloud's documented window, else a minute. */
  private maxWindowMs = DEFAULT_WINDOW_MS;
  /** The window's length as the answers show it: the longest time-to-reset seen so far. */
  private seenWindowMs = 0;

  /**
   * Resolves when a request may be sent, and counts it against the window. Throws
   * `GateWaitTooLong` instead of sleeping past `deadline` (epoch ms, local clock).
   */
  async acquire(clock: GateClock, deadline = Infinity): Promise<void> {
    for (;;) {
      const now = clock.now();
      const until = this.readyAt(now);
      if (until <= now) {
        if (this.budget !== undefined) this.budget -= 1;
        else this.sentBlind += 1;
        return;
      }
      if (until > deadline) throw new GateWaitTooLong(until);
      await clock.sleep(until - now);
    }
  }

  /** When the next request may go: now, the end of a 429 wait, or the end of a spent window. */
  private readyAt(now: number): number {
    if (now < this.blockedUntil) return this.blockedUntil;
    if (this.budget === undefined) return now;
    if (now >= this.windowEnd) {
      // One refill per window: the waiters that wake now share the new window's budget.
      this.budget = this.limit;
      this.windowEnd = now + (this.seenWindowMs || this.maxWindowMs);
      this.refilledAt = now;
      if (this.budget === undefined) return now;
    }
    return this.budget > 0 ? now : this.windowEnd;
  }

  /** Learns from an answer's rate-limit headers, received at local time `now`. */
  observe(info: RateLimitInfo, now: number): void {
    if (info.limit !== undefined && info.limit > 0) this.limit = info.limit;
    if (info.windowMs !== undefined && info.windowMs > 0) this.maxWindowMs = info.windowMs;
    if (info.remaining === undefined || info.resetInMs === undefined) return;
    // A window cannot end later than one window length from now, whatever the header says.
    const resetInMs = Math.min(Math.max(0, info.resetInMs), this.maxWindowMs);
    this.seenWindowMs = Math.max(this.seenWindowMs, resetInMs);
    const end = now + resetInMs;
    if (end > this.windowEnd + SAME_WINDOW_MS && this.budget !== undefined && this.refilledFor(end, now)) {
      // The window we refilled for, only longer than we guessed: take the cloud's end but keep
      // our count, which holds the requests in flight that this answer does not show yet.
      this.windowEnd = end;
      this.refilledAt = undefined;
      this.budget = Math.min(this.budget, info.remaining);
    } else if (end > this.windowEnd + SAME_WINDOW_MS || this.budget === undefined) {
      // A newer window than we knew: trust the cloud's count, less the requests we sent blind
      // but this one, which it may not show yet (they are still in flight).
      this.windowEnd = end;
      this.refilledAt = undefined;
      this.budget = info.remaining - Math.max(0, this.sentBlind - 1);
      this.sentBlind = 0;
    } else if (end >= this.windowEnd - SAME_WINDOW_MS) {
      // Same window: answers arrive out of order, so keep the most pessimistic count.
      this.budget = Math.min(this.budget, info.remaining);
    }
  }

  /**
   * Whether a window ending at `end` is the one we refilled for and are still counting, though we
   * guessed it shorter: the refill's length is the longest time-to-reset seen, which is short
   * when the first answers came late in a window. It began before our refill, so at most one
   * window length before `end`; a window that began after the refill is a newer one.
   */
  private refilledFor(end: number, now: number): boolean {
    return this.refilledAt !== undefined && now < this.windowEnd && end - this.maxWindowMs <= this.refilledAt + SAME_WINDOW_MS;
  }

  /** The cloud refused a request for `delayMs`: hold everyone until then. */
  throttled(delayMs: number, now: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, now + delayMs);
  }
}

const gates = new Map<string, RateGate>();

/** The gate for an API, identity and budget; one per provider host process. */
export function gateFor(key: string): RateGate {
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = new RateGate()));
  return gate;
}
