/**
 * "Widgets", a cloud that exists only in this test (see fourth-cloud.test.ts), built from the
 * package's shared HTTP layer the way a real fourth cloud would be. Its API (served by
 * emulated.ts): keys under `/keys` with create (POST, 201 `{key, secret}`: the only answer
 * holding the secret), get, patch, delete (204) and a cursor list (`{items, next}`); Bearer
 * tokens; errors as `{fault: {kind, text, field?}}`, where only `no_such_key` means the key is gone.
 */
import { z } from "zod";
import { UnexpectedStatusError } from "../../provider/shared/http/errors";
import { ClientContext, CloudProfile, ErrorDescription, callApi } from "../../provider/shared/http/request";
import { Page } from "../../provider/shared/http/pagination";

export const widgetKey = z.object({ id: z.string(), name: z.string(), scopes: z.array(z.string()), createdAt: z.string() });
export type WidgetKey = z.infer<typeof widgetKey>;
const widgetKeyCreated = z.object({ key: widgetKey, secret: z.string() });
const widgetKeyPage = z.object({ items: z.array(widgetKey), next: z.string().nullable() });
const noContent = z.unknown();

export interface WidgetKeyCreateBody {
  name: string;
  scopes: string[];
}
export type WidgetKeyUpdateBody = Partial<WidgetKeyCreateBody>;

export function describeWidgetsError(_status: number, body: unknown): ErrorDescription {
  const fault = body && typeof body === "object" ? (body as { fault?: unknown }).fault : undefined;
  if (!fault || typeof fault !== "object") return typeof body === "string" ? { detail: body.slice(0, 200) } : {};
  const { kind, text, field } = fault as Record<string, unknown>;
  return {
    cloudCode: typeof kind === "string" ? kind : undefined,
    detail: typeof text === "string" ? text : undefined,
    field: typeof field === "string" ? field : undefined,
    recognized: typeof kind === "string",
  };
}

export const widgetsProfile: CloudProfile = {
  cloud: "Widgets",
  describeError: describeWidgetsError,
  // A 404 in the cloud's own words that is not about a key (a wrong path) is no "not found".
  classify: (status, d) => (status === 404 && d.recognized && d.cloudCode !== "no_such_key" ? UnexpectedStatusError : undefined),
  requestIdHeader: "x-widgets-request",
};

const keyPath = (id?: string) => (id === undefined ? "/keys" : `/keys/${encodeURIComponent(id)}`);

export function createWidgetKey(ctx: ClientContext, body: WidgetKeyCreateBody) {
  return callApi(ctx, widgetsProfile, { operation: `create Widgets key "${body.name}"`, method: "POST", path: keyPath(), body, response: widgetKeyCreated });
}

export function getWidgetKey(ctx: ClientContext, id: string) {
  return callApi(ctx, widgetsProfile, { operation: `read Widgets key ${id}`, method: "GET", path: keyPath(id), response: widgetKey });
}

export function updateWidgetKey(ctx: ClientContext, id: string, body: WidgetKeyUpdateBody) {
  return callApi(ctx, widgetsProfile, { operation: `update Widgets key ${id}`, method: "PATCH", path: keyPath(id), body, response: widgetKey });
}

export async function deleteWidgetKey(ctx: ClientContext, id: string): Promise<void> {
  await callApi(ctx, widgetsProfile, { operation: `delete Widgets key ${id}`, method: "DELETE", path: keyPath(id), response: noContent });
}

export async function listWidgetKeys(ctx: ClientContext, cursor: string): Promise<Page<WidgetKey, string>> {
  const page = await callApi(ctx, widgetsProfile, {
    operation: "list Widgets keys", method: "GET", path: keyPath(), query: { cursor: cursor || undefined, limit: 50 }, response: widgetKeyPage,
  });
  return { items: page.items, next: page.next ?? undefined };
}
