/**
 * `katapult.ObjectStorageAccessKey`: a Katapult object storage access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceType, registration } from "../shared/resource";
import { shimProvider } from "../shared/shim";
import { OutputsOf } from "../shared/fields";
import { ObjectStorageAccessKeyArgs, accessKeyFields } from "./fields";

export type { ObjectStorageAccessKeyArgs } from "./fields";
import type { AccessKeyInputs, AccessKeyOutputs } from "./schemas";

/** The provider object every `katapult.ObjectStorageAccessKey` uses (a thin shim; see shared/shim.ts). */
export const objectStorageAccessKeyProvider = shimProvider<AccessKeyInputs, AccessKeyOutputs>("katapult:ObjectStorageAccessKey");

const RESOURCE_TYPE: ResourceType = { kind: "katapult:ObjectStorageAccessKey", provider: objectStorageAccessKeyProvider, fields: accessKeyFields };

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
    return new ObjectStorageAccessKey(name, { organization: state.organization, credentials: state.credentials }, { ...opts, id });
  }
}
