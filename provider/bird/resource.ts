/**
 * `bird.AccessKey`: a Bird organization access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { lookupArgs, registration, resourceType } from "../shared/resource";
import { accessKeyFields } from "./fields";
import type { AccessKeyArgs, AccessKeyInputs, AccessKeyOutputs, AccessKeyProperties, AccessKeyState } from "./types";

const RESOURCE_TYPE = resourceType<AccessKeyInputs, AccessKeyOutputs>("bird:AccessKey", accessKeyFields);

/** The provider object every `bird.AccessKey` uses (a thin shim; see shared/shim.ts). */
export const accessKeyProvider: pulumi.dynamic.ResourceProvider<AccessKeyInputs, AccessKeyOutputs> = RESOURCE_TYPE.provider;

export const ROLE_IDS_DEPRECATION =
  "roleIds is deprecated by Bird in favour of role references: use roleRefs, e.g. " +
  '[{ id: "<role uuid>", type: "organization" }]. roleIds still works; its ids are sent as organization role references.';

/** The key's outputs (types.ts), declared on the class by interface merging. */
export interface AccessKey extends AccessKeyProperties {}

/** A Bird organization access key with its roles. The resource id is the key's UUID. */
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
