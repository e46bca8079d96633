/**
 * The contract between the emulator's core (routing, faults, counters, rate limits) and each
 * cloud's module (emulator/<cloud>/). A cloud module knows its paths, auth, payloads and error bodies; it knows
 * nothing about faults or counting.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Accounts } from "./accounts";

/** A cloud's name in the registry (provider/clouds.ts): its prefix in the emulator's URLs. */
export type CloudName = string;

export interface EmulatedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface EmulatedRequest {
  method: string;
  /** Path below the cloud's prefix `/<cloud>`, its API path included (`apiPath` in clouds.ts). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, `undefined` when there was none, or the raw text when it was not JSON. */
  body: unknown;
  rawBody: string;
  /** The account of the request's token, set by `authenticate` (accounts.ts). */
  account?: string;
}

export interface Route {
  /** Stable name used by counters and fault matching, e.g. `POST /v4/object-storage/keys`. */
  name: string;
  handle(req: EmulatedRequest): EmulatedResponse | Promise<EmulatedResponse>;
}

export interface CloudModule {
  readonly name: CloudName;
  /** Answers a request that lacks valid credentials; `undefined` when the caller is authorised. */
  authenticate(req: EmulatedRequest): EmulatedResponse | undefined;
  route(req: EmulatedRequest): Route | undefined;
  /** This cloud's error body for a status (used for faults). */
  errorResponse(status: number, message?: string): EmulatedResponse;
  /** This cloud's answer to a path or method it does not serve. */
  unknownRoute(req: EmulatedRequest): EmulatedResponse;
  /** This cloud's error body quoting the request's Authorization header (the `echo-auth` fault). */
  echoAuthResponse(status: number, authorization: string, token: string): EmulatedResponse;
  /** This cloud's answer when its rate limit is exceeded; `now` is the server's (maybe skewed) clock. */
  rateLimitResponse(limit: RateLimitState, now: number): EmulatedResponse;
  /** Headers every answer of this cloud carries about the rate limit. */
  rateLimitHeaders?(limit: RateLimitState): Record<string, string>;
  /** The recorded budgets per scope (e.g. separate reads and writes); absent: no limit unless set. */
  readonly rateBudgets?: Record<string, RateBudget>;
  /** Which budget a request spends (a key of `rateBudgets`); default `"all"`. */
  rateScope?(req: EmulatedRequest): string;
  /** Headers the cloud sends on every answer besides rate limits (CORS, cache, scopes...). */
  commonHeaders?(req: EmulatedRequest, status: number): Record<string, string>;
  /** Serializes a JSON body the way the cloud does (e.g. with spaced separators). */
  serialize?(body: unknown): string;
  /** Which token is which account (accounts.ts). */
  readonly accounts: Accounts;
  /** Keys in wire shape, secrets included (for tests and out-of-band edits); one account's only when named. */
  inventory(account?: string): Record<string, unknown>[];
  /** Out-of-band edit of a key (wire-shape fields); false when there is no such key. */
  edit(id: string, patch: Record<string, unknown>): boolean;
  /** Out-of-band deletion; false when there is no such key. */
  remove(id: string): boolean;
  /** Creates a key out of band, as a user would in the console; returns it in wire shape. */
  seed?(fields: Record<string, unknown>): Record<string, unknown>;
  /** Cloud-specific settings: `<cloud>Xyz` in the emulator's settings arrives here as `xyz`. */
  configure?(settings: Record<string, unknown>): void;
  reset(): void;
}

export interface RateBudget {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  remaining: number;
  /** Epoch ms when the current window ends. */
  resetAt: number;
}

/**
 * A scripted failure for the next `times` matching requests.
 * - `status`: answer this status with the cloud's error body (or an HTML page), without acting;
 *   a 404 gets the cloud's unknown-route body (never its "this key does not exist" answer).
 * - `drop`: close the connection before answering, without acting.
 * - `lost`: act (the key really is created/changed), then close the connection unanswered.
 * - `stall`: wait `ms`, then act and answer (a client with a shorter timeout has given up).
 * - `garble`: act, then answer 200 with a truncated body, an HTML page, or JSON of the wrong shape.
 * - `gateway`: a proxy answers `status` (502/503/504, HTML) at once, while the cloud still performs
 *   the request `delayMs` later (default 300): a create lands after the client saw the 5xx.
 * - `echo-auth`: answer `status` (default 401) with the cloud's error body quoting the request's
 *   whole `Authorization` value and its bare token, without acting.
 * - `clock-skew`: the server's clock runs `skewMs` ahead (default one hour): the `Date` header and
 *   the rate-limit reset headers say so. With `limited` (default true) the answer is the cloud's
 *   rate-limit answer for a window ending one second from now (real time), without acting.
 * - `html-404`: a proxy answers `404 <html>404</html>` (text/html), without acting; combine with
 *   `route`/`path` to hit one path only (GET of one key while listing still works).
 */
export type FaultKind =
  | { kind: "status"; status: number; retryAfter?: string; html?: boolean }
  | { kind: "drop" }
  | { kind: "lost" }
  | { kind: "stall"; ms: number }
  | { kind: "garble"; mode: "truncated" | "html" | "wrong-shape" }
  | { kind: "gateway"; status: 502 | 503 | 504; delayMs?: number }
  | { kind: "echo-auth"; status?: number }
  | { kind: "clock-skew"; skewMs?: number; limited?: boolean }
  | { kind: "html-404" };

export type Fault = FaultKind & {
  cloud?: CloudName;
  /** HTTP method to match, e.g. `POST`. */
  method?: string;
  /** Route name (exact) or a substring of it. */
  route?: string;
  /** A substring of the request's path and query (below the cloud's prefix), e.g. one key's id. */
  path?: string;
  /** How many matching requests it applies to (default 1). */
  times?: number;
};
