/**
 * `bird.AccessKey`: a Bird organization access key managed by Pulumi.
 */
import * as pulumi from "@pulumi/pulumi";
import { outputSlots } from "../shared/resource";
import { shimProvider } from "../shared/shim";
import type { AccessKeyInputs, AccessKeyOutputs } from "./schemas";

/** The provider object every `bird.AccessKey` uses (a thin shim; see shared/shim.ts). */
export const accessKeyProvider = shimProvider<AccessKeyInputs, AccessKeyOutputs>("bird:AccessKey");

export const ROLE_IDS_DEPRECATION =
  "roleIds is deprecated by Bird in favour of role references (roleRefs); it still works, " +
  "but Bird may stop honouring it. Consider assigning roles in the Bird dashboard.";

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
   * IAM role ids (1..5 UUIDs) attached to the key. Updates in place; leaving it unset keeps
   * whatever roles the key has.
   * @deprecated Bird deprecated `roleIds` in favour of role references; a warning is logged when set.
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
  /** Role ids attached to the key (sorted; deprecated by Bird). */
  declare readonly roleIds: pulumi.Output<string[]>;
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
        logicalName: name, organizationId: undefined, name: undefined, description: undefined, roleIds: undefined, rotateAfterDays: undefined,
        ...args, ...outputSlots(OUTPUTS),
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["accessKey"] }),
      "bird",
      "AccessKey",
    );
    // Warned here, in the program, because the provider host has no engine logger: a warning
    // from there would reach the CLI only as unstructured stderr (PULUMI.md section 1.4).
    if (args.roleIds !== undefined) void pulumi.log.warn(ROLE_IDS_DEPRECATION, this);
  }

  /** Looks up an existing key without managing it. Its token is not available. */
  static get(name: string, id: pulumi.Input<string>, state: AccessKeyState = {}, opts: pulumi.CustomResourceOptions = {}): AccessKey {
    return new AccessKey(name, { organizationId: state.organizationId }, { ...opts, id });
  }
}
