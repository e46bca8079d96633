/**
 * One stable `code` per error class, so a program can branch on `error.code` with a plain string
 * compare, in any copy of the package (docs/errors.md). Like undici's `UND_ERR_*` and Node's
 * `ERR_*`, every code starts with one prefix, `ERR_ACCESS_KEYS_`, and names what the failure
 * means, never which cloud had it: the cloud's own code is `cloudCode`, a transport's (`ECONNRESET`)
 * is `transportCode`. A code, once released, never changes (a change is breaking, see
 * CHANGELOG.md#versioning); a new class gets a new code.
 */
export const ErrorCodes = Object.freeze({
  /** ApiError itself: a failed cloud call of no more specific meaning (not thrown today). */
  API: "ERR_ACCESS_KEYS_API",
  /** NotFoundError: the cloud's own "no such key" answer. */
  NOT_FOUND: "ERR_ACCESS_KEYS_NOT_FOUND",
  /** UnauthorizedError: 401/403, or the cloud's own "bad or missing token" code. */
  UNAUTHORIZED: "ERR_ACCESS_KEYS_UNAUTHORIZED",
  /** RateLimitedError: rate limited after every retry, or no room before the deadline. */
  RATE_LIMITED: "ERR_ACCESS_KEYS_RATE_LIMITED",
  /** ValidationError: the cloud refused what was sent (400/409/422). */
  VALIDATION: "ERR_ACCESS_KEYS_VALIDATION",
  /** BusyError: the cloud is busy with earlier work. */
  BUSY: "ERR_ACCESS_KEYS_BUSY",
  /** ServerError: 5xx after every retry. */
  SERVER: "ERR_ACCESS_KEYS_SERVER",
  /** ConnectionError: the connection failed or dropped before a complete answer. */
  CONNECTION: "ERR_ACCESS_KEYS_CONNECTION",
  /** TimeoutError: no answer within the request timeout. */
  TIMEOUT: "ERR_ACCESS_KEYS_TIMEOUT",
  /** ResponseShapeError: an answer whose body is not the documented shape. */
  RESPONSE_SHAPE: "ERR_ACCESS_KEYS_RESPONSE_SHAPE",
  /** GoneUnconfirmedError: "no such key" that could not be confirmed; the key stays in state. */
  GONE_UNCONFIRMED: "ERR_ACCESS_KEYS_GONE_UNCONFIRMED",
  /** UncertainCreateError: a create may have made a key that is not in the stack. */
  UNCERTAIN_CREATE: "ERR_ACCESS_KEYS_UNCERTAIN_CREATE",
  /** UnexpectedStatusError: any other status, e.g. a 404 that is not the cloud's own. */
  UNEXPECTED_STATUS: "ERR_ACCESS_KEYS_UNEXPECTED_STATUS",
  /** ConfigurationError: credentials or settings missing or unusable, before any request. */
  CONFIGURATION: "ERR_ACCESS_KEYS_CONFIGURATION",
  /** InputError: an input or stored state that cannot work (`field` names the input). */
  INPUT: "ERR_ACCESS_KEYS_INPUT",
  /**
   * PartialCreateError and its subclasses: a key was made but not finished; it is recorded in
   * the stack, and the next `pulumi up` finishes it.
   */
  PARTIAL_CREATE: "ERR_ACCESS_KEYS_PARTIAL_CREATE",
} as const);

/** One of the stable codes in `ErrorCodes`. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
