/**
 * `bird.AccessKey`: a Bird organization access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceType, registration } from "../shared/resource";
import { shimProvider } from "../shared/shim";
import { OutputsOf } from "../shared/fields";
import { AccessKeyArgs, accessKeyFields } from "./fields";

export type { AccessKeyArgs } from "./fields";
import type { AccessKeyInputs, AccessKeyOutputs } from "./schemas";

/** The provider object every `bird.AccessKey` uses (a thin shim; see shared/shim.ts). */
export const accessKeyProvider = shimProvider<AccessKeyInputs, AccessKeyOutputs>("bird:AccessKey");

const RESOURCE_TYPE: ResourceType = { kind: "bird:AccessKey", provider: accessKeyProvider, fields: accessKeyFields };

export const ROLE_IDS_DEPRECATION =
  "roleIds is deprecated by Bird in favour of role references: use roleRefs, e.g. " +
  '[{ id: "<role uuid>", type: "organization" }]. roleIds still works; its ids are sent as organization role references.';

/** One role given to the key, as Bird's `roleRefs` documents it. */
export interface RoleRefArgs {
  /** The IAM role's UUID. */
  id: pulumi.Input<string>;
  /** `"organization"` for a role defined in the organization, `"managed"` for one Bird manages. */
  type: pulumi.Input<"organization" | "managed">;
  /**
   * Workspace UUIDs the role is limited to. Unset or empty: not limited to workspaces (the ref is
   * sent without `workspaces`). Order and repeats do not matter.
   */
  workspaces?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Another Bird organization's API access, named like the `bird:accessKey` and `bird:apiUrl` settings. */
export interface BirdCredentialsArgs {
  /** A Bird access key allowed to manage access keys. */
  accessKey: pulumi.Input<string>;
  /** API URL. Default: `bird:apiUrl`, else BIRD_API_URL, else `https://api.bird.com`. */
  apiUrl?: pulumi.Input<string>;
}

/** Optional state for `AccessKey.get`. */
export interface AccessKeyState {
  /** The key's organization. Default: `bird:organizationId` / `BIRD_ORGANIZATION_ID`. */
  organizationId?: pulumi.Input<string>;
  /** The credentials to look the key up with. Default: the settings. */
  credentials?: pulumi.Input<BirdCredentialsArgs>;
}

/** The key's outputs: the shown fields of its table (fields.ts), declared on the class by interface merging. */
export interface AccessKey extends OutputsOf<typeof accessKeyFields> {}

// The resource id is the key's UUID.
export class AccessKey extends pulumi.dynamic.Resource {
  constructor(name: string, args: AccessKeyArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    super(...registration(RESOURCE_TYPE, name, args, opts));
    // Warned here, in the program, because the provider host has no engine logger: a warning
    // from there would reach the CLI only as unstructured stderr (docs/pulumi-engine.md#logging).
    if (args.roleIds !== undefined) void pulumi.log.warn(ROLE_IDS_DEPRECATION, this);
  }

  /** Looks up an existing key without managing it. Its token is not available. */
  static get(name: string, id: pulumi.Input<string>, state: AccessKeyState = {}, opts: pulumi.CustomResourceOptions = {}): AccessKey {
    return new AccessKey(name, { organizationId: state.organizationId, credentials: state.credentials }, { ...opts, id });
  }
}
