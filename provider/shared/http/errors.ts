/**
 * Typed errors for every cloud call.
 *
 * One base class carries what a user (and our own recovery logic) needs: which cloud, which
 * operation, the HTTP status, the cloud's own error code, the field it blames, how many attempts
 * were made. Subclasses say what the failure *means*, so callers branch on meaning, not status.
 *
 * This package is loaded twice in a Pulumi deployment (by the program and again by the provider
 * host), and under jest once from source and once compiled. `instanceof` must work across those
 * copies, so classes are recognised by a `Symbol.for` brand rather than by prototype identity
 * (the same approach as undici's and octokit's errors). For the same reason every class has a
 * stable string `code` (error-codes.ts, docs/errors.md): the cloud's own code is `cloudCode`.
 */

import { type ErrorCode, ErrorCodes } from "./error-codes";

export { type ErrorCode, ErrorCodes } from "./error-codes";

const BRAND = Symbol.for("pulumi-access-keys.error-kinds");

/**
 * Base of every error the package throws: a stable `code` per class (docs/errors.md) and the
 * brand that makes `instanceof` work across copies. Never thrown itself.
 */
export abstract class AccessKeysError extends Error {
  static readonly kind: string = "AccessKeysError";
  /** Set by every concrete class; inherited by a subclass that keeps its parent's meaning. */
  static readonly code: ErrorCode;
  /** What the failure means, fixed per class, e.g. `ERR_ACCESS_KEYS_NOT_FOUND`. */
  readonly code: ErrorCode;

  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    const ctor = new.target as unknown as typeof AccessKeysError;
    this.name = ctor.kind;
    this.code = ctor.code;
    (this as unknown as Record<symbol, string[]>)[BRAND] = brandChain(ctor);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    const kinds = (value as Record<symbol, unknown> | null)?.[BRAND];
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }
}

function brandChain(ctor: unknown): string[] {
  const kinds: string[] = [];
  for (let c = ctor as { kind?: string } | null; c && c.kind; c = Object.getPrototypeOf(c)) {
    if (!kinds.includes(c.kind)) kinds.push(c.kind);
  }
  return kinds;
}

export interface ApiErrorDetails {
  /** The cloud's title (its descriptor's `title`). */
  cloud: string;
  /** What we were doing, e.g. `create <Cloud> key "ci"`. */
  operation: string;
  method: string;
  /** Path without query string or host: never carries credentials. */
  path: string;
  status?: number;
  /** The cloud's own error code or reason, e.g. `object_storage_access_key_not_found`. */
  cloudCode?: string;
  /** The transport's code when no answer came, e.g. `ECONNRESET` or `UND_ERR_HEADERS_TIMEOUT`. */
  transportCode?: string;
  /** The request field the cloud blamed, if it said. */
  field?: string;
  /** The cloud's human-readable explanation. */
  detail?: string;
  requestId?: string;
  attempts?: number;
  elapsedMs?: number;
  /** True when the request may have reached the cloud and been acted on (lost response). */
  mayHaveSucceeded?: boolean;
  cause?: unknown;
}

/** Base of every error this package throws about a cloud call. */
export class ApiError extends AccessKeysError {
  static override readonly kind: string = "ApiError";
  static override readonly code: ErrorCode = ErrorCodes.API;
  readonly cloud: string;
  readonly operation: string;
  /** The short cause, e.g. `429 Too Many Requests`, without the context the message adds. */
  readonly summary: string;
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  /** The cloud's own error code, e.g. `object_storage_access_key_not_found`; shown in the message. */
  readonly cloudCode?: string;
  /**
   * The transport's code for a call that got no answer: a Node system error (`ECONNRESET`,
   * `ECONNREFUSED`), undici's (`UND_ERR_HEADERS_TIMEOUT`) or the abort's name (`TimeoutError`).
   * Kept here rather than as `cause`, whose message is not redacted.
   */
  readonly transportCode?: string;
  readonly field?: string;
  readonly detail?: string;
  readonly requestId?: string;
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly mayHaveSucceeded: boolean;

  constructor(summary: string, details: ApiErrorDetails) {
    super(formatMessage(summary, details), details.cause);
    this.cloud = details.cloud;
    this.operation = details.operation;
    this.summary = summary;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.cloudCode = details.cloudCode;
    this.transportCode = details.transportCode;
    this.field = details.field;
    this.detail = details.detail;
    this.requestId = details.requestId;
    this.attempts = details.attempts ?? 1;
    this.elapsedMs = details.elapsedMs ?? 0;
    this.mayHaveSucceeded = details.mayHaveSucceeded ?? false;
  }
}

function formatMessage(summary: string, d: ApiErrorDetails): string {
  const parts = [`${d.operation}: ${summary}`];
  const shownCode = d.cloudCode ?? d.transportCode;
  if (shownCode) parts.push(`[${shownCode}]`);
  if (d.field) parts.push(`(field "${d.field}")`);
  let message = parts.join(" ");
  if (d.detail && d.detail !== summary) message += `: ${d.detail}`;
  if (d.attempts && d.attempts > 1) {
    message += `; gave up after ${d.attempts} attempts over ${(d.elapsedMs! / 1000).toFixed(1)} s`;
  }
  message += ` (${d.method} ${d.path}`;
  if (d.requestId) message += `, request id ${d.requestId}`;
  return message + ")";
}

/** 404 with the cloud's own "this key does not exist" code. */
export class NotFoundError extends ApiError {
  static override readonly kind = "NotFoundError";
  static override readonly code = ErrorCodes.NOT_FOUND;
}
/** 401/403 and missing-token answers. */
export class UnauthorizedError extends ApiError {
  static override readonly kind = "UnauthorizedError";
  static override readonly code = ErrorCodes.UNAUTHORIZED;
}
/** 429 after every retry was spent. */
export class RateLimitedError extends ApiError {
  static override readonly kind = "RateLimitedError";
  static override readonly code = ErrorCodes.RATE_LIMITED;
}
/** 400/409/422: the cloud refused what we sent. Not retried. */
export class ValidationError extends ApiError {
  static override readonly kind = "ValidationError";
  static override readonly code = ErrorCodes.VALIDATION;
}
/** The cloud is busy with earlier work (a key still provisioning, docs/http.md#rate-limits): retry later. */
export class BusyError extends ApiError {
  static override readonly kind = "BusyError";
  static override readonly code = ErrorCodes.BUSY;
}
/** 5xx after every retry was spent. */
export class ServerError extends ApiError {
  static override readonly kind = "ServerError";
  static override readonly code = ErrorCodes.SERVER;
}
/** The connection failed or dropped before a complete response arrived. */
export class ConnectionError extends ApiError {
  static override readonly kind = "ConnectionError";
  static override readonly code = ErrorCodes.CONNECTION;
}
/** No response within the per-request timeout. */
export class TimeoutError extends ApiError {
  static override readonly kind = "TimeoutError";
  static override readonly code = ErrorCodes.TIMEOUT;
}
/** The HTTP call worked, but the body was not the JSON shape the cloud documents. */
export class ResponseShapeError extends ApiError {
  static override readonly kind = "ResponseShapeError";
  static override readonly code = ErrorCodes.RESPONSE_SHAPE;
}
/**
 * The cloud said "no such key", but the answer could not be confirmed (the list at the same
 * address failed, or still shows the key). The key is kept in state: dropping it would lose its
 * secret and orphan it (docs/pulumi-engine.md#deleted-resources).
 */
export class GoneUnconfirmedError extends ApiError {
  static override readonly kind = "GoneUnconfirmedError";
  static override readonly code = ErrorCodes.GONE_UNCONFIRMED;
}
/**
 * A create may have made a key, and we could not find out: the key may exist in the cloud
 * without being in the stack. The message names the key's name so the user can find it.
 */
export class UncertainCreateError extends ApiError {
  static override readonly kind = "UncertainCreateError";
  static override readonly code = ErrorCodes.UNCERTAIN_CREATE;
}
/** Any other unexpected HTTP status. */
export class UnexpectedStatusError extends ApiError {
  static override readonly kind = "UnexpectedStatusError";
  static override readonly code = ErrorCodes.UNEXPECTED_STATUS;
}

/** Credentials or settings are missing or unusable; raised before any request is made. */
export class ConfigurationError extends AccessKeysError {
  static override readonly kind: string = "ConfigurationError";
  static override readonly code: ErrorCode = ErrorCodes.CONFIGURATION;
  constructor(message: string) {
    super(message);
  }
}

/**
 * Inputs or state that cannot work, found only once the cloud or the state is seen: a key id of
 * the wrong form, an adopted key that does not match the program. `field` names the input.
 * Raised before any change is made; never carries a credential or a secret.
 */
export class InputError extends AccessKeysError {
  static override readonly kind: string = "InputError";
  static override readonly code: ErrorCode = ErrorCodes.INPUT;
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

/**
 * A create that made a key but could not finish it (its credentials not issued, or not
 * configured in time). The provider host packs `id`, `properties` and `reasons` of a thrown error
 * into ErrorResourceInitFailed, so the engine records the key with these outputs instead of
 * orphaning it, and the next `pulumi up` finishes it (docs/pulumi-engine.md#partial-creates).
 * Branded like the other errors, so `instanceof` works across the program's and the host's copies.
 * A cloud's subclass keeps this `code`: what the caller must do is the same whatever the cloud
 * (run `pulumi up` again), and the subclass's `name` says which step did not finish (docs/errors.md).
 */
export class PartialCreateError<TProperties extends object = Record<string, unknown>> extends AccessKeysError {
  static override readonly kind: string = "PartialCreateError";
  static override readonly code: ErrorCode = ErrorCodes.PARTIAL_CREATE;
  readonly reasons: string[];
  constructor(readonly id: string, readonly properties: TProperties, message: string, cause?: unknown) {
    super(message, cause);
    this.reasons = [message];
  }
}
