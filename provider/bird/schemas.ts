/**
 * Bird organization access key shapes: what users give us, what we send, what the API answers.
 * Wire facts: Bird's API reference,
 * https://docs.bird.com/api/accounts-api/api-reference/organizations/access-keys, summed up in docs/bird.md.
 */
import { z } from "zod";
import { credentialToken, credentialUrl } from "../shared/credentials";
import { rotateAfterDaysInput, rotatedAtInput } from "../shared/rotation";

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
const text = (field: string) =>
  z.string()
    .min(1, `${field} must be 1 to ${TEXT_MAX} characters`)
    .max(TEXT_MAX, `${field} must be 1 to ${TEXT_MAX} characters`);

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

export const accessKeyInputs = z.object({
  logicalName: z.string().optional(),
  autoNamed: z.boolean().optional(),
  organizationId: z.string({ error: (i) => (i.input === undefined ? ORGANIZATION_MISSING : "organizationId must be a string") })
    .regex(UUID_PATTERN, "organizationId must be a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e")
    .transform((s) => s.toLowerCase()),
  // Both are required by the create endpoint; `check` fills them in (auto-name, default
  // description) unless an existing key is adopted, which then keeps its own.
  name: text("name").optional(),
  description: text("description").optional(),
  roleRefs: z.array(roleRef).min(1, ROLE_REFS_COUNT).max(MAX_ROLES, ROLE_REFS_COUNT).superRefine(noRepeatedRefs).optional(),
  // Deprecated by Bird in favour of roleRefs (docs/bird.md), still accepted: 1..5 role UUIDs.
  roleIds: z.array(uuid("each role id")).min(1, "roleIds takes 1 to 5 role ids").max(MAX_ROLES, "roleIds takes 1 to 5 role ids").optional(),
  existingKeyId: uuid("existingKeyId").optional(),
  // Another organization's access key and URL, named like `bird:accessKey` and `bird:apiUrl`.
  credentials: z.object({ accessKey: credentialToken("credentials.accessKey"), apiUrl: credentialUrl("credentials.apiUrl").optional() }).strict().optional(),
  rotateAfterDays: rotateAfterDaysInput,
  rotatedAt: rotatedAtInput,
});

export type AccessKeyInputs = z.infer<typeof accessKeyInputs>;
export type BirdCredentials = NonNullable<AccessKeyInputs["credentials"]>;

/** A role reference as the outputs hold it. `type` is kept as Bird says it, even if new. */
export interface RoleRef {
  id: string;
  type: string;
  workspaces: string[];
}

export interface AccessKeyOutputs {
  logicalName?: string;
  autoNamed?: boolean;
  organizationId: string;
  name: string;
  description: string;
  /** Bird's key type; only `"user"` has been seen. null when the API leaves it out. */
  type: string | null;
  /** The last 6 characters of the token, which Bird shows instead of it. */
  suffix: string;
  createdAt: string;
  updatedAt: string | null;
  /** The ids of `roleRefs`, sorted and unique (deprecated by Bird); empty when the key has none. */
  roleIds: string[];
  /**
   * Role references, sorted by id then type, workspaces sorted and unique; empty when none.
   * Absent in state written by 0.1.0 until the key's next refresh or update.
   */
  roleRefs?: RoleRef[];
  /** The token. Only known when this stack created the key (empty after adoption). */
  accessKey: string;
  /** The resource's own credentials, so read and delete use them (ciphertext in state). */
  credentials?: BirdCredentials;
  rotateAfterDays?: number;
  /** When the current token was issued (ISO 8601); absent for adopted keys and 0.1.0 state (shared/rotation.ts). */
  rotatedAt?: string;
  // lastUsedAt is deliberately absent: it changes whenever the key is used (see model.ts).
}

// ---- wire shapes -------------------------------------------------------------------------

/**
 * Roles as records render them: renderings of Bird's docs disagree (docs/bird.md), so all are
 * read. `roleRefs` items carry id, type and workspaces; `roles` items are full role objects
 * (id and type, no workspaces); `roleIds` only ids. Plain id strings are tolerated everywhere.
 */
const apiRoleRef = z.union([
  z.string(),
  z.looseObject({ id: z.string(), type: z.string().nullish(), workspaces: z.array(z.string()).nullish() }),
]);
const apiRole = z.union([z.string(), z.looseObject({ id: z.string(), type: z.string().nullish() })]);

/** The record. Optional fields are nullish and unknown fields kept: parse defensively. */
export const apiAccessKey = z.looseObject({
  id: z.string().min(1),
  organizationId: z.string().min(1),
  name: z.string(),
  type: z.string().nullish(),
  description: z.string().nullish(),
  suffix: z.string(),
  lastUsedAt: z.string().nullish(),
  createdAt: z.string(),
  updatedAt: z.string().nullish(),
  roleIds: z.array(z.string()).nullish(),
  roleRefs: z.array(apiRoleRef).nullish(),
  roles: z.array(apiRole).nullish(),
});

/** 201 answer of create: the only place the token ever appears (Bird's API reference). */
export const apiAccessKeyCreated = z.object({
  accessKey: apiAccessKey,
  token: z.string().min(1),
});

/** List page; an empty or absent nextPageToken means the last page (Bird's API reference). */
export const apiAccessKeyPage = z.object({
  results: z.array(apiAccessKey),
  nextPageToken: z.string().nullish(),
});

export const apiEmpty = z.looseObject({});

export type ApiAccessKey = z.infer<typeof apiAccessKey>;
export type ApiAccessKeyCreated = z.infer<typeof apiAccessKeyCreated>;

/** A role reference on the wire; `workspaces` is sent only when the role is scoped. */
export interface RoleRefBody {
  id: string;
  type: string;
  workspaces?: string[];
}

/** Roles always go as roleRefs, the documented field; roleIds is only ever read (docs/bird.md). */
export interface AccessKeyCreateBody {
  name: string;
  description: string;
  roleRefs?: RoleRefBody[];
}

export interface AccessKeyUpdateBody {
  name?: string;
  description?: string;
  roleRefs?: RoleRefBody[];
}
