/**
 * Katapult object storage access key shapes: what users give us, what we send, what the API
 * answers. Wire facts: docs/api/katapult.md and Katapult's Core API v1
 * OpenAPI spec (emulator/katapult/object-storage.openapi.json).
 */
import { z } from "zod";
import { Assert, Same, StateOf, inputShape } from "../shared/fields";
import { accessKeyFields } from "./fields";
import type { ObjectStorageAccessKeyInputs, ObjectStorageAccessKeyOutputs } from "./types";

export type { ObjectStorageAccessKeyInputs as AccessKeyInputs, ObjectStorageAccessKeyOutputs as AccessKeyOutputs } from "./types";

/** Derived from the field table (fields.ts): the inputs `check` validates. */
export const keyInputs = z.object(inputShape(accessKeyFields));

/** The plain inputs and outputs (types.ts) are the table's: the build fails when one drifts. */
export type PublicTypesMatchSchemas = [
  Assert<Same<ObjectStorageAccessKeyInputs, z.infer<typeof keyInputs>>>,
  Assert<Same<ObjectStorageAccessKeyOutputs, StateOf<typeof accessKeyFields>>>,
];

// ---- wire shapes -------------------------------------------------------------------------

export const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  created_at: z.number().int(),
  region: z.string(),
  state: z.string(),
  all_buckets_read: z.boolean(),
  all_objects_read: z.boolean(),
  all_objects_write: z.boolean(),
  read_buckets: z.array(z.string()).nullish(),
  write_buckets: z.array(z.string()).nullish(),
  server_url: z.string().nullish(),
  s3_access_key_id: z.string().nullish(),
  s3_secret_access_key: z.string().nullish(),
});

export const apiKeyEnvelope = z.object({ object_storage_access_key: apiKey });

export const apiKeyPage = z.object({
  pagination: z.object({
    current_page: z.number().int(),
    // Nullable in the spec when `large_set` is true.
    total_pages: z.number().int().nullish(),
    total: z.number().int().nullish(),
    per_page: z.number().int(),
    large_set: z.boolean().optional(),
  }),
  object_storage_access_keys: z.array(apiKey),
});

export const apiDeleted = z.object({ success: z.boolean() });

export type ApiKey = z.infer<typeof apiKey>;

/** Organization lookup on the wire (`{id}` or `{sub_domain}`). */
export type OrganizationLookup = { id: string } | { sub_domain: string };

export interface AccessKeyProperties {
  name: string;
  all_buckets_read: boolean;
  all_objects_read: boolean;
  all_objects_write: boolean;
}

export interface AccessKeyCreateBody {
  organization: OrganizationLookup;
  object_storage_cluster: { region: string };
  properties: AccessKeyProperties;
}

/** PATCH requires `name` even when only flags change, so all four are always sent (docs/api/katapult.md#update-a-key). */
export interface AccessKeyUpdateBody {
  access_key: { id: string };
  properties: AccessKeyProperties;
}
