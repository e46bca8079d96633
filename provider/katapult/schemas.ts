/**
 * Katapult object storage access key shapes: what users give us, what we send, what the API
 * answers. Wire facts: docs/api/katapult.md and Katapult's Core API v1
 * OpenAPI spec (emulator/katapult/object-storage.openapi.json).
 */
import { z } from "zod";
import { credentialToken, credentialUrl } from "../shared/credentials";
import { rotateAfterDaysInput, rotatedAtInput } from "../shared/rotation";

/** An organization, by id (`org_...`) or by sub-domain: exactly one (the API's lookups are mutually exclusive). */
export const organizationInput = z
  .object({
    id: z.string().min(1, "organization id must not be empty").optional(),
    subDomain: z.string().min(1, "organization subDomain must not be empty").optional(),
  })
  .strict()
  .refine((o) => (o.id === undefined) !== (o.subDomain === undefined), {
    message: "give exactly one of organization.id or organization.subDomain",
  });

export const keyInputs = z.object({
  logicalName: z.string().optional(),
  autoNamed: z.boolean().optional(),
  organization: organizationInput,
  region: z.string().min(1, "region must not be empty"),
  name: z.string().min(1, "name must not be empty"),
  allBucketsRead: z.boolean().default(false),
  allObjectsRead: z.boolean().default(false),
  allObjectsWrite: z.boolean().default(false),
  rotation: z.union([z.string(), z.number()]).optional(),
  // Key ids look like `objkey_` + 16 alphanumerics (docs/api/katapult.md#key-object); the prefix catches an S3 access
  // key id given by mistake.
  existingKeyId: z.string().regex(/^objkey_\w+$/, "existingKeyId is a Katapult key id such as objkey_AbC123..., not an S3 access key id").optional(),
  // Another account's API key and URL, named like `katapult:apiKey` and `katapult:apiUrl`.
  credentials: z.object({ apiKey: credentialToken("credentials.apiKey"), apiUrl: credentialUrl("credentials.apiUrl").optional() }).strict().optional(),
  rotateAfterDays: rotateAfterDaysInput,
  rotatedAt: rotatedAtInput,
});

export type OrganizationRef = z.infer<typeof organizationInput>;
export type AccessKeyInputs = z.infer<typeof keyInputs>;
export type KatapultCredentials = NonNullable<AccessKeyInputs["credentials"]>;

export interface AccessKeyOutputs {
  logicalName?: string;
  autoNamed?: boolean;
  organization: OrganizationRef;
  region: string;
  name: string;
  allBucketsRead: boolean;
  allObjectsRead: boolean;
  allObjectsWrite: boolean;
  rotation?: string | number;
  existingKeyId?: string;
  /** The resource's own credentials, so read and delete use them (ciphertext in state). */
  credentials?: KatapultCredentials;
  rotateAfterDays?: number;
  /** When the current credentials were issued (ISO 8601); absent for adopted keys and 0.1.0 state (shared/rotation.ts). */
  rotatedAt?: string;
  /** `pending` or `configured`. */
  state: string;
  /**
   * S3 access key id; empty when the key has no credentials. Absent, together with
   * `secretAccessKey`, only while a create that could not generate credentials awaits the next
   * `pulumi up` to finish it.
   */
  accessKeyId?: string;
  /** S3 secret: only ever known from a generate-credentials answer; empty for an adopted key. */
  secretAccessKey?: string;
  /** `host:port` as Katapult gives it, e.g. `uk-lon-1.katapultobjects.com:443`; empty until credentials exist. */
  serverUrl: string;
  /** `https://` + host of `serverUrl`, the endpoint S3 clients want; empty until credentials exist. */
  s3Endpoint: string;
  readBuckets: string[];
  writeBuckets: string[];
  /** ISO 8601 creation time. */
  createdAt: string;
}

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
