/**
 * `linode.ObjectStorageKey`: a Linode Object Storage access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceType, lookupArgs, registration } from "../shared/resource";
import { shimProvider } from "../shared/shim";
import { OutputsOf } from "../shared/fields";
import { ObjectStorageKeyArgs, ObjectStorageKeyState, objectStorageKeyFields } from "./fields";

export type { BucketAccessArgs, LinodeCredentialsArgs, ObjectStorageKeyArgs, ObjectStorageKeyState } from "./fields";
import type { ObjectStorageKeyInputs, ObjectStorageKeyOutputs } from "./schemas";

/** The provider object every `linode.ObjectStorageKey` uses (a thin shim; see shared/shim.ts). */
export const objectStorageKeyProvider = shimProvider<ObjectStorageKeyInputs, ObjectStorageKeyOutputs>("linode:ObjectStorageKey");

const RESOURCE_TYPE: ResourceType = { kind: "linode:ObjectStorageKey", provider: objectStorageKeyProvider, fields: objectStorageKeyFields };

/** The key's outputs: the shown fields of its table (fields.ts), declared on the class by interface merging. */
export interface ObjectStorageKey extends OutputsOf<typeof objectStorageKeyFields> {}

export class ObjectStorageKey extends pulumi.dynamic.Resource {
  constructor(name: string, args: ObjectStorageKeyArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    super(...registration(RESOURCE_TYPE, name, args, opts));
  }

  /** Looks up an existing key without managing it, in `state.credentials`' account. Its secret is not available. */
  static get(name: string, id: pulumi.Input<string>, state: ObjectStorageKeyState = {}, opts: pulumi.CustomResourceOptions = {}): ObjectStorageKey {
    return new ObjectStorageKey(name, lookupArgs(objectStorageKeyFields, state), { ...opts, id });
  }
}
