import { parseRetryAfterMs, retryDelayMs, isRetryableStatus, policyFromEnv, defaultRetryPolicy } from "../../provider/shared/http/retry";

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

  it("backs off exponentially with jitter between half and all of the step, capped", () => {
    expect(retryDelayMs(1, policy, undefined, () => 0)).toBe(50);
    expect(retryDelayMs(1, policy, undefined, () => 1)).toBe(100);
    expect(retryDelayMs(4, policy, undefined, () => 1)).toBe(800);
    expect(retryDelayMs(20, policy, undefined, () => 1)).toBe(5000);
  });

  it("retries 408, 429 and 5xx only", () => {
    expect([400, 401, 404, 408, 409, 422, 429, 500, 503].filter(isRetryableStatus)).toEqual([408, 429, 500, 503]);
  });

  it("takes overrides from the environment and ignores junk", () => {
    const p = policyFromEnv({ PULUMI_ACCESS_KEYS_MAX_ATTEMPTS: "3", PULUMI_ACCESS_KEYS_TIMEOUT_MS: "abc" });
    expect(p.maxAttempts).toBe(3);
    expect(p.timeoutMs).toBe(defaultRetryPolicy.timeoutMs);
  });
});
