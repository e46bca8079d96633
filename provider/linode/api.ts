/**
 * Linode API v4 Object Storage key endpoints: one small function each over the shared helper.
 */
import { ClientContext, CloudProfile, callApi } from "../shared/http/request";
import { Page } from "../shared/http/pagination";
import type { RateLimitInfo } from "../shared/http/rate-gate";
import {
  ApiKey,
  ObjectStorageKeyCreateBody,
  ObjectStorageKeyUpdateBody,
  apiEmpty,
  apiKey,
  apiKeyPage,
} from "./schemas";

/**
 * Errors are `{errors: [{reason, field?}]}`; 429s carry Retry-After and X-RateLimit-Reset
 * (docs/api/linode.md#errors). Key reads and key writes have separate limits (1840 and 60 per
 * window in 2026), so they are paced as separate budgets (docs/api/linode.md#rate-limits).
 */
export const linodeProfile: CloudProfile = {
  cloud: "Linode",
  describeError(_status, body) {
    const errors = (body as { errors?: unknown } | undefined)?.errors;
    const first = Array.isArray(errors) ? (errors[0] as { reason?: unknown; field?: unknown } | undefined) : undefined;
    return {
      detail: typeof first?.reason === "string" ? first.reason : undefined,
      field: typeof first?.field === "string" && first.field !== "null" ? first.field : undefined,
      recognized: typeof first?.reason === "string",
    };
  },
  serverDelayMs(header, nowMs) {
    // With the window's budget spent, wait for its reset.
    const { remaining, resetInMs } = rateLimitInfo(header, nowMs);
    return remaining === 0 ? resetInMs : undefined;
  },
  rateLimitInfo,
  rateLimitBudget: (method) => (method === "GET" ? "read" : "write"),
  requestIdHeader: "x-request-id",
};

/**
 * `X-RateLimit-Limit`, `-Remaining`, and `-Reset` (the epoch second when the window resets, by
 * the server's clock): measured against the server's own `Date` so a skewed clock cannot
 * stretch the wait.
 */
function rateLimitInfo(header: (name: string) => string | undefined, nowMs: number): RateLimitInfo {
  const reset = numberHeader(header("x-ratelimit-reset"));
  const serverNow = Date.parse(header("date") ?? "");
  const resetInMs = reset !== undefined && reset > 0 ? Math.max(0, reset * 1000 - (Number.isNaN(serverNow) ? nowMs : serverNow)) : undefined;
  return {
    limit: numberHeader(header("x-ratelimit-limit")),
    remaining: numberHeader(header("x-ratelimit-remaining")),
    resetInMs,
    windowMs: LINODE_WINDOW_MS,
  };
}

/** Linode states its limits per minute (docs/api/linode.md#rate-limits). */
const LINODE_WINDOW_MS = 60_000;

function numberHeader(value: string | undefined): number | undefined {
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

const path = (id?: number) => (id === undefined ? "/object-storage/keys" : `/object-storage/keys/${id}`);

export function createObjectStorageKey(ctx: ClientContext, body: ObjectStorageKeyCreateBody): Promise<ApiKey> {
  return callApi(ctx, linodeProfile, {
    operation: `create Linode key "${body.label}"`, method: "POST", path: path(), body, response: apiKey,
  });
}

export function getObjectStorageKey(ctx: ClientContext, id: number): Promise<ApiKey> {
  return callApi(ctx, linodeProfile, { operation: `read Linode key ${id}`, method: "GET", path: path(id), response: apiKey });
}

export function updateObjectStorageKey(ctx: ClientContext, id: number, body: ObjectStorageKeyUpdateBody): Promise<ApiKey> {
  return callApi(ctx, linodeProfile, {
    operation: `update Linode key ${id}`, method: "PUT", path: path(id), body, response: apiKey,
  });
}

export async function deleteObjectStorageKey(ctx: ClientContext, id: number): Promise<void> {
  await callApi(ctx, linodeProfile, { operation: `delete Linode key ${id}`, method: "DELETE", path: path(id), response: apiEmpty });
}

/** One page of keys; `page_size` 500 is the API's maximum, so big accounts take few calls. */
export async function listObjectStorageKeys(ctx: ClientContext, page: number): Promise<Page<ApiKey, number>> {
  const body = await callApi(ctx, linodeProfile, {
    operation: "list Linode keys", method: "GET", path: path(), query: { page, page_size: 500 }, response: apiKeyPage,
  });
  return { items: body.data, next: body.page < body.pages ? body.page + 1 : undefined };
}
