/**
 * Katapult Core API v1 object storage access key endpoints: one small function each over the
 * shared helper. Paths and bodies: docs/api/katapult.md#endpoints and the OpenAPI spec.
 */
import {
  BusyError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UnexpectedStatusError,
  ValidationError,
} from "../shared/http/errors";
import { ClientContext, CloudProfile, ErrorClass, ErrorDescription, callApi } from "../shared/http/request";
import { Page } from "../shared/http/pagination";
import {
  AccessKeyCreateBody,
  AccessKeyUpdateBody,
  ApiKey,
  OrganizationLookup,
  apiDeleted,
  apiKeyEnvelope,
  apiKeyPage,
} from "./schemas";

/**
 * Error codes by meaning. Classification goes by the cloud's `error.code` (our `cloudCode`), never by status alone: the
 * framework also answers 404 `route_not_found`, and a missing organization or object storage
 * account is a 404 too, none of which means "the key is gone" (docs/api/katapult.md#key-not-found).
 */
const CODE_CLASSES: Record<string, ErrorClass> = {
  object_storage_access_key_not_found: NotFoundError,
  // "Provisioning is in progress. Please try again later." / a background task could not be queued.
  object_storage_provisioning_error: BusyError,
  task_queueing_error: BusyError,
  rate_limit_reached: RateLimitedError,
  missing_api_token: UnauthorizedError,
  invalid_api_token: UnauthorizedError,
  unauthorized_network_for_api_token: UnauthorizedError,
  invalid_capabilities_token: UnauthorizedError,
  scope_not_granted: UnauthorizedError,
  permission_denied: UnauthorizedError,
  organization_suspended: UnauthorizedError,
  organization_not_activated: UnauthorizedError,
  object_storage_account_not_provisioned: ValidationError,
  object_storage_account_not_found: ValidationError,
  object_storage_cluster_not_found: ValidationError,
  organization_not_found: ValidationError,
  object_in_trash: ValidationError,
  validation_error: ValidationError,
  invalid_argument: ValidationError,
  missing_required_argument: ValidationError,
  invalid_json_body: ValidationError,
  route_not_found: UnexpectedStatusError,
};

interface WireError {
  code?: unknown;
  description?: unknown;
  detail?: { errors?: unknown; details?: unknown; total_permitted?: unknown } | null;
}

/** The spec shows `{code, description, detail}`; the real API wraps it in `{error: ...}` (docs/api/katapult.md#errors). Accept both. */
export function describeKatapultError(body: unknown): ErrorDescription {
  const raw = body as { error?: WireError } & WireError;
  const e: WireError | undefined = raw && typeof raw === "object" ? (raw.error && typeof raw.error === "object" ? raw.error : raw) : undefined;
  if (!e || typeof e.code !== "string") return {};
  const parts = typeof e.description === "string" ? [e.description] : [];
  const detail = e.detail && typeof e.detail === "object" ? e.detail : {};
  if (Array.isArray(detail.errors)) parts.push(detail.errors.filter((x) => typeof x === "string").join("; "));
  if (typeof detail.details === "string") parts.push(detail.details);
  if (typeof detail.total_permitted === "number") parts.push(`${detail.total_permitted} requests per minute permitted`);
  return { cloudCode: e.code, detail: parts.filter(Boolean).join(": ") || undefined, recognized: true };
}

/**
 * Katapult sends no Retry-After. Its limit is a fixed window per clock minute (docs/api/katapult.md#rate-limits), so
 * once `X-Ratelimit-Remaining` reaches 0, wait for the next minute by the server's own clock
 * (its `Date` header) plus a second for the header's rounding; otherwise back off exponentially.
 */
export function untilNextMinuteMs(header: (name: string) => string | undefined, nowMs: number): number | undefined {
  if (header("x-ratelimit-remaining") !== "0") return undefined;
  return untilMinuteEndsMs(header, nowMs);
}

function untilMinuteEndsMs(header: (name: string) => string | undefined, nowMs: number): number {
  const minute = serverMinute(header, nowMs);
  return minute.endsAt - minute.now;
}

/** The server's clock (its `Date` header, else ours) and when its clock minute ends, plus a second. */
function serverMinute(header: (name: string) => string | undefined, nowMs: number): { now: number; endsAt: number } {
  const serverNow = Date.parse(header("date") ?? "");
  const now = Number.isNaN(serverNow) ? nowMs : serverNow;
  return { now, endsAt: (Math.floor(now / 60_000) + 1) * 60_000 + 1_000 };
}

export const katapultProfile: CloudProfile = {
  cloud: "Katapult",
  describeError: (_status, body) => describeKatapultError(body),
  classify(status, description) {
    const byCode = description.cloudCode ? CODE_CLASSES[description.cloudCode] : undefined;
    if (byCode) return byCode;
    // Without Katapult's "key not found" code, a 404 is a wrong URL or a proxy, never "gone".
    return status === 404 ? UnexpectedStatusError : undefined;
  },
  serverDelayMs: untilNextMinuteMs,
  rateLimitInfo(header, nowMs) {
    const permitted = Number(header("x-ratelimit-permitted"));
    const remaining = Number(header("x-ratelimit-remaining"));
    return {
      limit: Number.isFinite(permitted) && permitted > 0 ? permitted : undefined,
      remaining: header("x-ratelimit-remaining") !== undefined && Number.isFinite(remaining) ? remaining : undefined,
      // The window is the clock minute by the server's clock, measured from its own `Date`,
      // so a server clock that is off does not move our window (docs/api/katapult.md#rate-limits).
      resetInMs: untilMinuteEndsMs(header, nowMs),
      windowMs: 60_000,
    };
  },
};

export const KEY_PATH = "/object_storage/access_keys/access_key";

export function createAccessKey(ctx: ClientContext, body: AccessKeyCreateBody): Promise<ApiKey> {
  return callApi(ctx, katapultProfile, {
    operation: `create Katapult key "${body.properties.name}"`,
    method: "POST",
    path: "/organizations/organization/object_storage/object_storage_cluster/access_keys",
    body,
    response: apiKeyEnvelope,
  }).then((r) => r.object_storage_access_key);
}

export function getAccessKey(ctx: ClientContext, id: string): Promise<ApiKey> {
  return callApi(ctx, katapultProfile, {
    operation: `read Katapult key ${id}`, method: "GET", path: KEY_PATH, query: { "access_key[id]": id }, response: apiKeyEnvelope,
  }).then((r) => r.object_storage_access_key);
}

export function updateAccessKey(ctx: ClientContext, body: AccessKeyUpdateBody): Promise<ApiKey> {
  return callApi(ctx, katapultProfile, {
    operation: `update Katapult key ${body.access_key.id}`, method: "PATCH", path: KEY_PATH, body, response: apiKeyEnvelope,
  }).then((r) => r.object_storage_access_key);
}

/** The body must be JSON with an explicit lookup: without it Katapult answers a misleading 404/400 (docs/api/katapult.md#request-format). */
export async function deleteAccessKey(ctx: ClientContext, id: string): Promise<void> {
  await callApi(ctx, katapultProfile, {
    operation: `delete Katapult key ${id}`, method: "DELETE", path: KEY_PATH, body: { access_key: { id } }, response: apiDeleted,
  });
}

export const GENERATE_CREDENTIALS_PATH = `${KEY_PATH}/generate_credentials`;
export const generateCredentialsOperation = (id: string) => `generate credentials for Katapult key ${id}`;

/**
 * New S3 credentials; the only answer that ever carries the secret. Safe to resend: each call
 * replaces the key's credentials, so a repeat after a lost answer only replaces credentials we
 * never received.
 */
export function generateCredentials(ctx: ClientContext, id: string): Promise<ApiKey> {
  return callApi(ctx, katapultProfile, {
    operation: generateCredentialsOperation(id),
    method: "POST",
    path: GENERATE_CREDENTIALS_PATH,
    body: { access_key: { id } },
    response: apiKeyEnvelope,
    idempotent: true,
  }).then((r) => r.object_storage_access_key);
}

/** One page of an organization's keys (all regions). */
export async function listAccessKeys(ctx: ClientContext, organization: OrganizationLookup, page: number): Promise<Page<ApiKey, number>> {
  const lookup = "id" in organization ? { "organization[id]": organization.id } : { "organization[sub_domain]": organization.sub_domain };
  const body = await callApi(ctx, katapultProfile, {
    operation: "list Katapult keys",
    method: "GET",
    path: "/organizations/organization/object_storage/access_keys",
    query: { ...lookup, page, per_page: 100 },
    response: apiKeyPage,
  });
  const { current_page: current, total_pages: total } = body.pagination;
  // `total_pages` is null for a "large set"; then a full page means there may be another.
  const more = total == null ? body.object_storage_access_keys.length >= body.pagination.per_page : current < total;
  return { items: body.object_storage_access_keys, next: more ? current + 1 : undefined };
}
