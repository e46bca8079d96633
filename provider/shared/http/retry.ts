/**
 * Retry policy as small pure functions, so it can be tested without waiting.
 *
 * Whether: throttling (429, a busy cloud) always; a refused connection always (it never reached
 * the server); anything else only for a request that is safe to send twice, because none of our
 * clouds offers an idempotency key (docs/http.md#lost-creates).
 * Delay: the server's `Retry-After` (seconds or an HTTP date) when it gave one, capped and never
 * shorter than the backoff floor; otherwise exponential backoff with full jitter. Jitter only
 * applies when the server named no time, because a server-given time is already the right answer.
 */
import { ApiError, BusyError, ConnectionError, RateLimitedError, ResponseShapeError, ServerError, TimeoutError } from "./errors";

export interface RetryPolicy {
  /** Attempts that failed for a reason other than throttling, first one included. */
  maxAttempts: number;
  /**
   * Attempts the cloud turned away because of a rate limit (429) or because it is busy
   * (a key still provisioning). Those are a reason to wait, not to fail, so they have a budget of
   * their own, far larger: with many keys in one stack a request may queue behind hundreds of
   * others. The deadline still bounds them.
   */
  maxThrottledAttempts: number;
  /** First backoff step; doubles each attempt. */
  baseDelayMs: number;
  /** Ceiling for a single backoff step and for a server-given Retry-After. */
  maxDelayMs: number;
  /** Overall budget for one logical request, retries included. */
  deadlineMs: number;
  /** Per-attempt timeout (headers and body). */
  timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  maxThrottledAttempts: 100,
  baseDelayMs: 250,
  maxDelayMs: 30_000,
  deadlineMs: 180_000,
  timeoutMs: 30_000,
};

/** The cloud turned the request away without acting on it: wait and send it again. */
export function isThrottle(error: ApiError): boolean {
  return error instanceof RateLimitedError || error instanceof BusyError;
}

/** Which failures are worth another attempt. */
export function shouldRetry(error: ApiError, idempotent: boolean): boolean {
  if (isThrottle(error)) return true;
  // A refused connection never reached the server, so even a create may be sent again.
  if (error instanceof ConnectionError && error.transportCode === "ECONNREFUSED") return true;
  if (!idempotent) return false;
  if (error instanceof ServerError || error instanceof ConnectionError || error instanceof TimeoutError) return true;
  if (error instanceof ResponseShapeError) return true;
  return error.status === 408;
}

/**
 * Parses `Retry-After`: delta-seconds or an HTTP date. Returns undefined when absent or malformed,
 * so the caller falls back to backoff.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Delay before retry number `retry` (1 for the first retry).
 * `serverDelayMs` is what the server asked for, if anything.
 */
export function retryDelayMs(
  retry: number,
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">,
  serverDelayMs: number | undefined,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const floor = ceiling / 2;
  // `Retry-After: 0` or a date already past must not turn into a burst of immediate retries.
  if (serverDelayMs !== undefined) return Math.round(Math.max(floor, Math.min(serverDelayMs, policy.maxDelayMs)));
  // "Full jitter" with a floor of half the step: spreads concurrent clients without ever
  // retrying immediately.
  return Math.round(floor + (random() * ceiling) / 2);
}

/** Reads an env override for the policy; used by the demo and tests to shorten waits. */
export function policyFromEnv(env: NodeJS.ProcessEnv, base: RetryPolicy = defaultRetryPolicy): RetryPolicy {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    const n = raw === undefined ? NaN : Number(raw);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return {
    maxAttempts: read("PULUMI_ACCESS_KEYS_MAX_ATTEMPTS", base.maxAttempts),
    maxThrottledAttempts: read("PULUMI_ACCESS_KEYS_MAX_THROTTLED_ATTEMPTS", base.maxThrottledAttempts),
    baseDelayMs: read("PULUMI_ACCESS_KEYS_RETRY_BASE_MS", base.baseDelayMs),
    maxDelayMs: read("PULUMI_ACCESS_KEYS_RETRY_MAX_MS", base.maxDelayMs),
    deadlineMs: read("PULUMI_ACCESS_KEYS_DEADLINE_MS", base.deadlineMs),
    timeoutMs: read("PULUMI_ACCESS_KEYS_TIMEOUT_MS", base.timeoutMs),
  };
}
