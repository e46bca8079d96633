/**
 * A Katapult access key as the emulator stores and renders it (docs/api/katapult.md#key-object):
 * wire fields plus who owns it and how long it stays `pending`.
 */
import type { EmulatedResponse } from "../types";

/** The access flags a create or PATCH may set. */
export const FLAGS = ["all_buckets_read", "all_objects_read", "all_objects_write"] as const;

/** A key in wire shape, plus who owns it and how long it stays `pending`. */
export interface StoredKey {
  id: string; organization_id: string; name: string; created_at: number; region: string;
  all_buckets_read: boolean; all_objects_read: boolean; all_objects_write: boolean;
  read_buckets: string[]; write_buckets: string[];
  server_url: string | null; s3_access_key_id: string | null; s3_secret_access_key: string | null;
  pendingUntil: number; rejectionsLeft: number;
  /** Until then the key shows `pending` though it takes calls (after credentials or a PATCH). */
  configuredAt: number;
}

export function ok(status: number, key: StoredKey, withSecret: boolean, state?: "pending"): EmulatedResponse {
  return { status, body: { object_storage_access_key: render(key, withSecret, state) } };
}

export function isPending(key: StoredKey): boolean {
  return key.rejectionsLeft > 0 || Date.now() < key.pendingUntil;
}

const stateOf = (key: StoredKey) => (isPending(key) || Date.now() < key.configuredAt ? "pending" : "configured");

/** The secret appears only in a generate_credentials answer. */
export function render(key: StoredKey, withSecret: boolean, state?: "pending"): Record<string, unknown> {
  const shown = state ?? stateOf(key);
  return {
    id: key.id, name: key.name, created_at: key.created_at, region: key.region, state: shown,
    all_buckets_read: key.all_buckets_read, all_objects_read: key.all_objects_read, all_objects_write: key.all_objects_write,
    read_buckets: key.all_objects_read ? [] : key.read_buckets, write_buckets: key.all_objects_write ? [] : key.write_buckets,
    server_url: key.server_url, s3_access_key_id: key.s3_access_key_id, s3_secret_access_key: withSecret ? key.s3_secret_access_key : null,
  };
}
