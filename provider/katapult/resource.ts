/**
 * `katapult.ObjectStorageAccessKey`: a Katapult object storage access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { outputSlots, secretCredentials, secretOutputNames } from "../shared/resource";
import { shimProvider } from "../shared/shim";
import type { AccessKeyInputs, AccessKeyOutputs, OrganizationRef } from "./schemas";

/** The provider object every `katapult.ObjectStorageAccessKey` uses (a thin shim; see shared/shim.ts). */
export const objectStorageAccessKeyProvider = shimProvider<AccessKeyInputs, AccessKeyOutputs>("katapult:ObjectStorageAccessKey");

export interface OrganizationArgs {
  /** Organization id, e.g. `org_AbC123...`. Give this or `subDomain`, not both. */
  id?: pulumi.Input<string>;
  /** Organization sub-domain, e.g. `acme`. Give this or `id`, not both. */
  subDomain?: pulumi.Input<string>;
}

/** Another Katapult account's API access, named like the `katapult:apiKey` and `katapult:apiUrl` settings. */
export interface KatapultCredentialsArgs {
  /** Katapult API token. */
  apiKey: pulumi.Input<string>;
  /** API URL. Default: `katapult:apiUrl`, else KATAPULT_API_URL, else `https://api.katapult.io/core/v1`. */
  apiUrl?: pulumi.Input<string>;
}

/** Optional state for `ObjectStorageAccessKey.get`. */
export interface ObjectStorageAccessKeyState {
  /** The organization the key belongs to (used to confirm a key is gone). Default: the settings. */
  organization?: pulumi.Input<OrganizationArgs>;
  /** The account the key belongs to. Default: the settings. */
  credentials?: pulumi.Input<KatapultCredentialsArgs>;
}

export interface ObjectStorageAccessKeyArgs {
  /**
   * The organization that owns the key. Default: stack config `katapult:organization` or the
   * KATAPULT_ORGANIZATION environment variable (a value starting `org_` is an id, anything else
   * a sub-domain). Changing it replaces the key.
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
   * (the old secret stops working). E.g. a date, or a counter you bump.
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
   * `rotatedAt`, the next `pulumi preview` shows the rotation and `pulumi up` does it. New credentials are generated for the same key, in place, as with `rotation`. Meant
   * for a scheduled `pulumi up` (e.g. nightly CI). Setting or changing it rotates nothing that
   * is not due; a refresh never rotates. No effect while `existingKeyId` is set.
   */
  rotateAfterDays?: pulumi.Input<number>;
}

const OUTPUTS = [
  "state", "accessKeyId", "secretAccessKey", "serverUrl", "s3Endpoint", "readBuckets", "writeBuckets", "createdAt", "rotatedAt",
] as const;

export class ObjectStorageAccessKey extends pulumi.dynamic.Resource {
  /** The organization, as given (`{id}` or `{subDomain}`). */
  declare readonly organization: pulumi.Output<OrganizationRef>;
  /** Object storage region. */
  declare readonly region: pulumi.Output<string>;
  /** Key name. */
  declare readonly name: pulumi.Output<string>;
  declare readonly allBucketsRead: pulumi.Output<boolean>;
  declare readonly allObjectsRead: pulumi.Output<boolean>;
  declare readonly allObjectsWrite: pulumi.Output<boolean>;
  declare readonly rotation: pulumi.Output<string | number | undefined>;
  declare readonly existingKeyId: pulumi.Output<string | undefined>;
  /** `configured` once Katapult has applied the credentials (waited for after issuing them, unless `katapult:waitUntilConfigured` is false); `pending` while it works. */
  declare readonly state: pulumi.Output<string>;
  /** S3 access key id. Not secret. */
  declare readonly accessKeyId: pulumi.Output<string>;
  /** S3 secret access key: a Pulumi secret. Empty for an adopted key until `rotation` changes. */
  declare readonly secretAccessKey: pulumi.Output<string>;
  /** `host:port` as Katapult gives it, e.g. `uk-lon-1.katapultobjects.com:443`. */
  declare readonly serverUrl: pulumi.Output<string>;
  /** The S3 endpoint URL, e.g. `https://uk-lon-1.katapultobjects.com`. */
  declare readonly s3Endpoint: pulumi.Output<string>;
  /** Buckets this key can read through bucket ACLs (empty when `allObjectsRead`). Output only. */
  declare readonly readBuckets: pulumi.Output<string[]>;
  /** Buckets this key can write through bucket ACLs (empty when `allObjectsWrite`). Output only. */
  declare readonly writeBuckets: pulumi.Output<string[]>;
  /** ISO 8601 creation time. */
  declare readonly createdAt: pulumi.Output<string>;
  /** Days after `rotatedAt` when the secret is rotated; unset: never on a schedule. */
  declare readonly rotateAfterDays: pulumi.Output<number | undefined>;
  /** When the current secret was issued (ISO 8601): at create or at the last rotation. Unset for adopted keys. */
  declare readonly rotatedAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: ObjectStorageAccessKeyArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    super(
      objectStorageAccessKeyProvider,
      name,
      {
        logicalName: name, organization: undefined, region: undefined, name: undefined, allBucketsRead: undefined,
        allObjectsRead: undefined, allObjectsWrite: undefined, rotation: undefined, existingKeyId: undefined, rotateAfterDays: undefined,
        ...args, credentials: secretCredentials(args.credentials), ...outputSlots(OUTPUTS),
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: secretOutputNames(["secretAccessKey"], args) }),
      "katapult",
      "ObjectStorageAccessKey",
    );
  }

  /** Looks up an existing key (`objkey_...`) without managing it, with `state.credentials`. Its secret is not available. */
  static get(
    name: string, id: pulumi.Input<string>, state: ObjectStorageAccessKeyState = {}, opts: pulumi.CustomResourceOptions = {},
  ): ObjectStorageAccessKey {
    return new ObjectStorageAccessKey(name, { organization: state.organization, credentials: state.credentials }, { ...opts, id });
  }
}
