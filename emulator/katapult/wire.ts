/**
 * What Katapult puts around every answer, from the Terraform provider's cassettes in
 * ../shared/api/recorded/katapult (2026-08): rate-limit headers, cache and CORS headers, a
 * request id, and `X-Api-Schema: json-error` on every error; the wrapped error bodies and
 * property checks.
 */
import { randomUUID } from "node:crypto";
import { EmulatedRequest, EmulatedResponse, RateBudget, RateLimitState } from "../types";

/** Recorded: X-Ratelimit-Permitted 1000 on every answer, one budget for every route, per clock minute. */
export const KATAPULT_BUDGETS: Record<string, RateBudget> = { all: { limit: 1000, windowMs: 60_000 } };

/** Recorded spelling; Katapult sends no reset header and no Retry-After. */
export function katapultRateHeaders(limit: RateLimitState): Record<string, string> {
  return { "X-Ratelimit-Permitted": String(limit.limit), "X-Ratelimit-Remaining": String(Math.max(0, limit.remaining)) };
}

export function katapultHeaders(status: number): Record<string, string> {
  const failed = status >= 400;
  return {
    "Access-Control-Allow-Headers": "Authorization, Content-Type",
    "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "Access-Control-Allow-Origin": "*",
    "Cache-Control": failed ? "no-cache" : "max-age=0, private, must-revalidate",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    Vary: "Accept-Encoding",
    ...(failed ? { "X-Api-Schema": "json-error" } : {}),
    "X-Request-Id": randomUUID(),
  };
}

/** generate_credentials bodies come back with their keys sorted (recorded README). */
export function sortedKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function validateProperties(p: Record<string, unknown>): EmulatedResponse | undefined {
  for (const flag of ["all_buckets_read", "all_objects_read", "all_objects_write"]) if (p[flag] !== undefined && typeof p[flag] !== "boolean") return error(400, "invalid_argument", `properties.${flag} must be a boolean`);
  if (typeof p.name !== "string" || p.name.trim() === "") return error(422, "validation_error", "A validation error occurred with the object that was being created/updated/deleted", { errors: ["Name can't be blank"] });
  return undefined;
}

/** Without `Content-Type: application/json` Katapult ignores the body (docs/api/katapult.md#request-format). */
export function jsonOnly(req: EmulatedRequest): EmulatedRequest {
  return String(req.headers["content-type"] ?? "").startsWith("application/json") ? req : { ...req, body: undefined };
}

export const missingArgument = (description: string) => error(400, "missing_required_argument", description);
export const provisioningError = () => error(422, "object_storage_provisioning_error", "Provisioning is in progress. Please try again later.");

export function error(status: number, code: string, description: string, detail: Record<string, unknown> = {}): EmulatedResponse {
  return { status, body: { error: { code, description, detail } } };
}
