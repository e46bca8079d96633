/**
 * `bird.AccessKey`: a Bird organization access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { outputSlots, secretCredentials, secretOutputNames } from "../shared/resource";
import { shimProvider } from "../shared/shim";
import type { AccessKeyInputs, AccessKeyOutputs, RoleRef } from "./schemas";

/** The provider object every `bird.AccessKey` uses (a thin shim; see shared/shim.ts). */
export const accessKeyProvider = shimProvider<AccessKeyInputs, AccessKeyOutputs>("bird:AccessKey");

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

export interface AccessKeyArgs {
  /**
   * The Bird organization (UUID) that owns the key. Default: stack config `bird:organizationId`,
   * else the `BIRD_ORGANIZATION_ID` environment variable, stored explicitly at the first deployment.
   * Changing it replaces the key (a new key is created first, then the old one is deleted).
   */
  organizationId?: pulumi.Input<string>;
  /** Key name, 1..256 characters. Default: the resource name plus a random suffix. Updates in place. */
  name?: pulumi.Input<string>;
  /**
   * Key description, 1..256 characters (Bird requires one). Default: `Managed by Pulumi (<resource
   * name>)`. Updates in place.
   */
  description?: pulumi.Input<string>;
  /**
   * The key's roles: 1..5 role references (each role at most once per type). Updates in place,
   * as a whole list; order does not matter. Leaving it unset keeps whatever roles the key has.
   * Cannot be set together with `roleIds`.
   */
  roleRefs?: pulumi.Input<pulumi.Input<RoleRefArgs>[]>;
  /**
   * IAM role ids (1..5 UUIDs) attached to the key. Updates in place; leaving it unset keeps
   * whatever roles the key has. Sent as organization role references; ids the key already has
   * keep their type and workspaces. Compared by id only, so workspace changes are not drift.
   * @deprecated Bird deprecated `roleIds`: use `roleRefs` (a warning is logged when set).
   */
  roleIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Adopt an existing key (by UUID) instead of creating one. Its token cannot be read back, so
   * `accessKey` is empty; unset `name`, `description` and `roleIds` keep the key's own values.
   * Pulumi's `import` option cannot work for dynamic resources; this is the way to bring a key under
   * management. Only read when the resource is created. Destroying the resource deletes the key
   * (use the `retainOnDelete` option to keep it).
   */
  existingKeyId?: pulumi.Input<string>;
  /**
   * The access key to manage this key with, for several organizations or workspaces in one stack.
   * Default: the `bird:accessKey` / `bird:apiUrl` settings. Always stored as a secret (you need
   * not call `pulumi.secret`). Changing it calls no API: the new access key is used from then on,
   * by refresh and destroy too.
   */
  credentials?: pulumi.Input<BirdCredentialsArgs>;
  /**
   * Rotate the secret on a schedule: once this many days (fractions allowed) have passed since
   * `rotatedAt`, the next `pulumi preview` shows the rotation and `pulumi up` does it. Bird cannot reissue a token, so this replaces the key: the new key is created first, dependents are updated, then the old key is deleted. Meant
   * for a scheduled `pulumi up` (e.g. nightly CI). Setting or changing it rotates nothing that
   * is not due; a refresh never rotates. No effect while `existingKeyId` is set.
   */
  rotateAfterDays?: pulumi.Input<number>;
}

/** Optional state for `AccessKey.get`. */
export interface AccessKeyState {
  /** The key's organization. Default: `bird:organizationId` / `BIRD_ORGANIZATION_ID`. */
  organizationId?: pulumi.Input<string>;
  /** The credentials to look the key up with. Default: the settings. */
  credentials?: pulumi.Input<BirdCredentialsArgs>;
}

const OUTPUTS = ["type", "suffix", "createdAt", "updatedAt", "accessKey", "rotatedAt"] as const;

export class AccessKey extends pulumi.dynamic.Resource {
  // The resource id is the key's UUID.
  /** The organization (UUID) that owns the key. */
  declare readonly organizationId: pulumi.Output<string>;
  /** Key name. */
  declare readonly name: pulumi.Output<string>;
  /** Key description. */
  declare readonly description: pulumi.Output<string>;
  /** Bird's key type (only `user` has been seen); null when Bird does not say. */
  declare readonly type: pulumi.Output<string | null>;
  /** The last 6 characters of the token, as Bird's dashboard shows them. Not secret. */
  declare readonly suffix: pulumi.Output<string>;
  /** When the key was created (ISO 8601). */
  declare readonly createdAt: pulumi.Output<string>;
  /** When the key was last updated (ISO 8601); null when Bird does not say. */
  declare readonly updatedAt: pulumi.Output<string | null>;
  /** Role ids attached to the key: the ids of `roleRefs`, sorted (deprecated by Bird). */
  declare readonly roleIds: pulumi.Output<string[]>;
  /**
   * Role references attached to the key, sorted by id then type, with sorted workspaces (`[]`
   * when unscoped); `[]` when the key has no roles. Undefined for a stack created by 0.1.0 until
   * the key's next refresh or update.
   */
  declare readonly roleRefs: pulumi.Output<RoleRef[]>;
  /**
   * The token, sent as `Authorization: AccessKey <token>`: a Pulumi secret. Bird shows it only
   * once, at creation, so it is empty for an adopted or looked-up key.
   */
  declare readonly accessKey: pulumi.Output<string>;
  /** Days after `rotatedAt` when the secret is rotated; unset: never on a schedule. */
  declare readonly rotateAfterDays: pulumi.Output<number | undefined>;
  /** When the current secret was issued (ISO 8601): at create or at the last rotation. Unset for adopted keys. */
  declare readonly rotatedAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: AccessKeyArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    super(
      accessKeyProvider,
      name,
      {
        logicalName: name, organizationId: undefined, name: undefined, description: undefined, roleIds: undefined, roleRefs: undefined,
        rotateAfterDays: undefined, ...args, credentials: secretCredentials(args.credentials), ...outputSlots(OUTPUTS),
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: secretOutputNames(["accessKey"], args) }),
      "bird",
      "AccessKey",
    );
    // Warned here, in the program, because the provider host has no engine logger: a warning
    // from there would reach the CLI only as unstructured stderr (docs/pulumi-engine.md#logging).
    if (args.roleIds !== undefined) void pulumi.log.warn(ROLE_IDS_DEPRECATION, this);
  }

  /** Looks up an existing key without managing it. Its token is not available. */
  static get(name: string, id: pulumi.Input<string>, state: AccessKeyState = {}, opts: pulumi.CustomResourceOptions = {}): AccessKey {
    return new AccessKey(name, { organizationId: state.organizationId, credentials: state.credentials }, { ...opts, id });
  }
}
