/**
 * The public types of `linode.ObjectStorageKey`, written out plainly for users' editors: no zod
 * and no table machinery, so they compile in any project (no `esModuleInterop` or
 * `skipLibCheck` needed). Each is held to the field table (fields.ts, schemas.ts) by a
 * compile-time check, and test/shared/public-types.test.ts holds their TSDoc to the table's.
 */
import type * as pulumi from "@pulumi/pulumi";

/** One bucket a limited key may use, and how. */
export interface BucketAccessArgs {
  /** Bucket label (3..63 characters). */
  bucketName: pulumi.Input<string>;
  /** Region id of the bucket, e.g. `us-east`. */
  region: pulumi.Input<string>;
  /** `read_only` or `read_write`. */
  permissions: pulumi.Input<"read_only" | "read_write">;
}

/** A bucket permission of a limited key, as the outputs hold it. */
export interface BucketAccess {
  bucketName: string;
  region: string;
  permissions: "read_only" | "read_write";
}

/** Another Linode account's API access, named like the `linode:token` and `linode:url` settings. */
export interface LinodeCredentialsArgs {
  /** Personal access token with `object_storage:read_write`. */
  token: pulumi.Input<string>;
  /** API URL; a bare host gets `/v4`. Default: `linode:url`, else LINODE_URL, else `https://api.linode.com/v4`. */
  url?: pulumi.Input<string>;
}

/** `credentials` as checked and stored (a secret). */
export type LinodeCredentials = {
  token: string;
  url?: string;
};

/** A region the key works in and its S3 endpoint. */
export interface RegionEndpoint {
  region: string;
  s3Endpoint: string;
  endpointType?: string;
}

/** The arguments of `ObjectStorageKey`. */
export interface ObjectStorageKeyArgs {
  /** Key label, 3..50 characters. Default: the resource name plus a random suffix. Updates in place. */
  label?: pulumi.Input<string>;
  /**
   * Makes the key a limited key with access to exactly these buckets (at most 25). Omit for an
   * unlimited key; an empty list makes a limited key with no bucket access. Changing it replaces
   * the key (Linode cannot change bucket access after creation). As an output: the bucket
   * permissions of a limited key, null for an unlimited key.
   */
  bucketAccess?: pulumi.Input<pulumi.Input<BucketAccessArgs>[]>;
  /** Regions the key works in. Bucket regions are always included. Updates in place. As an output: region ids, sorted. */
  regions?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Adopt an existing key (by numeric id) instead of creating one. Its secret cannot be read
   * back, so `secretKey` is empty for an adopted key. Pulumi's `import` option cannot work for
   * dynamic resources; this is the way to bring a key under management.
   */
  existingKeyId?: pulumi.Input<number>;
  /**
   * The account to manage this key in, for several accounts in one stack. Default: the
   * `linode:token` / `linode:url` settings. Always stored as a secret (you need not call
   * `pulumi.secret`). Changing it calls no API: the new token is used from then on, by refresh and
   * destroy too.
   */
  credentials?: pulumi.Input<LinodeCredentialsArgs>;
  /**
   * Rotate the secret on a schedule: once this many days (fractions allowed) have passed since
   * `rotatedAt`, the next `pulumi preview` shows the rotation and `pulumi up` does it. Linode cannot reissue a secret, so this replaces the key: the new key is created first, dependents are updated, then the old key is deleted. Meant
   * for a scheduled `pulumi up` (e.g. nightly CI). Setting or changing it rotates nothing that
   * is not due; a refresh never rotates. No effect while `existingKeyId` is set.
   */
  rotateAfterDays?: pulumi.Input<number>;
  /**
   * Keep the previous key working for this many hours (fractions allowed) after a scheduled
   * rotation, instead of deleting it in the same `pulumi up`. The rotation then creates the new key
   * in place (the resource id stays), records the old one as `previousKeyId` / `previousAccessKey`
   * / `previousSecretKey`, and the first `pulumi up` after `previousExpiresAt` deletes it
   * (docs/rotation-overlap.md). Unset: a rotation replaces the key, as without it.
   */
  keepPreviousForHours?: pulumi.Input<number>;
}

/** Optional state for `ObjectStorageKey.get`: the arguments that find and read the key. */
export interface ObjectStorageKeyState {
  /**
   * The account to manage this key in, for several accounts in one stack. Default: the
   * `linode:token` / `linode:url` settings. Always stored as a secret (you need not call
   * `pulumi.secret`). Changing it calls no API: the new token is used from then on, by refresh and
   * destroy too.
   */
  credentials?: pulumi.Input<LinodeCredentialsArgs>;
}

/** The output properties of an `ObjectStorageKey`. */
export interface ObjectStorageKeyProperties {
  /** Key label, 3..50 characters. Default: the resource name plus a random suffix. Updates in place. */
  readonly label: pulumi.Output<string>;
  /**
   * Makes the key a limited key with access to exactly these buckets (at most 25). Omit for an
   * unlimited key; an empty list makes a limited key with no bucket access. Changing it replaces
   * the key (Linode cannot change bucket access after creation). As an output: the bucket
   * permissions of a limited key, null for an unlimited key.
   */
  readonly bucketAccess: pulumi.Output<BucketAccess[] | null>;
  /** Regions the key works in. Bucket regions are always included. Updates in place. As an output: region ids, sorted. */
  readonly regions: pulumi.Output<string[]>;
  /**
   * Rotate the secret on a schedule: once this many days (fractions allowed) have passed since
   * `rotatedAt`, the next `pulumi preview` shows the rotation and `pulumi up` does it. Linode cannot reissue a secret, so this replaces the key: the new key is created first, dependents are updated, then the old key is deleted. Meant
   * for a scheduled `pulumi up` (e.g. nightly CI). Setting or changing it rotates nothing that
   * is not due; a refresh never rotates. No effect while `existingKeyId` is set.
   */
  readonly rotateAfterDays: pulumi.Output<number | undefined>;
  /**
   * When the current secret was issued (ISO 8601): at create or at the last rotation, stamped by
   * `check` (shared/rotation.ts). Unset for adopted keys and state written by 0.1.0.
   */
  readonly rotatedAt: pulumi.Output<string | undefined>;
  /**
   * Keep the previous key working for this many hours (fractions allowed) after a scheduled
   * rotation, instead of deleting it in the same `pulumi up`. The rotation then creates the new key
   * in place (the resource id stays), records the old one as `previousKeyId` / `previousAccessKey`
   * / `previousSecretKey`, and the first `pulumi up` after `previousExpiresAt` deletes it
   * (docs/rotation-overlap.md). Unset: a rotation replaces the key, as without it.
   */
  readonly keepPreviousForHours: pulumi.Output<number | undefined>;
  /** When the previous key stops being kept (ISO 8601), stamped by `check` at the rotation; unset when there is none. */
  readonly previousExpiresAt: pulumi.Output<string | undefined>;
  /**
   * Numeric id of the current key: the resource id as a number, until a rotation that keeps the
   * previous key (`keepPreviousForHours`) makes a new current key in place.
   */
  readonly keyId: pulumi.Output<number>;
  /** S3 access key id. Not secret. */
  readonly accessKey: pulumi.Output<string>;
  /** S3 secret key: a Pulumi secret. Only known when this stack created the key: empty for an adopted or looked-up key. */
  readonly secretKey: pulumi.Output<string>;
  /** Numeric id of the previous key during an overlap (`keepPreviousForHours`); unset otherwise. */
  readonly previousKeyId: pulumi.Output<number | undefined>;
  /** The previous key's S3 access key id during an overlap; unset otherwise. */
  readonly previousAccessKey: pulumi.Output<string | undefined>;
  /** The previous key's S3 secret key during an overlap: a Pulumi secret; unset otherwise. */
  readonly previousSecretKey: pulumi.Output<string | undefined>;
  /** True when the key is limited to `bucketAccess`. */
  readonly limited: pulumi.Output<boolean>;
  /** The S3 endpoint (hostname) for each region. */
  readonly regionEndpoints: pulumi.Output<RegionEndpoint[]>;
}

/** The inputs as `check` returns them (validated, defaults filled in): what the provider receives. */
export type ObjectStorageKeyInputs = {
  logicalName?: string;
  autoNamed?: boolean;
  label: string;
  bucketAccess?: BucketAccess[];
  regions?: string[];
  existingKeyId?: number;
  credentials?: LinodeCredentials;
  rotateAfterDays?: number;
  rotatedAt?: string;
  keepPreviousForHours?: number;
  previousExpiresAt?: string;
};

/** The outputs as stored in the state. */
export interface ObjectStorageKeyOutputs {
  logicalName?: string;
  autoNamed?: boolean;
  label: string;
  bucketAccess: BucketAccess[] | null;
  regions: string[];
  credentials?: LinodeCredentials;
  rotateAfterDays?: number;
  rotatedAt?: string;
  keepPreviousForHours?: number;
  previousExpiresAt?: string;
  /** The program left `regions` unset (absent in state written by 0.1.0). */
  regionsFromCloud?: boolean;
  /** A fingerprint of the token the key was made, adopted or last updated with; absent in older state. */
  tokenFingerprint?: string;
  keyId: number;
  accessKey: string;
  secretKey: string;
  previousKeyId?: number;
  previousAccessKey?: string;
  previousSecretKey?: string;
  limited: boolean;
  regionEndpoints: RegionEndpoint[];
}
