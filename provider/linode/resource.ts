/**
 * `linode.ObjectStorageKey`: a Linode Object Storage access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceType, registration } from "../shared/resource";
import { shimProvider } from "../shared/shim";
import { OutputsOf } from "../shared/fields";
import { ObjectStorageKeyArgs, objectStorageKeyFields } from "./fields";

export type { ObjectStorageKeyArgs } from "./fields";
import type { ObjectStorageKeyInputs, ObjectStorageKeyOutputs } from "./schemas";

/** The provider object every `linode.ObjectStorageKey` uses (a thin shim; see shared/shim.ts). */
export const objectStorageKeyProvider = shimProvider<ObjectStorageKeyInputs, ObjectStorageKeyOutputs>("linode:ObjectStorageKey");

const RESOURCE_TYPE: ResourceType = { kind: "linode:ObjectStorageKey", provider: objectStorageKeyProvider, fields: objectStorageKeyFields };

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

/** The key's outputs: the shown fields of its table (fields.ts), declared on the class by interface merging. */
export interface ObjectStorageKey extends OutputsOf<typeof objectStorageKeyFields> {}

export class ObjectStorageKey extends pulumi.dynamic.Resource {
  constructor(name: string, args: ObjectStorageKeyArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    super(...registration(RESOURCE_TYPE, name, args, opts));
  }

  /** Looks up an existing key without managing it, in `state.credentials`' account. Its secret is not available. */
  static get(name: string, id: pulumi.Input<string>, state: ObjectStorageKeyState = {}, opts: pulumi.CustomResourceOptions = {}): ObjectStorageKey {
    return new ObjectStorageKey(name, { credentials: state.credentials }, { ...opts, id });
  }
}
