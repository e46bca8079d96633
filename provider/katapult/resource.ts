/**
 * `katapult.ObjectStorageAccessKey`: a Katapult object storage access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { lookupArgs, registration, resourceType } from "../shared/resource";
import { OutputsOf } from "../shared/fields";
import { ObjectStorageAccessKeyArgs, ObjectStorageAccessKeyState, accessKeyFields } from "./fields";
import type { AccessKeyInputs, AccessKeyOutputs } from "./schemas";

const RESOURCE_TYPE = resourceType<AccessKeyInputs, AccessKeyOutputs>("katapult:ObjectStorageAccessKey", accessKeyFields);

/** The provider object every `katapult.ObjectStorageAccessKey` uses (a thin shim; see shared/shim.ts). */
export const objectStorageAccessKeyProvider = RESOURCE_TYPE.provider;

/** The key's outputs: the shown fields of its table (fields.ts), declared on the class by interface merging. */
export interface ObjectStorageAccessKey extends OutputsOf<typeof accessKeyFields> {}

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
