/**
 * `linode.ObjectStorageKey`: a Linode Object Storage access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { outputSlots, secretCredentials, secretOutputNames } from "../shared/resource";
import { shimProvider } from "../shared/shim";
import type { BucketAccess, ObjectStorageKeyInputs, ObjectStorageKeyOutputs, RegionEndpoint } from "./schemas";

/** The provider object every `linode.ObjectStorageKey` uses (a thin shim; see shared/shim.ts). */
export const objectStorageKeyProvider = shimProvider<ObjectStorageKeyInputs, ObjectStorageKeyOutputs>("linode:ObjectStorageKey");

export interface BucketAccessArgs {
  /** Bucket label (3..63 characters). */
  bucketName: pulumi.Input<string>;
  /** Region id of the bucket, e.g. `us-east`. */
  region: pulumi.Input<string>;
  /** `read_only` or `read_write`. */
  permissions: pulumi.Input<"read_only" | "read_write">;
}

/** Another Linode account's API access, named like the `linode:token` and `linode:url` settings. */
export interface LinodeCredentialsArgs {
  /** Personal access token with `object_storage:read_write`. */
  token: pulumi.Input<string>;
  /** API URL; a bare host gets `/v4`. Default: `linode:url`, else LINODE_URL, else `https://api.linode.com/v4`. */
  url?: pulumi.Input<string>;
}

/** Optional state for `ObjectStorageKey.get`. */
export interface ObjectStorageKeyState {
  /** The account the key belongs to. Default: the settings. */
  credentials?: pulumi.Input<LinodeCredentialsArgs>;
}

export interface ObjectStorageKeyArgs {
  /** Key label, 3..50 characters. Default: the resource name plus a random suffix. Updates in place. */
  label?: pulumi.Input<string>;
  /**
   * Makes the key a limited key with access to exactly these buckets (at most 25). Omit for an
   * unlimited key; an empty list makes a limited key with no bucket access. Changing it replaces
   * the key (Linode cannot change bucket access after creation).
   */
  bucketAccess?: pulumi.Input<pulumi.Input<BucketAccessArgs>[]>;
  /** Regions the key works in. Bucket regions are always included. Updates in place. */
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
}

const OUTPUTS = ["keyId", "accessKey", "secretKey", "limited", "regionEndpoints", "rotatedAt"] as const;

export class ObjectStorageKey extends pulumi.dynamic.Resource {
  /** Numeric key id (the resource id is the same number as a string). */
  declare readonly keyId: pulumi.Output<number>;
  /** Key label. */
  declare readonly label: pulumi.Output<string>;
  /** S3 access key id. Not secret. */
  declare readonly accessKey: pulumi.Output<string>;
  /** S3 secret key: a Pulumi secret. Empty for an adopted or looked-up key. */
  declare readonly secretKey: pulumi.Output<string>;
  /** True when the key is limited to `bucketAccess`. */
  declare readonly limited: pulumi.Output<boolean>;
  /** Bucket permissions of a limited key; null for an unlimited key. */
  declare readonly bucketAccess: pulumi.Output<BucketAccess[] | null>;
  /** Region ids the key works in (sorted). */
  declare readonly regions: pulumi.Output<string[]>;
  /** The S3 endpoint (hostname) for each region. */
  declare readonly regionEndpoints: pulumi.Output<RegionEndpoint[]>;
  /** Days after `rotatedAt` when the secret is rotated; unset: never on a schedule. */
  declare readonly rotateAfterDays: pulumi.Output<number | undefined>;
  /** When the current secret was issued (ISO 8601): at create or at the last rotation. Unset for adopted keys. */
  declare readonly rotatedAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: ObjectStorageKeyArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    super(
      objectStorageKeyProvider,
      name,
      {
        logicalName: name, label: undefined, bucketAccess: undefined, regions: undefined, rotateAfterDays: undefined,
        ...args, credentials: secretCredentials(args.credentials), ...outputSlots(OUTPUTS),
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: secretOutputNames(["secretKey"], args) }),
      "linode",
      "ObjectStorageKey",
    );
  }

  /** Looks up an existing key without managing it, in `state.credentials`' account. Its secret is not available. */
  static get(name: string, id: pulumi.Input<string>, state: ObjectStorageKeyState = {}, opts: pulumi.CustomResourceOptions = {}): ObjectStorageKey {
    return new ObjectStorageKey(name, { credentials: state.credentials }, { ...opts, id });
  }
}
