/**
 * The one HTTP helper every cloud client calls: JSON in, zod-validated JSON out, typed errors,
 * bounded retries. Cloud differences (error body shape, which codes mean "gone", rate-limit
 * headers) come in through a small `CloudProfile`.
 */
import * as undici from "undici";
import { z } from "zod";
import {
  ApiError,
  ApiErrorDetails,
  BusyError,
  Cloud,
  ConnectionError,
  NotFoundError,
  RateLimitedError,
  ResponseShapeError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  UnexpectedStatusError,
  ValidationError,
} from "./errors";
import { RateGate, RateLimitInfo } from "./rate-gate";
import { RetryPolicy, parseRetryAfterMs, retryDelayMs } from "./retry";

export type ErrorClass = new (summary: string, details: ApiErrorDetails) => ApiError;

export interface ErrorDescription {
  code?: string;
  detail?: string;
  field?: string;
}

/** What differs between clouds at the HTTP level. */
export interface CloudProfile {
  cloud: Cloud;
  /** Extracts the cloud's code / message / field from an error body (already JSON-parsed when possible). */
  describeError(status: number, body: unknown): ErrorDescription;
  /** Overrides the status-based classification, e.g. by the cloud's error code. */
  classify?(status: number, description: ErrorDescription): ErrorClass | undefined;
  /** Server-requested wait before a retry, beyond the standard `Retry-After`. */
  serverDelayMs?(header: (name: string) => string | undefined, nowMs: number): number | undefined;
  /** What the cloud's rate-limit headers say, for client-side pacing. */
  rateLimitInfo?(header: (name: string) => string | undefined, nowMs: number): RateLimitInfo;
  /** Header that carries the cloud's request id, if any. */
  requestIdHeader?: string;
}

/** Where and as whom to call, plus the injected clock so tests never wait in real time. */
export interface ClientContext {
  baseUrl: string;
  /** Full Authorization header value. Never logged, never put in an error. */
  authorization: string;
  policy: RetryPolicy;
  sleep(ms: number): Promise<void>;
  random(): number;
  now(): number;
  /** Paces every request to this API and identity (see rate-gate.ts); none in unit tests. */
  gate?: RateGate;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface CallSpec<T> {
  /** Human summary used in errors, e.g. `create Linode key "ci"`. */
  operation: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Query;
  body?: unknown;
  response: z.ZodType<T>;
  /**
   * Whether the request may be sent again after it may have reached the server. Defaults to
   * every method but POST: none of our clouds offers an idempotency key, so a create is never
   * resent blindly; the caller recovers by listing instead.
   */
  idempotent?: boolean;
}

type RawHeaders = Record<string, string | string[] | undefined>;

const dispatcher = new undici.Agent({ keepAliveTimeout: 10_000, connections: 64 });

/** Performs one logical API call with retries. Resolves with the validated body. */
export async function callApi<T>(ctx: ClientContext, profile: CloudProfile, spec: CallSpec<T>): Promise<T> {
  const idempotent = spec.idempotent ?? spec.method !== "POST";
  const started = ctx.now();
  let failures = 0;
  let throttles = 0;
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(ctx, profile, spec, attempt, started);
    if (outcome.ok) return outcome.value;
    const { error, serverDelayMs } = outcome;
    const throttled = isThrottle(error);
    if (throttled) throttles++;
    else failures++;
    const exhausted = throttled ? throttles >= ctx.policy.maxThrottledAttempts : failures >= ctx.policy.maxAttempts;
    if (!shouldRetry(error, idempotent) || exhausted) throw finalError(error, attempt, ctx.now() - started);
    const delay = retryDelayMs(throttled ? throttles : failures, ctx.policy, serverDelayMs, ctx.random);
    // A rate limit holds back every request to the API, not just this one.
    if (error instanceof RateLimitedError) ctx.gate?.throttled(delay, ctx.now());
    if (ctx.now() + delay - started > ctx.policy.deadlineMs) throw finalError(error, attempt, ctx.now() - started);
    await ctx.sleep(delay);
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError; serverDelayMs?: number };

async function attemptOnce<T>(
  ctx: ClientContext,
  profile: CloudProfile,
  spec: CallSpec<T>,
  attempt: number,
  started: number,
): Promise<Outcome<T>> {
  const base: ApiErrorDetails = {
    cloud: profile.cloud,
    operation: spec.operation,
    method: spec.method,
    path: spec.path,
    attempts: attempt,
  };
  let response: undici.Dispatcher.ResponseData;
  let text: string;
  await ctx.gate?.acquire(ctx);
  try {
    response = await undici.request(buildUrl(ctx.baseUrl, spec.path, spec.query), {
      method: spec.method,
      headers: {
        authorization: ctx.authorization,
        accept: "application/json",
        "user-agent": "pulumi-access-keys",
        ...(spec.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      dispatcher,
      headersTimeout: ctx.policy.timeoutMs,
      bodyTimeout: ctx.policy.timeoutMs,
      signal: AbortSignal.timeout(Math.max(1, Math.min(ctx.policy.timeoutMs, ctx.policy.deadlineMs - (ctx.now() - started)))),
    });
    text = await response.body.text();
  } catch (cause) {
    return { ok: false, error: transportError(base, cause) };
  }
  const headers = response.headers as RawHeaders;
  if (ctx.gate && profile.rateLimitInfo) ctx.gate.observe(profile.rateLimitInfo((name) => headerValue(headers, name), ctx.now()));
  const requestId = profile.requestIdHeader ? headerValue(headers, profile.requestIdHeader) : undefined;
  const json = parseJson(text);
  const status = response.statusCode;
  if (status >= 200 && status < 300) {
    const parsed = spec.response.safeParse(status === 204 || text.trim() === "" ? {} : json.value);
    if (json.ok || status === 204 || text.trim() === "") {
      if (parsed.success) return { ok: true, value: parsed.data };
    }
    const detail = json.ok ? describeShapeIssues(parsed.error) : "the body is not JSON";
    return {
      ok: false,
      error: new ResponseShapeError(`${status} response of unexpected shape`, {
        ...base, status, requestId, detail, mayHaveSucceeded: true,
      }),
    };
  }
  const description = profile.describeError(status, json.ok ? json.value : undefined);
  const ErrorType = profile.classify?.(status, description) ?? classifyStatus(status);
  // A 5xx does not say whether the cloud acted first (Linode: a create answering 500 can
  // still have made the key, NOTES.md), so the caller must treat it as a possible success.
  const error = new ErrorType(`${status} ${statusText(status)}`, {
    ...base, status, requestId, ...description, mayHaveSucceeded: status >= 500,
  });
  const serverDelayMs = parseRetryAfterMs(headerValue(headers, "retry-after"), ctx.now())
    ?? profile.serverDelayMs?.((name) => headerValue(headers, name), ctx.now());
  return { ok: false, error, serverDelayMs };
}

/** The cloud turned the request away without acting on it: wait and send it again. */
function isThrottle(error: ApiError): boolean {
  return error instanceof RateLimitedError || error instanceof BusyError;
}

/** Which failures are worth another attempt. */
export function shouldRetry(error: ApiError, idempotent: boolean): boolean {
  if (isThrottle(error)) return true;
  // A refused connection never reached the server, so even a create may be sent again.
  if (error instanceof ConnectionError && error.code === "ECONNREFUSED") return true;
  if (!idempotent) return false;
  if (error instanceof ServerError || error instanceof ConnectionError || error instanceof TimeoutError) return true;
  if (error instanceof ResponseShapeError) return true;
  return error.status === 408;
}

function classifyStatus(status: number): ErrorClass {
  if (status === 401 || status === 403) return UnauthorizedError;
  if (status === 404) return NotFoundError;
  if (status === 400 || status === 409 || status === 422) return ValidationError;
  if (status === 429) return RateLimitedError;
  if (status >= 500) return ServerError;
  return UnexpectedStatusError;
}

function transportError(base: ApiErrorDetails, cause: unknown): ApiError {
  const code = (cause as { code?: string })?.code;
  const name = (cause as { name?: string })?.name;
  const isTimeout = name === "TimeoutError" || name === "AbortError"
    || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
  if (isTimeout) {
    return new TimeoutError("no response before the request timeout", { ...base, code: code ?? name, mayHaveSucceeded: true });
  }
  const reason = (cause as Error)?.message ?? String(cause);
  return new ConnectionError("connection failed", {
    ...base,
    code,
    detail: reason,
    mayHaveSucceeded: code !== "ECONNREFUSED" && code !== "ENOTFOUND",
  });
}

function finalError(error: ApiError, attempts: number, elapsedMs: number): ApiError {
  if (attempts === 1) return error;
  const ErrorType = error.constructor as ErrorClass;
  return new ErrorType(error.summary, {
    cloud: error.cloud, operation: error.operation, method: error.method, path: error.path,
    status: error.status, code: error.code, field: error.field, detail: error.detail,
    requestId: error.requestId, attempts, elapsedMs, mayHaveSucceeded: error.mayHaveSucceeded,
  });
}

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; value?: undefined } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Names the paths and expectations, never the received values (they may be secrets). */
function describeShapeIssues(error: z.ZodError | undefined): string {
  if (!error) return "unexpected shape";
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.code === "invalid_type" ? `expected ${(i as { expected?: string }).expected}` : i.code}`)
    .join("; ");
}

function headerValue(headers: RawHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 406: "Not Acceptable",
  408: "Request Timeout", 409: "Conflict", 422: "Unprocessable Entity", 429: "Too Many Requests",
  500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
};

function statusText(status: number): string {
  return STATUS_TEXT[status] ?? "HTTP error";
}
