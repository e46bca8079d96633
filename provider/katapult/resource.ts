/**
 * `katapult.ObjectStorageAccessKey`: a Katapult object storage access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { lookupArgs, registration, resourceType } from "../shared/resource";
import { accessKeyFields } from "./fields";
import type {
  ObjectStorageAccessKeyArgs, ObjectStorageAccessKeyInputs, ObjectStorageAccessKeyOutputs, ObjectStorageAccessKeyProperties, ObjectStorageAccessKeyState,
} from "./types";

const RESOURCE_TYPE = resourceType<ObjectStorageAccessKeyInputs, ObjectStorageAccessKeyOutputs>("katapult:ObjectStorageAccessKey", accessKeyFields);

/** The provider object every `katapult.ObjectStorageAccessKey` uses (a thin shim; see shared/shim.ts). */
export const objectStorageAccessKeyProvider: pulumi.dynamic.ResourceProvider<ObjectStorageAccessKeyInputs, ObjectStorageAccessKeyOutputs> =
  RESOURCE_TYPE.provider;

/** The key's outputs (types.ts), declared on the class by interface merging. */
export interface ObjectStorageAccessKey extends ObjectStorageAccessKeyProperties {}

/**
 * A Katapult object storage access key in an organization and region; its S3 credentials are
 * generated after the key is created, and again whenever `rotation` changes.
 */
export class ObjectStorageAccessKey extends pulumi.dynamic.Resource {
  constructor(name: string, args: ObjectStorageAccessKeyArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    super(...registration(RESOURCE_TYPE, name, args, opts));
  }

  /** Looks up an existing key (`objkey_...`) without managing it, with `state.credentials`. Its secret is not available. */
  static get(
    name: string, id: pulumi.Input<string>, state: ObjectStorageAccessKeyState = {}, opts: pulumi.CustomResourceOptions = {},
  ): ObjectStorageAccessKey {
    return new ObjectStorageAccessKey(name, lookupArgs(accessKeyFields, state), { ...opts, id });
  }
}
