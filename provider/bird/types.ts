/**
 * The public types of `bird.AccessKey`, written out plainly for users' editors: no zod and no
 * table machinery, so they compile in any project (no `esModuleInterop` or `skipLibCheck`
 * needed). Each is held to the field table (fields.ts, schemas.ts) by a compile-time check, and
 * test/shared/public-types.test.ts holds their TSDoc to the table's.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Another Bird organization's API access, named like the `bird:accessKey` and `bird:apiUrl` settings. */
export interface BirdCredentialsArgs {
  /** A Bird access key allowed to manage access keys. */
  accessKey: pulumi.Input<string>;
  /** API URL. Default: `bird:apiUrl`, else BIRD_API_URL, else `https://api.bird.com`. */
  apiUrl?: pulumi.Input<string>;
}

/** `credentials` as checked and stored (a secret). */
export type BirdCredentials = {
  accessKey: string;
  apiUrl?: string;
};

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

/** A role reference as the outputs hold it. `type` is kept as Bird says it, even if new. */
export interface RoleRef {
  id: string;
  type: string;
  workspaces: string[];
}

/** The arguments of `AccessKey`. */
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
   * Cannot be set together with `roleIds`. As an output: sorted by id then type, with sorted
   * workspaces (`[]` when unscoped), `[]` when the key has no roles; absent in state written by
   * 0.1.0 until the key's next refresh or update.
   */
  roleRefs?: pulumi.Input<pulumi.Input<RoleRefArgs>[]>;
  /**
   * IAM role ids (1..5 UUIDs) attached to the key. Updates in place; leaving it unset keeps
   * whatever roles the key has. Sent as organization role references; ids the key already has
   * keep their type and workspaces. Compared by id only, so workspace changes are not drift.
   * As an output: the ids of `roleRefs`, sorted and unique; empty when the key has none.
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
  /**
   * Keep the previous key working for this many hours (fractions allowed) after a scheduled
   * rotation, instead of deleting it in the same `pulumi up`. The rotation then creates the new key
   * in place (the resource id stays; `keyId` names the new key), records the old one as
   * `previousKeyId` / `previousAccessKey`, and the first `pulumi up` after `previousExpiresAt`
   * deletes it (docs/rotation-overlap.md). Unset: a rotation replaces the key, as without it.
   */
  keepPreviousForHours?: pulumi.Input<number>;
}

/** Optional state for `AccessKey.get`: the arguments that find and read the key. */
export interface AccessKeyState {
  /**
   * The Bird organization (UUID) that owns the key. Default: stack config `bird:organizationId`,
   * else the `BIRD_ORGANIZATION_ID` environment variable, stored explicitly at the first deployment.
   * Changing it replaces the key (a new key is created first, then the old one is deleted).
   */
  organizationId?: pulumi.Input<string>;
  /**
   * The access key to manage this key with, for several organizations or workspaces in one stack.
   * Default: the `bird:accessKey` / `bird:apiUrl` settings. Always stored as a secret (you need
   * not call `pulumi.secret`). Changing it calls no API: the new access key is used from then on,
   * by refresh and destroy too.
   */
  credentials?: pulumi.Input<BirdCredentialsArgs>;
}

/** The output properties of an `AccessKey`. */
export interface AccessKeyProperties {
  /**
   * The Bird organization (UUID) that owns the key. Default: stack config `bird:organizationId`,
   * else the `BIRD_ORGANIZATION_ID` environment variable, stored explicitly at the first deployment.
   * Changing it replaces the key (a new key is created first, then the old one is deleted).
   */
  readonly organizationId: pulumi.Output<string>;
  /** Key name, 1..256 characters. Default: the resource name plus a random suffix. Updates in place. */
  readonly name: pulumi.Output<string>;
  /**
   * Key description, 1..256 characters (Bird requires one). Default: `Managed by Pulumi (<resource
   * name>)`. Updates in place.
   */
  readonly description: pulumi.Output<string>;
  /**
   * The key's roles: 1..5 role references (each role at most once per type). Updates in place,
   * as a whole list; order does not matter. Leaving it unset keeps whatever roles the key has.
   * Cannot be set together with `roleIds`. As an output: sorted by id then type, with sorted
   * workspaces (`[]` when unscoped), `[]` when the key has no roles; absent in state written by
   * 0.1.0 until the key's next refresh or update.
   */
  readonly roleRefs: pulumi.Output<RoleRef[]>;
  /**
   * IAM role ids (1..5 UUIDs) attached to the key. Updates in place; leaving it unset keeps
   * whatever roles the key has. Sent as organization role references; ids the key already has
   * keep their type and workspaces. Compared by id only, so workspace changes are not drift.
   * As an output: the ids of `roleRefs`, sorted and unique; empty when the key has none.
   * @deprecated Bird deprecated `roleIds`: use `roleRefs` (a warning is logged when set).
   */
  readonly roleIds: pulumi.Output<string[]>;
  /**
   * Rotate the secret on a schedule: once this many days (fractions allowed) have passed since
   * `rotatedAt`, the next `pulumi preview` shows the rotation and `pulumi up` does it. Bird cannot reissue a token, so this replaces the key: the new key is created first, dependents are updated, then the old key is deleted. Meant
   * for a scheduled `pulumi up` (e.g. nightly CI). Setting or changing it rotates nothing that
   * is not due; a refresh never rotates. No effect while `existingKeyId` is set.
   */
  readonly rotateAfterDays: pulumi.Output<number | undefined>;
  /**
   * When the current token was issued (ISO 8601): at create or at the last rotation, stamped by
   * `check` (shared/rotation.ts). Unset for adopted keys and state written by 0.1.0.
   */
  readonly rotatedAt: pulumi.Output<string | undefined>;
  /**
   * Keep the previous key working for this many hours (fractions allowed) after a scheduled
   * rotation, instead of deleting it in the same `pulumi up`. The rotation then creates the new key
   * in place (the resource id stays; `keyId` names the new key), records the old one as
   * `previousKeyId` / `previousAccessKey`, and the first `pulumi up` after `previousExpiresAt`
   * deletes it (docs/rotation-overlap.md). Unset: a rotation replaces the key, as without it.
   */
  readonly keepPreviousForHours: pulumi.Output<number | undefined>;
  /** When the previous key stops being kept (ISO 8601), stamped by `check` at the rotation; unset when there is none. */
  readonly previousExpiresAt: pulumi.Output<string | undefined>;
  /** Bird's key type (only `user` has been seen); null when Bird does not say. */
  readonly type: pulumi.Output<string | null>;
  /** The last 6 characters of the token, as Bird's dashboard shows them instead of it. Not secret. */
  readonly suffix: pulumi.Output<string>;
  /** When the key was created (ISO 8601). */
  readonly createdAt: pulumi.Output<string>;
  /** When the key was last updated (ISO 8601); null when Bird does not say. */
  readonly updatedAt: pulumi.Output<string | null>;
  /**
   * The token, sent as `Authorization: AccessKey <token>`: a Pulumi secret. Bird shows it only
   * once, at creation, so it is empty for an adopted or looked-up key.
   */
  readonly accessKey: pulumi.Output<string>;
  /**
   * The UUID of the key in use once a rotation that keeps the previous key made a new key in place
   * (the resource id stays the first key's); unset while the key in use is the resource id.
   */
  readonly keyId: pulumi.Output<string | undefined>;
  /** The previous key's UUID during an overlap (`keepPreviousForHours`); unset otherwise. */
  readonly previousKeyId: pulumi.Output<string | undefined>;
  /** The previous key's token during an overlap: a Pulumi secret; unset otherwise. */
  readonly previousAccessKey: pulumi.Output<string | undefined>;
}

/** The inputs as `check` returns them (validated, defaults filled in): what the provider receives. */
export type AccessKeyInputs = {
  logicalName?: string;
  autoNamed?: boolean;
  organizationId: string;
  name?: string;
  description?: string;
  roleRefs?: { id: string; type: "organization" | "managed"; workspaces?: string[] }[];
  roleIds?: string[];
  existingKeyId?: string;
  credentials?: BirdCredentials;
  rotateAfterDays?: number;
  rotatedAt?: string;
  keepPreviousForHours?: number;
  previousExpiresAt?: string;
};

/** The outputs as stored in the state. */
export interface AccessKeyOutputs {
  logicalName?: string;
  autoNamed?: boolean;
  organizationId: string;
  name: string;
  description: string;
  roleRefs?: RoleRef[];
  roleIds: string[];
  credentials?: BirdCredentials;
  rotateAfterDays?: number;
  rotatedAt?: string;
  keepPreviousForHours?: number;
  previousExpiresAt?: string;
  type: string | null;
  suffix: string;
  createdAt: string;
  updatedAt: string | null;
  accessKey: string;
  keyId?: string;
  previousKeyId?: string;
  previousAccessKey?: string;
}
