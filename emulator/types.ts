/**
 * The contract between the emulator's core (routing, faults, counters, rate limits) and each
 * cloud's module. A cloud module knows its paths, auth, payloads and error bodies; it knows
 * nothing about faults or counting.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Accounts } from "./accounts";

export type CloudName = "linode" | "katapult" | "bird";

export interface EmulatedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface EmulatedRequest {
  method: string;
  /** Path below the cloud's prefix, e.g. `/v4/object-storage/keys/12`. */
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
  /** This cloud's error body for a status (used for faults and unknown routes). */
  errorResponse(status: number, message?: string): EmulatedResponse;
  /** This cloud's answer when its rate limit is exceeded. */
  rateLimitResponse(limit: RateLimitState): EmulatedResponse;
  /** Headers every answer of this cloud carries about the rate limit. */
  rateLimitHeaders?(limit: RateLimitState): Record<string, string>;
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
  reset(): void;
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
 * - `status`: answer this status with the cloud's error body (or an HTML page), without acting.
 * - `drop`: close the connection before answering, without acting.
 * - `lost`: act (the key really is created/changed), then close the connection unanswered.
 * - `stall`: wait `ms`, then act and answer (a client with a shorter timeout has given up).
 * - `garble`: act, then answer 200 with a truncated body, an HTML page, or JSON of the wrong shape.
 */
export type FaultKind =
  | { kind: "status"; status: number; retryAfter?: string; html?: boolean }
  | { kind: "drop" }
  | { kind: "lost" }
  | { kind: "stall"; ms: number }
  | { kind: "garble"; mode: "truncated" | "html" | "wrong-shape" };

export type Fault = FaultKind & {
  cloud?: CloudName;
  /** HTTP method to match, e.g. `POST`. */
  method?: string;
  /** Route name (exact) or a substring of it. */
  route?: string;
  /** How many matching requests it applies to (default 1). */
  times?: number;
};
