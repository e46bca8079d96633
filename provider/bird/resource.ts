/**
 * `bird.AccessKey`: a Bird organization access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceType, lookupArgs, registration } from "../shared/resource";
import { shimProvider } from "../shared/shim";
import { OutputsOf } from "../shared/fields";
import { AccessKeyArgs, AccessKeyState, accessKeyFields } from "./fields";

export type { RoleRefArgs, BirdCredentialsArgs, AccessKeyArgs, AccessKeyState } from "./fields";
import type { AccessKeyInputs, AccessKeyOutputs } from "./schemas";

/** The provider object every `bird.AccessKey` uses (a thin shim; see shared/shim.ts). */
export const accessKeyProvider = shimProvider<AccessKeyInputs, AccessKeyOutputs>("bird:AccessKey");

const RESOURCE_TYPE: ResourceType = { kind: "bird:AccessKey", provider: accessKeyProvider, fields: accessKeyFields };

export const ROLE_IDS_DEPRECATION =
  "roleIds is deprecated by Bird in favour of role references: use roleRefs, e.g. " +
  '[{ id: "<role uuid>", type: "organization" }]. roleIds still works; its ids are sent as organization role references.';

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
    return new AccessKey(name, lookupArgs(accessKeyFields, state), { ...opts, id });
  }
}
