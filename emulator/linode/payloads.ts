/**
 * Linode's payload rules and error bodies (docs/api/linode.md): label and region checks, the
 * bucket_access entries as recorded, and `{errors: [{reason, field}]}`.
 */
import type { EmulatedResponse } from "../types";
import { LINODE_REGIONS } from "./wire";

/** A bucket grant as stored and rendered. */
export interface BucketAccess { cluster: string; bucket_name: string; permissions: string; region: string }

/** Recorded key order; `cluster` is the legacy cluster id, "" in newer regions (Regional_Limited). */
export function bucketAccess(b: { bucket_name: string; region: string; permissions: string; cluster?: string }): BucketAccess {
  return { cluster: b.cluster ?? LINODE_REGIONS[b.region]?.cluster ?? "", bucket_name: b.bucket_name, permissions: b.permissions, region: b.region };
}

export function validateCreate(body: Record<string, unknown>): EmulatedResponse | undefined {
  if (typeof body.label !== "string" || body.label.length < 3 || body.label.length > 50) {
    return error(400, "Length must be 3-50 characters", "label");
  }
  if (body.regions !== undefined) {
    const bad = checkRegions(body.regions);
    if (bad) return bad;
  }
  if (body.bucket_access !== undefined) {
    if (!Array.isArray(body.bucket_access)) return error(400, "Must be a list", "bucket_access");
    if (body.bucket_access.length > 25) return error(400, "A limited key can access at most 25 buckets", "bucket_access");
    for (const [i, b] of (body.bucket_access as Record<string, unknown>[]).entries()) {
      if (typeof b.bucket_name !== "string" || !b.bucket_name) return error(400, "bucket_name is required", `bucket_access[${i}].bucket_name`);
      if (typeof b.region !== "string" || !(b.region in LINODE_REGIONS)) return error(400, "Region is not valid", `bucket_access[${i}].region`);
      if (b.permissions !== "read_only" && b.permissions !== "read_write") {
        return error(400, "Must be one of read_only, read_write", `bucket_access[${i}].permissions`);
      }
    }
  }
  return undefined;
}

export function checkRegions(regions: unknown): EmulatedResponse | undefined {
  if (!Array.isArray(regions)) return error(400, "Must be a list", "regions");
  const bad = regions.find((r) => typeof r !== "string" || !(r in LINODE_REGIONS));
  return bad === undefined ? undefined : error(400, `Region ${JSON.stringify(bad)} is not valid`, "regions");
}

export function error(status: number, reason: string, field?: string): EmulatedResponse {
  return { status, body: { errors: [field ? { reason, field } : { reason }] } };
}

export function defaultReason(status: number): string {
  if (status === 404) return "Not found";
  if (status === 429) return "Too many requests";
  if (status >= 500) return "Unable to complete the request at this time";
  return "Request failed";
}
