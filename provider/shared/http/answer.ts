/**
 * Interpreting one answer (or the lack of one): the validated body, or a typed error whose every
 * field built from the response is redacted. Pure apart from the clock it is handed.
 */
import { z } from "zod";
import {
  ApiError,
  ApiErrorDetails,
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
import { redact } from "./redact";
import { parseRetryAfterMs } from "./retry";
import type { CloudProfile, ErrorClass } from "./request";

export type RawHeaders = Record<string, string | string[] | undefined>;

export interface Answer {
  status: number;
  headers: RawHeaders;
  text: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError; serverDelayMs?: number; final?: boolean };

/** Turns an answer into the validated body or a typed, redacted error. */
export function interpret<T>(
  profile: CloudProfile,
  response: z.ZodType<T>,
  base: ApiErrorDetails,
  answer: Answer,
  forms: readonly string[],
  nowMs: number,
): Outcome<T> {
  const { status, text } = answer;
  const header = (name: string) => headerValue(answer.headers, name);
  const requestId = redact(profile.requestIdHeader ? header(profile.requestIdHeader) : undefined, forms);
  const json = parseJson(text);
  if (status >= 200 && status < 300) {
    const empty = status === 204 || text.trim() === "";
    const parsed = response.safeParse(empty ? {} : json.value);
    if ((json.ok || empty) && parsed.success) return { ok: true, value: parsed.data };
    const detail = json.ok ? describeShapeIssues(parsed.error) : "the body is not JSON";
    return {
      ok: false,
      error: new ResponseShapeError(`${status} response of unexpected shape`, { ...base, status, requestId, detail, mayHaveSucceeded: true }),
    };
  }
  const raw = profile.describeError(status, json.ok ? json.value : undefined);
  const cloudCode = redact(raw.cloudCode, forms);
  const field = redact(raw.field, forms);
  const said = redact(raw.detail, forms);
  const ErrorType = profile.classify?.(status, raw) ?? classifyStatus(status, raw.recognized === true);
  // A 404 the cloud did not explain with a code of its own (a route-level one, a proxy's page)
  // may come from a wrong URL; one it did explain (e.g. an organization not found) is about that.
  const detail = status === 404 && ErrorType === UnexpectedStatusError ? notTheCloud(profile.cloud, said) : said;
  // A 5xx does not say whether the cloud acted first (a create answering 500 can still have
  // made the key, docs/http.md#lost-creates), so the caller must treat it as a possible success.
  const error = new ErrorType(`${status} ${statusText(status)}`, {
    ...base, status, requestId, cloudCode, field, detail, mayHaveSucceeded: status >= 500,
  });
  const serverDelayMs = parseRetryAfterMs(header("retry-after"), nowMs) ?? profile.serverDelayMs?.(header, nowMs);
  return { ok: false, error, serverDelayMs };
}

/** By status, once the cloud had no more specific say. A 404 is "not found" only in the cloud's own words. */
export function classifyStatus(status: number, fromCloud: boolean): ErrorClass {
  if (status === 401 || status === 403) return UnauthorizedError;
  if (status === 404) return fromCloud ? NotFoundError : UnexpectedStatusError;
  if (status === 400 || status === 409 || status === 422) return ValidationError;
  if (status === 429) return RateLimitedError;
  if (status >= 500) return ServerError;
  return UnexpectedStatusError;
}

function notTheCloud(cloud: string, detail: string | undefined): string {
  const said = detail ? ` (it said: ${detail.slice(0, 200)})` : "";
  return `the answer is not ${cloud}'s own "not found" error${said}; the API URL may point at something other than the ${cloud} API`;
}

/** No answer at all: a timeout, or a connection that failed or dropped. */
export function transportError(base: ApiErrorDetails, cause: unknown, forms: readonly string[]): ApiError {
  // The cause itself is not attached: its message may echo the request, so only a redacted copy is kept.
  const transportCode = (cause as { code?: string })?.code;
  const name = (cause as { name?: string })?.name;
  const isTimeout = name === "TimeoutError" || name === "AbortError"
    || transportCode === "UND_ERR_HEADERS_TIMEOUT" || transportCode === "UND_ERR_BODY_TIMEOUT";
  if (isTimeout) {
    return new TimeoutError("no response before the request timeout", { ...base, transportCode: transportCode ?? name, mayHaveSucceeded: true });
  }
  return new ConnectionError("connection failed", {
    ...base,
    transportCode,
    detail: redact((cause as Error)?.message ?? String(cause), forms),
    mayHaveSucceeded: transportCode !== "ECONNREFUSED" && transportCode !== "ENOTFOUND",
  });
}

/** The pace would hold the request past its deadline. */
export function rateBudgetSpent(base: ApiErrorDetails, retryAt: number, elapsedMs: number): ApiError {
  return new RateLimitedError("rate limit budget spent", {
    ...base, elapsedMs,
    detail: `the API's rate limit leaves no room before the operation's deadline; retry after ${new Date(retryAt).toISOString()}`,
  });
}

/** The error to throw, with how long we tried and, for a rate limit, when trying again makes sense. */
export function finalError(error: ApiError, attempts: number, elapsedMs: number, retryAt?: number): ApiError {
  if (attempts === 1 && retryAt === undefined) return error;
  const when = retryAt === undefined ? "" : `retry after ${new Date(retryAt).toISOString()}`;
  return withDetail(error, when, { attempts, elapsedMs });
}

/** The same error, of the same class, with `more` said after its detail (and `changes` to where and how it failed). */
export function withDetail(error: ApiError, more: string, changes: Partial<ApiErrorDetails> = {}): ApiError {
  const ErrorType = error.constructor as ErrorClass;
  return new ErrorType(error.summary, {
    ...sameCall(error), field: error.field, mayHaveSucceeded: error.mayHaveSucceeded,
    detail: [error.detail, more].filter(Boolean).join("; ") || undefined, ...changes,
  });
}

/** Where and how a call failed, to report it again as another error: not its detail, field or outcome. */
export function sameCall(error: ApiError): ApiErrorDetails {
  return {
    cloud: error.cloud, operation: error.operation, method: error.method, path: error.path, status: error.status,
    cloudCode: error.cloudCode, transportCode: error.transportCode, requestId: error.requestId,
    attempts: error.attempts, elapsedMs: error.elapsedMs,
  };
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

export function headerValue(headers: RawHeaders, name: string): string | undefined {
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
