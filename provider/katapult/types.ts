/**
 * The public types of `katapult.ObjectStorageAccessKey`, written out plainly for users' editors:
 * no zod and no table machinery, so they compile in any project (no `esModuleInterop` or
 * `skipLibCheck` needed). Each is held to the field table (fields.ts, schemas.ts) by a
 * compile-time check, and test/shared/public-types.test.ts holds their TSDoc to the table's.
 */
import type * as pulumi from "@pulumi/pulumi";

/** An organization, by id or by sub-domain: give exactly one. */
export interface OrganizationArgs {
  /** Organization id, e.g. `org_AbC123...`. Give this or `subDomain`, not both. */
  id?: pulumi.Input<string>;
  /** Organization sub-domain, e.g. `acme`. Give this or `id`, not both. */
  subDomain?: pulumi.Input<string>;
}

/** The organization as checked and stored: `{ id }` or `{ subDomain }`. */
export type OrganizationRef = {
  id?: string;
  subDomain?: string;
};

/** Another Katapult account's API access, named like the `katapult:apiKey` and `katapult:apiUrl` settings. */
export interface KatapultCredentialsArgs {
  /** Katapult API token. */
  apiKey: pulumi.Input<string>;
  /** API URL. Default: `katapult:apiUrl`, else KATAPULT_API_URL, else `https://api.katapult.io/core/v1`. */
  apiUrl?: pulumi.Input<string>;
}

/** `credentials` as checked and stored (a secret). */
export type KatapultCredentials = {
  apiKey: string;
  apiUrl?: string;
};

/** The arguments of `ObjectStorageAccessKey`. */
export interface ObjectStorageAccessKeyArgs {
  /**
   * The organization that owns the key. Default: stack config `katapult:organization` or the
   * KATAPULT_ORGANIZATION environment variable (a value starting `org_` is an id, anything else
   * a sub-domain). Changing it replaces the key. As an output: as given (`{id}` or `{subDomain}`).
   */
  organization?: pulumi.Input<OrganizationArgs>;
  /**
   * Object storage region, e.g. `uk-lon-1`. Default: `katapult:region` / KATAPULT_REGION, else
   * `uk-lon-1` (Katapult's only object storage region). Changing it replaces the key.
   */
  region?: pulumi.Input<string>;
  /** Key name. Default: the resource name plus a random suffix. Updates in place. */
  name?: pulumi.Input<string>;
  /** Global access to list all buckets (some S3 clients need it to connect). Default false. Updates in place. */
  allBucketsRead?: pulumi.Input<boolean>;
  /** Global read access to objects in all buckets. Default false. Updates in place. */
  allObjectsRead?: pulumi.Input<boolean>;
  /** Global write access (create and delete objects) in all buckets. Default false. Updates in place. */
  allObjectsWrite?: pulumi.Input<boolean>;
  /**
   * Any value; setting or changing it generates new S3 credentials for the same key, in place
   * (the old secret stops working), or, with `keepPreviousForHours`, a second key that keeps the
   * old one working for that long. E.g. a date, or a counter you bump.
   */
  rotation?: pulumi.Input<string | number>;
  /**
   * Adopt an existing key (`objkey_...`) instead of creating one. Pulumi's `import` option cannot
   * work for dynamic resources; this is the way to bring a key under management. Its secret cannot
   * be read back, so `secretAccessKey` stays empty until `rotation` is set or changed.
   */
  existingKeyId?: pulumi.Input<string>;
  /**
   * The account to manage this key with, for several accounts in one stack. Default: the
   * `katapult:apiKey` / `katapult:apiUrl` settings. Always stored as a secret (you need not call
   * `pulumi.secret`). Changing it calls no API: the new key is used from then on, by refresh and
   * destroy too.
   */
  credentials?: pulumi.Input<KatapultCredentialsArgs>;
  /**
   * Rotate the secret on a schedule: once this many days (fractions allowed) have passed since
   * `rotatedAt`, the next `pulumi preview` shows the rotation and `pulumi up` does it. New credentials are generated for the same key, in place, as with `rotation` (with `keepPreviousForHours`: a second key). Meant
   * for a scheduled `pulumi up` (e.g. nightly CI). Setting or changing it rotates nothing that
   * is not due; a refresh never rotates. No effect while `existingKeyId` is set.
   */
  rotateAfterDays?: pulumi.Input<number>;
  /**
   * Keep the previous secret working for this many hours (fractions allowed) after a rotation (a
   * due `rotateAfterDays` or a `rotation` change), instead of regenerating credentials in place.
   * The rotation then creates a second key with the same name and flags in the same resource (the
   * resource id stays; `keyId` names the new key), records the old one as `previousKeyId` /
   * `previousAccessKeyId` / `previousSecretAccessKey`, and the first `pulumi up` after
   * `previousExpiresAt` deletes it (docs/rotation-overlap.md). Refused while the key has bucket
   * ACL grants (`readBuckets` / `writeBuckets`), which a new key would not have. Unset: credentials
   * are regenerated in place, as without it.
   */
  keepPreviousForHours?: pulumi.Input<number>;
}

/** Optional state for `ObjectStorageAccessKey.get`: the arguments that find and read the key. */
export interface ObjectStorageAccessKeyState {
  /**
   * The organization that owns the key. Default: stack config `katapult:organization` or the
   * KATAPULT_ORGANIZATION environment variable (a value starting `org_` is an id, anything else
   * a sub-domain). Changing it replaces the key. As an output: as given (`{id}` or `{subDomain}`).
   */
  organization?: pulumi.Input<OrganizationArgs>;
  /**
   * The account to manage this key with, for several accounts in one stack. Default: the
   * `katapult:apiKey` / `katapult:apiUrl` settings. Always stored as a secret (you need not call
   * `pulumi.secret`). Changing it calls no API: the new key is used from then on, by refresh and
   * destroy too.
   */
  credentials?: pulumi.Input<KatapultCredentialsArgs>;
}

/** The output properties of an `ObjectStorageAccessKey`. */
export interface ObjectStorageAccessKeyProperties {
  /**
   * The organization that owns the key. Default: stack config `katapult:organization` or the
   * KATAPULT_ORGANIZATION environment variable (a value starting `org_` is an id, anything else
   * a sub-domain). Changing it replaces the key. As an output: as given (`{id}` or `{subDomain}`).
   */
  readonly organization: pulumi.Output<OrganizationRef>;
  /**
   * Object storage region, e.g. `uk-lon-1`. Default: `katapult:region` / KATAPULT_REGION, else
   * `uk-lon-1` (Katapult's only object storage region). Changing it replaces the key.
   */
  readonly region: pulumi.Output<string>;
  /** Key name. Default: the resource name plus a random suffix. Updates in place. */
  readonly name: pulumi.Output<string>;
  /** Global access to list all buckets (some S3 clients need it to connect). Default false. Updates in place. */
  readonly allBucketsRead: pulumi.Output<boolean>;
  /** Global read access to objects in all buckets. Default false. Updates in place. */
  readonly allObjectsRead: pulumi.Output<boolean>;
  /** Global write access (create and delete objects) in all buckets. Default false. Updates in place. */
  readonly allObjectsWrite: pulumi.Output<boolean>;
  /**
   * Any value; setting or changing it generates new S3 credentials for the same key, in place
   * (the old secret stops working), or, with `keepPreviousForHours`, a second key that keeps the
   * old one working for that long. E.g. a date, or a counter you bump.
   */
  readonly rotation: pulumi.Output<string | number | undefined>;
  /**
   * Adopt an existing key (`objkey_...`) instead of creating one. Pulumi's `import` option cannot
   * work for dynamic resources; this is the way to bring a key under management. Its secret cannot
   * be read back, so `secretAccessKey` stays empty until `rotation` is set or changed.
   */
  readonly existingKeyId: pulumi.Output<string | undefined>;
  /**
   * Rotate the secret on a schedule: once this many days (fractions allowed) have passed since
   * `rotatedAt`, the next `pulumi preview` shows the rotation and `pulumi up` does it. New credentials are generated for the same key, in place, as with `rotation` (with `keepPreviousForHours`: a second key). Meant
   * for a scheduled `pulumi up` (e.g. nightly CI). Setting or changing it rotates nothing that
   * is not due; a refresh never rotates. No effect while `existingKeyId` is set.
   */
  readonly rotateAfterDays: pulumi.Output<number | undefined>;
  /**
   * When the current credentials were issued (ISO 8601): at create or at the last rotation, stamped
   * by `check` (shared/rotation.ts). Unset for adopted keys and state written by 0.1.0.
   */
  readonly rotatedAt: pulumi.Output<string | undefined>;
  /**
   * Keep the previous secret working for this many hours (fractions allowed) after a rotation (a
   * due `rotateAfterDays` or a `rotation` change), instead of regenerating credentials in place.
   * The rotation then creates a second key with the same name and flags in the same resource (the
   * resource id stays; `keyId` names the new key), records the old one as `previousKeyId` /
   * `previousAccessKeyId` / `previousSecretAccessKey`, and the first `pulumi up` after
   * `previousExpiresAt` deletes it (docs/rotation-overlap.md). Refused while the key has bucket
   * ACL grants (`readBuckets` / `writeBuckets`), which a new key would not have. Unset: credentials
   * are regenerated in place, as without it.
   */
  readonly keepPreviousForHours: pulumi.Output<number | undefined>;
  /** When the previous key stops being kept (ISO 8601), stamped by `check` at the rotation; unset when there is none. */
  readonly previousExpiresAt: pulumi.Output<string | undefined>;
  /** `configured` once Katapult has applied the credentials (waited for after issuing them, unless `katapult:waitUntilConfigured` is false); `pending` while it works. */
  readonly state: pulumi.Output<string>;
  /**
   * S3 access key id. Not secret. Empty when the key has no credentials; absent from the state,
   * together with `secretAccessKey`, only while a create that could not generate credentials
   * awaits the next `pulumi up` to finish it.
   */
  readonly accessKeyId: pulumi.Output<string>;
  /**
   * S3 secret access key: a Pulumi secret. Only ever known from a generate-credentials answer:
   * empty for an adopted key until `rotation` changes.
   */
  readonly secretAccessKey: pulumi.Output<string>;
  /** `host:port` as Katapult gives it, e.g. `uk-lon-1.katapultobjects.com:443`; empty until credentials exist. */
  readonly serverUrl: pulumi.Output<string>;
  /** The S3 endpoint URL, e.g. `https://uk-lon-1.katapultobjects.com`; empty until credentials exist. */
  readonly s3Endpoint: pulumi.Output<string>;
  /** Buckets this key can read through bucket ACLs (empty when `allObjectsRead`). Output only. */
  readonly readBuckets: pulumi.Output<string[]>;
  /** Buckets this key can write through bucket ACLs (empty when `allObjectsWrite`). Output only. */
  readonly writeBuckets: pulumi.Output<string[]>;
  /** ISO 8601 creation time. */
  readonly createdAt: pulumi.Output<string>;
  /**
   * The id (`objkey_...`) of the key in use once a rotation that keeps the previous key made a
   * second key (the resource id stays the first key's); unset while the key in use is the resource id.
   */
  readonly keyId: pulumi.Output<string | undefined>;
  /** The previous key's id (`objkey_...`) during an overlap (`keepPreviousForHours`); unset otherwise. */
  readonly previousKeyId: pulumi.Output<string | undefined>;
  /** The previous key's S3 access key id during an overlap; unset otherwise. Not secret. */
  readonly previousAccessKeyId: pulumi.Output<string | undefined>;
  /** The previous key's S3 secret access key during an overlap: a Pulumi secret; unset otherwise. */
  readonly previousSecretAccessKey: pulumi.Output<string | undefined>;
}

/** The inputs as `check` returns them (validated, defaults filled in): what the provider receives. */
export type ObjectStorageAccessKeyInputs = {
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
  credentials?: KatapultCredentials;
  rotateAfterDays?: number;
  rotatedAt?: string;
  keepPreviousForHours?: number;
  previousExpiresAt?: string;
};

/** The outputs as stored in the state: every checked input, as checked, plus what the cloud says. */
export interface ObjectStorageAccessKeyOutputs extends ObjectStorageAccessKeyInputs {
  state: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  serverUrl: string;
  s3Endpoint: string;
  readBuckets: string[];
  writeBuckets: string[];
  createdAt: string;
  keyId?: string;
  previousKeyId?: string;
  previousAccessKeyId?: string;
  previousSecretAccessKey?: string;
  /** The stored secret no longer works (another access key id seen by a refresh); the next `up` generates new credentials. */
  secretRevoked?: boolean;
}
