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

/** Errors are `{errors: [{reason, field?}]}`; 429s carry Retry-After and X-RateLimit-Reset. */
export const linodeProfile: CloudProfile = {
  cloud: "Linode",
  describeError(_status, body) {
    const first = (body as { errors?: { reason?: unknown; field?: unknown }[] } | undefined)?.errors?.[0];
    return {
      detail: typeof first?.reason === "string" ? first.reason : undefined,
      field: typeof first?.field === "string" && first.field !== "null" ? first.field : undefined,
    };
  },
  serverDelayMs(header, nowMs) {
    // With the window's budget spent, wait for its reset.
    const { remaining, resetAt } = rateLimitInfo(header);
    return remaining === 0 && resetAt !== undefined ? Math.max(0, resetAt - nowMs) : undefined;
  },
  rateLimitInfo: (header) => rateLimitInfo(header),
  requestIdHeader: "x-request-id",
};

/** `X-RateLimit-Limit`, `-Remaining`, and `-Reset` (the epoch second when the window resets). */
function rateLimitInfo(header: (name: string) => string | undefined): RateLimitInfo {
  const reset = numberHeader(header("x-ratelimit-reset"));
  return {
    limit: numberHeader(header("x-ratelimit-limit")),
    remaining: numberHeader(header("x-ratelimit-remaining")),
    resetAt: reset !== undefined && reset > 0 ? reset * 1000 : undefined,
  };
}

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
