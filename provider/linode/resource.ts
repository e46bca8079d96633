/**
 * `linode.ObjectStorageKey`: a Linode Object Storage access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { lookupArgs, registration, resourceType } from "../shared/resource";
import { objectStorageKeyFields } from "./fields";
import type { ObjectStorageKeyArgs, ObjectStorageKeyInputs, ObjectStorageKeyOutputs, ObjectStorageKeyProperties, ObjectStorageKeyState } from "./types";

const RESOURCE_TYPE = resourceType<ObjectStorageKeyInputs, ObjectStorageKeyOutputs>("linode:ObjectStorageKey", objectStorageKeyFields);

/** The provider object every `linode.ObjectStorageKey` uses (a thin shim; see shared/shim.ts). */
export const objectStorageKeyProvider: pulumi.dynamic.ResourceProvider<ObjectStorageKeyInputs, ObjectStorageKeyOutputs> = RESOURCE_TYPE.provider;

/** The key's outputs (types.ts), declared on the class by interface merging. */
export interface ObjectStorageKey extends ObjectStorageKeyProperties {}

/**
 * A Linode Object Storage access key: created with its label, buckets and regions, changed in
 * place where Linode allows it (label, regions), replaced where it does not (bucket access).
 */
export class ObjectStorageKey extends pulumi.dynamic.Resource {
  constructor(name: string, args: ObjectStorageKeyArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    super(...registration(RESOURCE_TYPE, name, args, opts));
  }

  /** Looks up an existing key without managing it, in `state.credentials`' account. Its secret is not available. */
  static get(name: string, id: pulumi.Input<string>, state: ObjectStorageKeyState = {}, opts: pulumi.CustomResourceOptions = {}): ObjectStorageKey {
    return new ObjectStorageKey(name, lookupArgs(objectStorageKeyFields, state), { ...opts, id });
  }
}
