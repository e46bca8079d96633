/**
 * What Linode puts around every answer, from the linodego cassettes in
 * ../shared/api/recorded/linode (2026): region objects, rate-limit budgets and headers, the
 * fixed headers, and Python-style JSON (`{"errors": [{"reason": ...}]}`, whose recorded
 * Content-Length counts the spaces).
 */
import { RateBudget, RateLimitState } from "../types";

interface Region { endpoints: { s3_endpoint: string; endpoint_type: string }[]; cluster: string }

const e = (host: string, type: string) => ({ s3_endpoint: `${host}.linodeobjects.com`, endpoint_type: type });
/** Legacy (E0) regions keep a cluster id like `us-east-1` in bucket_access; newer ones send "". */
const legacy = (id: string): Region => ({ endpoints: [e(`${id}-1`, "E0")], cluster: `${id}-1` });
const newer = (id: string, ...extra: [string, string][]): Region => ({ endpoints: [e(`${id}-1`, "E1"), ...extra.map(([h, t]) => e(h, t))], cluster: "" });

/** Regions as TestObjectStorageKey_GetFound lists them (us-lax and us-ord with a second, E3 endpoint), plus au-mel (E2). */
export const LINODE_REGIONS: Record<string, Region> = {
  "ap-south": legacy("ap-south"), "br-gru": newer("br-gru"), "es-mad": newer("es-mad"), "eu-central": legacy("eu-central"),
  "fr-par": newer("fr-par"), "id-cgk": newer("id-cgk"), "in-maa": newer("in-maa"), "it-mil": newer("it-mil"),
  "jp-osa": newer("jp-osa"), "nl-ams": newer("nl-ams"), "se-sto": newer("se-sto"), "us-east": legacy("us-east"),
  "us-iad": newer("us-iad"), "us-lax": newer("us-lax", ["us-lax-4", "E3"]), "us-mia": newer("us-mia"),
  "us-ord": newer("us-ord", ["us-ord-10", "E3"]), "us-sea": newer("us-sea"), "us-southeast": legacy("us-southeast"),
  "au-mel": { endpoints: [e("au-mel-1", "E2")], cluster: "" },
};

/** What an unlimited key created without `regions` covers (GetFound: every region but au-mel). */
export const UNLIMITED_REGIONS = Object.keys(LINODE_REGIONS).filter((r) => r !== "au-mel");

export function regionObjects(regions: string[]): { id: string; s3_endpoint: string; endpoint_type: string }[] {
  return regions.flatMap((id) => (LINODE_REGIONS[id]?.endpoints ?? [e(`${id}-1`, "E1")]).map((ep) => ({ id, ...ep })));
}

/** Recorded X-Ratelimit-Limit: 60 for key POST/PUT/DELETE, 1840 for GET and list (2026); one-minute windows. */
export const LINODE_BUDGETS: Record<string, RateBudget> = {
  read: { limit: 1840, windowMs: 60_000 },
  write: { limit: 60, windowMs: 60_000 },
};

/** Spelled as Linode's API docs spell them (the cassettes show Go's canonical `X-Ratelimit-*`). */
export function linodeRateHeaders(limit: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(limit.limit),
    "X-RateLimit-Remaining": String(Math.max(0, limit.remaining)),
    "X-RateLimit-Reset": String(Math.ceil(limit.resetAt / 1000)),
  };
}

/** The fixed headers of the recorded answers; errors carry fewer (GetMissing has no CORS credentials or CSP). */
export function linodeHeaders(method: string, status: number): Record<string, string> {
  const ok = status < 400;
  return {
    "Access-Control-Allow-Headers": "Authorization, Origin, X-Requested-With, Content-Type, Accept, X-Filter",
    "Access-Control-Allow-Methods": "HEAD, GET, OPTIONS, POST, PUT, DELETE",
    "Access-Control-Allow-Origin": "*",
    ...(ok ? { "Access-Control-Allow-Credentials": "true", "Access-Control-Expose-Headers": "X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Status", "Content-Security-Policy": "default-src 'none'", "X-Content-Type-Options": "nosniff", "X-XSS-Protection": "1; mode=block" } : {}),
    "Cache-Control": "max-age=0, no-cache, no-store",
    Pragma: "no-cache",
    "Strict-Transport-Security": "max-age=31536000",
    ...(status === 429 ? {} : { Vary: "Authorization, X-Filter" }),
    "X-Accepted-OAuth-Scopes": method === "GET" ? "object_storage:read_only" : "object_storage:read_write",
    "X-Frame-Options": "DENY",
    "X-OAuth-Scopes": "*",
  };
}

/** JSON as Linode writes it: `", "` and `": "` separators, keys in insertion order. */
export function linodeJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(linodeJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${linodeJson(v)}`).join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
