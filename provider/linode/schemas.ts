/**
 * Linode Object Storage key shapes: what users give us, what we send, what the API answers.
 * Wire facts: docs/api/linode.md.
 */
import { z } from "zod";
import { credentialToken, credentialUrl } from "../shared/credentials";
import { rotateAfterDaysInput, rotatedAtInput } from "../shared/rotation";

export const PERMISSIONS = ["read_only", "read_write"] as const;

export const bucketAccessInput = z.object({
  /** Bucket label: S3 rules, 3..63 characters. */
  bucketName: z.string().min(3, "bucket names are 3 to 63 characters").max(63, "bucket names are 3 to 63 characters"),
  region: z.string().min(1, "region is required"),
  permissions: z.enum(PERMISSIONS),
});

export const keyInputs = z.object({
  logicalName: z.string().optional(),
  autoNamed: z.boolean().optional(),
  // The Linode console enforces 3..50 characters (docs/api/linode.md#limits-and-validation).
  label: z.string().min(3, "label must be 3 to 50 characters").max(50, "label must be 3 to 50 characters"),
  // A limited key covers at most 25 buckets (docs/api/linode.md#limits-and-validation).
  bucketAccess: z.array(bucketAccessInput).max(25, "a limited key covers at most 25 buckets").optional(),
  regions: z.array(z.string().min(1, "region ids are non-empty")).optional(),
  existingKeyId: z.number().int().positive().optional(),
  // Another account's token and URL (`linode:token`, `linode:url`); a bare host gets /v4 (docs/api/linode.md#base-url-and-auth).
  credentials: z.object({ token: credentialToken("credentials.token"), url: credentialUrl("credentials.url", "/v4").optional() }).strict().optional(),
  rotateAfterDays: rotateAfterDaysInput,
  rotatedAt: rotatedAtInput,
});

export type BucketAccess = z.infer<typeof bucketAccessInput>;
export type ObjectStorageKeyInputs = z.infer<typeof keyInputs>;
export type LinodeCredentials = NonNullable<ObjectStorageKeyInputs["credentials"]>;

export interface RegionEndpoint {
  region: string;
  s3Endpoint: string;
  endpointType?: string;
}

export interface ObjectStorageKeyOutputs {
  logicalName?: string;
  autoNamed?: boolean;
  /** The program left `regions` unset (absent in state written by 0.1.0). */
  regionsFromCloud?: boolean;
  keyId: number;
  label: string;
  accessKey: string;
  /** Only known when this stack created the key (empty after adoption). */
  secretKey: string;
  limited: boolean;
  /** null for an unlimited key. */
  bucketAccess: BucketAccess[] | null;
  regions: string[];
  regionEndpoints: RegionEndpoint[];
  /** The resource's own credentials, so read and delete use them (ciphertext in state). */
  credentials?: LinodeCredentials;
  rotateAfterDays?: number;
  /** When the current secret was issued (ISO 8601); absent for adopted keys and 0.1.0 state (shared/rotation.ts). */
  rotatedAt?: string;
}

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
