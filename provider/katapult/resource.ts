/**
 * `katapult.ObjectStorageAccessKey`: a Katapult object storage access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceType, lookupArgs, registration } from "../shared/resource";
import { shimProvider } from "../shared/shim";
import { OutputsOf } from "../shared/fields";
import { ObjectStorageAccessKeyArgs, ObjectStorageAccessKeyState, accessKeyFields } from "./fields";

export type { OrganizationArgs, KatapultCredentialsArgs, ObjectStorageAccessKeyArgs, ObjectStorageAccessKeyState } from "./fields";
import type { AccessKeyInputs, AccessKeyOutputs } from "./schemas";

/** The provider object every `katapult.ObjectStorageAccessKey` uses (a thin shim; see shared/shim.ts). */
export const objectStorageAccessKeyProvider = shimProvider<AccessKeyInputs, AccessKeyOutputs>("katapult:ObjectStorageAccessKey");

const RESOURCE_TYPE: ResourceType = { kind: "katapult:ObjectStorageAccessKey", provider: objectStorageAccessKeyProvider, fields: accessKeyFields };

/** The key's outputs: the shown fields of its table (fields.ts), declared on the class by interface merging. */
export interface ObjectStorageAccessKey extends OutputsOf<typeof accessKeyFields> {}

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
