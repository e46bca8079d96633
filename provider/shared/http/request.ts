/**
 * The one HTTP helper every cloud client calls: JSON in, zod-validated JSON out, typed errors,
 * bounded retries. Cloud differences (error body shape, which codes mean "gone", rate-limit
 * headers and budgets) come in through a small `CloudProfile`. Sending lives here; what an
 * answer means lives in answer.ts; whether and when to retry in retry.ts.
 */
import * as undici from "undici";
import { z } from "zod";
import { ApiError, ApiErrorDetails, RateLimitedError } from "./errors";
import { Answer, Outcome, RawHeaders, finalError, headerValue, interpret, rateBudgetSpent, transportError } from "./answer";
import { GateWaitTooLong, RateGate, RateLimitInfo } from "./rate-gate";
import { credentialForms } from "./redact";
import { RetryPolicy, isThrottle, retryDelayMs, shouldRetry } from "./retry";

export type ErrorClass = new (summary: string, details: ApiErrorDetails) => ApiError;

export interface ErrorDescription {
  /** The cloud's own error code, e.g. `object_storage_access_key_not_found`: becomes `ApiError.cloudCode`. */
  cloudCode?: string;
  detail?: string;
  field?: string;
  /** The body is the cloud's own error format (not a proxy's page, an empty body or another API's). */
  recognized?: boolean;
}

/** What differs between clouds at the HTTP level. */
export interface CloudProfile {
  /** The cloud's title, for messages. */
  cloud: string;
  /**
   * Extracts the cloud's code / message / field from an error body (already JSON-parsed when
   * possible), and says whether the body is the cloud's own error format at all.
   */
  describeError(status: number, body: unknown): ErrorDescription;
  /** Overrides the status-based classification, e.g. by the cloud's error code. */
  classify?(status: number, description: ErrorDescription): ErrorClass | undefined;
  /** Server-requested wait before a retry, beyond the standard `Retry-After`. */
  serverDelayMs?(header: (name: string) => string | undefined, nowMs: number): number | undefined;
  /** What the cloud's rate-limit headers say, for client-side pacing (windows on the local clock). */
  rateLimitInfo?(header: (name: string) => string | undefined, nowMs: number): RateLimitInfo;
  /** Which of the cloud's rate-limit budgets a request draws on (some count reads and writes apart, docs/http.md#rate-limits). */
  rateLimitBudget?(method: string): string;
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
  /** The pace of one budget of this API and identity (see rate-gate.ts); none in unit tests. */
  gate?: (budget: string) => RateGate;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface CallSpec<T> {
  /** Human summary used in errors, e.g. `create <Cloud> key "ci"`. */
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

const dispatcher = new undici.Agent({ keepAliveTimeout: 10_000, connections: 64 });

/** Performs one logical API call with retries. Resolves with the validated body. */
export async function callApi<T>(ctx: ClientContext, profile: CloudProfile, spec: CallSpec<T>): Promise<T> {
  const idempotent = spec.idempotent ?? spec.method !== "POST";
  const started = ctx.now();
  const gate = ctx.gate?.(profile.rateLimitBudget?.(spec.method) ?? "all");
  let failures = 0;
  let throttles = 0;
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(ctx, profile, spec, { attempt, started, gate });
    if (outcome.ok) return outcome.value;
    const { error, serverDelayMs } = outcome;
    if (outcome.final) throw error;
    const throttled = isThrottle(error);
    if (throttled) throttles++;
    else failures++;
    const exhausted = throttled ? throttles >= ctx.policy.maxThrottledAttempts : failures >= ctx.policy.maxAttempts;
    if (!shouldRetry(error, idempotent) || exhausted) throw finalError(error, attempt, ctx.now() - started);
    const delay = retryDelayMs(throttled ? throttles : failures, ctx.policy, serverDelayMs, ctx.random);
    // A rate limit holds back every request to the API, not just this one.
    if (error instanceof RateLimitedError) gate?.throttled(delay, ctx.now());
    if (ctx.now() + delay - started > ctx.policy.deadlineMs) {
      throw finalError(error, attempt, ctx.now() - started, throttled ? ctx.now() + delay : undefined);
    }
    await ctx.sleep(delay);
  }
}

interface Attempt {
  attempt: number;
  started: number;
  gate?: RateGate;
}

/** One request: wait for the pace (never past the deadline), send, and interpret the answer. */
async function attemptOnce<T>(ctx: ClientContext, profile: CloudProfile, spec: CallSpec<T>, a: Attempt): Promise<Outcome<T>> {
  const base: ApiErrorDetails = {
    cloud: profile.cloud, operation: spec.operation, method: spec.method, path: spec.path, attempts: a.attempt,
  };
  const deadline = a.started + ctx.policy.deadlineMs;
  const forms = credentialForms(ctx.authorization);
  try {
    await a.gate?.acquire(ctx, deadline);
  } catch (err) {
    if (!(err instanceof GateWaitTooLong)) throw err;
    return { ok: false, final: true, error: rateBudgetSpent(base, err.retryAt, ctx.now() - a.started) };
  }
  let answer: Answer;
  try {
    answer = await send(ctx, spec, Math.min(ctx.policy.timeoutMs, deadline - ctx.now()));
  } catch (cause) {
    return { ok: false, error: transportError(base, cause, forms) };
  }
  const header = (name: string) => headerValue(answer.headers, name);
  if (a.gate && profile.rateLimitInfo) a.gate.observe(profile.rateLimitInfo(header, ctx.now()), ctx.now());
  return interpret(profile, spec.response, base, answer, forms, ctx.now());
}

async function send(ctx: ClientContext, spec: CallSpec<unknown>, timeoutMs: number): Promise<Answer> {
  const response = await undici.request(buildUrl(ctx.baseUrl, spec.path, spec.query), {
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
    signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers as RawHeaders, text };
}

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}
