import { parseRetryAfterMs, retryDelayMs, shouldRetry, policyFromEnv, defaultRetryPolicy } from "../../provider/shared/http/retry";
import {
  ApiError, BusyError, ConnectionError, NotFoundError, RateLimitedError, ServerError, TimeoutError, ValidationError,
} from "../../provider/shared/http/errors";

const failure = <T extends ApiError>(Type: new (s: string, d: ConstructorParameters<typeof ApiError>[1]) => T, extra: Partial<ConstructorParameters<typeof ApiError>[1]> = {}) =>
  new Type("x", { cloud: "Example", operation: "op", method: "POST", path: "/p", ...extra });

const policy = { baseDelayMs: 100, maxDelayMs: 5_000 };

describe("retry policy", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-26T10:00:00Z");
    expect(parseRetryAfterMs("3", now)).toBe(3000);
    expect(parseRetryAfterMs("0.5", now)).toBe(500);
    expect(parseRetryAfterMs("Thu, 26 Nov 2026 10:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfterMs("Thu, 26 Nov 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("falls back to backoff when Retry-After is absent or malformed", () => {
    expect(parseRetryAfterMs(undefined, 0)).toBeUndefined();
    expect(parseRetryAfterMs("soon", 0)).toBeUndefined();
    expect(parseRetryAfterMs("", 0)).toBeUndefined();
  });

  it("uses the server's time exactly, capped, with no jitter", () => {
    expect(retryDelayMs(1, policy, 1200, () => 0.99)).toBe(1200);
    expect(retryDelayMs(1, policy, 60_000, () => 0.99)).toBe(5000);
  });

  it("waits at least the backoff floor when Retry-After is 0 or a date already past", () => {
    expect(retryDelayMs(1, policy, 0, () => 0.99)).toBe(50);
    expect(retryDelayMs(3, policy, 0, () => 0.99)).toBe(200);
  });

  it("backs off exponentially with jitter between half and all of the step, capped", () => {
    expect(retryDelayMs(1, policy, undefined, () => 0)).toBe(50);
    expect(retryDelayMs(1, policy, undefined, () => 1)).toBe(100);
    expect(retryDelayMs(4, policy, undefined, () => 1)).toBe(800);
    expect(retryDelayMs(20, policy, undefined, () => 1)).toBe(5000);
  });

  it("never resends a POST after a timeout, a dropped connection or a 5xx", () => {
    expect(shouldRetry(failure(TimeoutError), false)).toBe(false);
    expect(shouldRetry(failure(ConnectionError, { transportCode: "ECONNRESET" }), false)).toBe(false);
    expect(shouldRetry(failure(ServerError, { status: 504 }), false)).toBe(false);
  });

  it("resends any request the cloud throttled or that never reached it", () => {
    expect(shouldRetry(failure(RateLimitedError, { status: 429 }), false)).toBe(true);
    expect(shouldRetry(failure(BusyError, { status: 422 }), false)).toBe(true);
    expect(shouldRetry(failure(ConnectionError, { transportCode: "ECONNREFUSED" }), false)).toBe(true);
  });

  it("retries reads and other idempotent requests on 408, 5xx, timeouts and drops, never on 4xx", () => {
    expect(shouldRetry(failure(ServerError, { status: 503 }), true)).toBe(true);
    expect(shouldRetry(failure(TimeoutError), true)).toBe(true);
    expect(shouldRetry(failure(ApiError, { status: 408 }), true)).toBe(true);
    expect(shouldRetry(failure(NotFoundError, { status: 404 }), true)).toBe(false);
    expect(shouldRetry(failure(ValidationError, { status: 422 }), true)).toBe(false);
  });

  it("takes overrides from the environment and ignores junk", () => {
    const p = policyFromEnv({ PULUMI_ACCESS_KEYS_MAX_ATTEMPTS: "3", PULUMI_ACCESS_KEYS_TIMEOUT_MS: "abc" });
    expect(p.maxAttempts).toBe(3);
    expect(p.timeoutMs).toBe(defaultRetryPolicy.timeoutMs);
  });
});
