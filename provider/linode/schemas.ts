/**
 * Linode Object Storage key shapes: what users give us, what we send, what the API answers.
 * Wire facts: docs/api/linode.md.
 */
import { z } from "zod";
import { Assert, Same, StateOf, inputShape } from "../shared/fields";
import { PERMISSIONS, objectStorageKeyFields } from "./fields";
import type { ObjectStorageKeyInputs, ObjectStorageKeyOutputs } from "./types";

export type { ObjectStorageKeyInputs, ObjectStorageKeyOutputs, RegionEndpoint } from "./types";

/** Derived from the field table (fields.ts): the inputs `check` validates. */
export const keyInputs = z.object(inputShape(objectStorageKeyFields));

/** The plain inputs and outputs (types.ts) are the table's: the build fails when one drifts. */
export type PublicTypesMatchSchemas = [
  Assert<Same<ObjectStorageKeyInputs, z.infer<typeof keyInputs>>>,
  Assert<Same<ObjectStorageKeyOutputs, StateOf<typeof objectStorageKeyFields>>>,
];

// ---- wire shapes -------------------------------------------------------------------------

export const apiBucketAccess = z.object({
  bucket_name: z.string(),
  // `region` in newer regions; legacy keys may carry only `cluster` (never diff on cluster).
  region: z.string().nullish(),
  cluster: z.string().nullish(),
  permissions: z.enum(PERMISSIONS),
});

export const apiKey = z.object({
  id: z.number().int(),
  label: z.string(),
  access_key: z.string(),
  secret_key: z.string(),
  limited: z.boolean(),
  bucket_access: z.array(apiBucketAccess).nullish(),
  regions: z
    .array(z.object({ id: z.string(), s3_endpoint: z.string().nullish(), endpoint_type: z.string().nullish() }))
    .nullish(),
});

export const apiKeyPage = z.object({
  data: z.array(apiKey),
  page: z.number().int(),
  pages: z.number().int(),
  results: z.number().int(),
});

export const apiEmpty = z.object({}).passthrough();

export type ApiKey = z.infer<typeof apiKey>;
export type ApiKeyPage = z.infer<typeof apiKeyPage>;

export interface ObjectStorageKeyCreateBody {
  label: string;
  regions?: string[];
  bucket_access?: { bucket_name: string; region: string; permissions: string }[];
}

export interface ObjectStorageKeyUpdateBody {
  label?: string;
  regions?: string[];
}
