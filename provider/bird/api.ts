/**
 * Bird organization access key endpoints: one small function each over the shared helper.
 */
import { ClientContext, CloudProfile, ErrorDescription, callApi } from "../shared/http/request";
import { Page } from "../shared/http/pagination";
import {
  AccessKeyCreateBody,
  AccessKeyUpdateBody,
  ApiAccessKey,
  ApiAccessKeyCreated,
  apiAccessKey,
  apiAccessKeyCreated,
  apiAccessKeyPage,
  apiEmpty,
} from "./schemas";

/**
 * Error bodies look like `{code, message, details: {<json path>: [messages]}}`, seen on a sibling
 * Bird API only (docs/api/bird.md#errors), so every part is optional and anything else is ignored.
 */
export function describeBirdError(_status: number, body: unknown): ErrorDescription {
  if (typeof body === "string") return { detail: body.slice(0, 500) };
  if (!body || typeof body !== "object") return {};
  const { code, message, details } = body as Record<string, unknown>;
  const problems = detailsOf(details);
  const text = [typeof message === "string" ? message : undefined, ...problems.map(([path, msgs]) => `${path}: ${msgs}`)]
    .filter((part): part is string => !!part)
    .join("; ");
  return {
    cloudCode: typeof code === "string" ? code : undefined,
    field: problems[0]?.[0],
    detail: text ? text.slice(0, 500) : undefined,
    // Bird documents no error body; a JSON object with a code or message is taken as Bird's own.
    recognized: typeof code === "string" || typeof message === "string",
  };
}

function detailsOf(details: unknown): [string, string][] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return [];
  return Object.entries(details as Record<string, unknown>).map(([path, value]) => [
    path,
    Array.isArray(value) ? value.filter((v) => typeof v === "string").join(", ") : typeof value === "string" ? value : "invalid",
  ]);
}

/** 429s carry the standard Retry-After, which the shared layer already honours. */
export const birdProfile: CloudProfile = {
  cloud: "Bird",
  describeError: describeBirdError,
  // Not documented by Bird; used only when present.
  requestIdHeader: "x-request-id",
};

const keysPath = (organizationId: string, id?: string) =>
  `/organizations/${encodeURIComponent(organizationId)}/access-keys${id === undefined ? "" : `/${encodeURIComponent(id)}`}`;

/** Answers 201 with the record and the token (docs/api/bird.md#create-a-key). Never retried once it may have arrived. */
export function createAccessKey(ctx: ClientContext, organizationId: string, body: AccessKeyCreateBody): Promise<ApiAccessKeyCreated> {
  return callApi(ctx, birdProfile, {
    operation: `create Bird access key "${body.name}"`, method: "POST", path: keysPath(organizationId), body, response: apiAccessKeyCreated,
  });
}

export function getAccessKey(ctx: ClientContext, organizationId: string, id: string): Promise<ApiAccessKey> {
  return callApi(ctx, birdProfile, {
    operation: `read Bird access key ${id}`, method: "GET", path: keysPath(organizationId, id), response: apiAccessKey,
  });
}

export function updateAccessKey(ctx: ClientContext, organizationId: string, id: string, body: AccessKeyUpdateBody): Promise<ApiAccessKey> {
  return callApi(ctx, birdProfile, {
    operation: `update Bird access key ${id}`, method: "PATCH", path: keysPath(organizationId, id), body, response: apiAccessKey,
  });
}

export async function deleteAccessKey(ctx: ClientContext, organizationId: string, id: string): Promise<void> {
  await callApi(ctx, birdProfile, {
    operation: `delete Bird access key ${id}`, method: "DELETE", path: keysPath(organizationId, id), response: apiEmpty,
  });
}

/**
 * One page of keys. `pageToken` "" asks for the first page. `limit` 100 is the API's maximum
 * (default 10), so big organizations take few calls. There is no filter by name (docs/api/bird.md#list-keys).
 */
export async function listAccessKeys(
  ctx: ClientContext,
  organizationId: string,
  pageToken: string,
  limit = 100,
): Promise<Page<ApiAccessKey, string>> {
  const body = await callApi(ctx, birdProfile, {
    operation: "list Bird access keys", method: "GET", path: keysPath(organizationId),
    query: { limit, pageToken: pageToken || undefined }, response: apiAccessKeyPage,
  });
  return { items: body.results, next: body.nextPageToken || undefined };
}
