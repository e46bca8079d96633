/**
 * Every field of `bird.AccessKey`, once (shared/fields.ts): its input rules, its public types,
 * whether it is stored, echoed or secret, and how a change applies. Wire facts: Bird's API
 * reference, summed up in docs/bird.md.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { nameText } from "../shared/check";
import { credentialToken, credentialUrl } from "../shared/credentials";
import {
  ArgsOf, Assert, FieldTable, LookupOf, OutputsOf, Same, credentialsField, echoKeys, keepPreviousForHoursField, namingFields,
  previousExpiresAtField, rotateAfterDaysField, rotatedAtField, typed,
} from "../shared/fields";
import type { AccessKeyArgs, AccessKeyProperties, AccessKeyState, BirdCredentials, BirdCredentialsArgs, RoleRef, RoleRefArgs } from "./types";

export type { AccessKeyArgs, AccessKeyState, BirdCredentials, BirdCredentialsArgs, RoleRefArgs } from "./types";

/**
 * UUID-shaped (8-4-4-4-12 hex). Deliberately not zod's RFC 9562 `z.uuid()`, which rejects ids
 * with other version/variant nibbles: Bird only documents "uuid" (Bird's API reference), so we stay tolerant.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}

const uuid = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a string`) })
    .regex(UUID_PATTERN, `${what} must be a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e`)
    // One spelling, so an upper-case id in a program never diffs against Bird's lower-case one.
    .transform((s) => s.toLowerCase());

/** Both fields are documented as 1..256 characters, on create and on update (seed page). */
export const TEXT_MAX = 256;
const text = (field: string) => nameText(field, 1, TEXT_MAX);

export const ORGANIZATION_MISSING =
  "organizationId is not set: pass it, run `pulumi config set bird:organizationId <uuid>`, or set BIRD_ORGANIZATION_ID";

/** Role types Bird documents for a role reference (docs/bird.md). */
export const ROLE_TYPES = ["organization", "managed"] as const;
export type RoleType = (typeof ROLE_TYPES)[number];

/**
 * Bird documents roleIds as 1..5 and gives roleRefs no bound of its own (docs/bird.md), so
 * roleRefs keeps the same one: an empty list is not documented as "remove every role".
 */
export const MAX_ROLES = 5;
const ROLE_REFS_COUNT = `roleRefs takes 1 to ${MAX_ROLES} role references`;

/** Strict, so a misspelt `workspace` is an error instead of a silently unscoped role. */
const roleRef = z.strictObject(
  {
    id: uuid("id"),
    type: z.enum(ROLE_TYPES, { error: 'type must be "organization" or "managed"' }),
    workspaces: z.array(uuid("each workspace id")).optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown field ${issue.keys.join(", ")}: a role reference has id, type and workspaces`
        : "each role reference must be an object {id, type, workspaces?}",
  },
);

/** The same role twice is ambiguous (which workspaces win?), so it is refused, naming both. */
function noRepeatedRefs(refs: { id: string; type: string }[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  refs.forEach((ref, i) => {
    const first = seen.get(`${ref.id} ${ref.type}`);
    if (first === undefined) seen.set(`${ref.id} ${ref.type}`, i);
    else ctx.addIssue({ code: "custom", path: [i], message: `repeats roleRefs[${first}] (same id and type); list its workspaces once` });
  });
}

/** Another organization's access key and URL, named like `bird:accessKey` and `bird:apiUrl`. */
export const credentialsInput = z.object({ accessKey: credentialToken("credentials.accessKey"), apiUrl: credentialUrl("credentials.apiUrl").optional() }).strict();
export const accessKeyFields = {
  ...namingFields,
  /**
   * The Bird organization (UUID) that owns the key. Default: stack config `bird:organizationId`,
   * else the `BIRD_ORGANIZATION_ID` environment variable, stored explicitly at the first deployment.
   * Changing it replaces the key (a new key is created first, then the old one is deleted).
   */
  organizationId: {
    input: z.string({ error: (i) => (i.input === undefined ? ORGANIZATION_MISSING : "organizationId must be a string") })
      .regex(UUID_PATTERN, "organizationId must be a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e")
      .transform((s) => s.toLowerCase()),
    arg: typed<pulumi.Input<string>>(), state: typed<string>(), shown: true, lookup: true, diff: "replace",
  },
  // Both are required by the create endpoint; `check` fills them in (auto-name, default
  // description) unless an existing key is adopted, which then keeps its own.
  /** Key name, 1..256 characters. Default: the resource name plus a random suffix. Updates in place. */
  name: { input: text("name").optional(), arg: typed<pulumi.Input<string>>(), state: typed<string>(), shown: true, diff: "update" },
  /**
   * Key description, 1..256 characters (Bird requires one). Default: `Managed by Pulumi (<resource
   * name>)`. Updates in place.
   */
  description: { input: text("description").optional(), arg: typed<pulumi.Input<string>>(), state: typed<string>(), shown: true, diff: "update" },
  /**
   * The key's roles: 1..5 role references (each role at most once per type). Updates in place,
   * as a whole list; order does not matter. Leaving it unset keeps whatever roles the key has.
   * Cannot be set together with `roleIds`. As an output: sorted by id then type, with sorted
   * workspaces (`[]` when unscoped), `[]` when the key has no roles; absent in state written by
   * 0.1.0 until the key's next refresh or update.
   */
  roleRefs: {
    input: z.array(roleRef).min(1, ROLE_REFS_COUNT).max(MAX_ROLES, ROLE_REFS_COUNT).superRefine(noRepeatedRefs).optional(),
    arg: typed<pulumi.Input<pulumi.Input<RoleRefArgs>[]>>(), state: typed<RoleRef[]>(), optional: true, shown: typed<RoleRef[]>(), diff: "update",
  },
  /**
   * IAM role ids (1..5 UUIDs) attached to the key. Updates in place; leaving it unset keeps
   * whatever roles the key has. Sent as organization role references; ids the key already has
   * keep their type and workspaces. Compared by id only, so workspace changes are not drift.
   * As an output: the ids of `roleRefs`, sorted and unique; empty when the key has none.
   * @deprecated Bird deprecated `roleIds`: use `roleRefs` (a warning is logged when set).
   */
  roleIds: {
    // Deprecated by Bird in favour of roleRefs (docs/bird.md), still accepted: 1..5 role UUIDs.
    input: z.array(uuid("each role id")).min(1, "roleIds takes 1 to 5 role ids").max(MAX_ROLES, "roleIds takes 1 to 5 role ids").optional(),
    arg: typed<pulumi.Input<pulumi.Input<string>[]>>(), state: typed<string[]>(), shown: true, diff: "update",
  },
  /**
   * Adopt an existing key (by UUID) instead of creating one. Its token cannot be read back, so
   * `accessKey` is empty; unset `name`, `description` and `roleIds` keep the key's own values.
   * Pulumi's `import` option cannot work for dynamic resources; this is the way to bring a key under
   * management. Only read when the resource is created. Destroying the resource deletes the key
   * (use the `retainOnDelete` option to keep it).
   */
  existingKeyId: { input: uuid("existingKeyId").optional(), arg: typed<pulumi.Input<string>>() },
  /**
   * The access key to manage this key with, for several organizations or workspaces in one stack.
   * Default: the `bird:accessKey` / `bird:apiUrl` settings. Always stored as a secret (you need
   * not call `pulumi.secret`). Changing it calls no API: the new access key is used from then on,
   * by refresh and destroy too.
   */
  credentials: credentialsField(credentialsInput, typed<pulumi.Input<BirdCredentialsArgs>>()),
  /**
   * Rotate the secret on a schedule: once this many days (fractions allowed) have passed since
   * `rotatedAt`, the next `pulumi preview` shows the rotation and `pulumi up` does it. Bird cannot reissue a token, so this replaces the key: the new key is created first, dependents are updated, then the old key is deleted. Meant
   * for a scheduled `pulumi up` (e.g. nightly CI). Setting or changing it rotates nothing that
   * is not due; a refresh never rotates. No effect while `existingKeyId` is set.
   */
  rotateAfterDays: rotateAfterDaysField,
  /**
   * When the current token was issued (ISO 8601): at create or at the last rotation, stamped by
   * `check` (shared/rotation.ts). Unset for adopted keys and state written by 0.1.0.
   */
  rotatedAt: rotatedAtField,
  /**
   * Keep the previous key working for this many hours (fractions allowed) after a scheduled
   * rotation, instead of deleting it in the same `pulumi up`. The rotation then creates the new key
   * in place (the resource id stays; `keyId` names the new key), records the old one as
   * `previousKeyId` / `previousAccessKey`, and the first `pulumi up` after `previousExpiresAt`
   * deletes it (docs/rotation-overlap.md). Unset: a rotation replaces the key, as without it.
   */
  keepPreviousForHours: keepPreviousForHoursField,
  /** When the previous key stops being kept (ISO 8601), stamped by `check` at the rotation; unset when there is none. */
  previousExpiresAt: previousExpiresAtField,
  /** Bird's key type (only `user` has been seen); null when Bird does not say. */
  type: { state: typed<string | null>(), shown: true },
  /** The last 6 characters of the token, as Bird's dashboard shows them instead of it. Not secret. */
  suffix: { state: typed<string>(), shown: true },
  /** When the key was created (ISO 8601). */
  createdAt: { state: typed<string>(), shown: true },
  /** When the key was last updated (ISO 8601); null when Bird does not say. */
  updatedAt: { state: typed<string | null>(), shown: true },
  /**
   * The token, sent as `Authorization: AccessKey <token>`: a Pulumi secret. Bird shows it only
   * once, at creation, so it is empty for an adopted or looked-up key.
   */
  accessKey: { state: typed<string>(), shown: true, secret: true },
  /**
   * The UUID of the key in use once a rotation that keeps the previous key made a new key in place
   * (the resource id stays the first key's); unset while the key in use is the resource id.
   */
  keyId: { state: typed<string>(), optional: true, shown: true },
  /** The previous key's UUID during an overlap (`keepPreviousForHours`); unset otherwise. */
  previousKeyId: { state: typed<string>(), optional: true, shown: true },
  /** The previous key's token during an overlap: a Pulumi secret; unset otherwise. */
  previousAccessKey: { state: typed<string>(), optional: true, shown: true, secret: true },
  // lastUsedAt is deliberately absent: it changes whenever the key is used (see model.ts).
} as const satisfies FieldTable;

/** The plain public interfaces (types.ts) are the table's types: the build fails when one drifts. */
export type PublicTypesMatchTable = [
  Assert<Same<AccessKeyArgs, ArgsOf<typeof accessKeyFields>>>,
  Assert<Same<AccessKeyState, LookupOf<typeof accessKeyFields>>>,
  Assert<Same<AccessKeyProperties, OutputsOf<typeof accessKeyFields>>>,
  Assert<Same<BirdCredentials, z.infer<typeof credentialsInput>>>,
];

/** Fields copied from the checked inputs into the outputs and back (logical name, credentials, rotation). */
export const ECHOED = echoKeys(accessKeyFields);
