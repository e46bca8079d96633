/**
 * Bird organization access key shapes: what users give us, what we send, what the API answers.
 * Wire facts: ../shared/api/seeds/bird-access-keys.txt and NOTES.md (Bird section).
 */
import { z } from "zod";
import { rotateAfterDaysInput, rotatedAtInput } from "../shared/rotation";

/**
 * UUID-shaped (8-4-4-4-12 hex). Deliberately not zod's RFC 9562 `z.uuid()`, which rejects ids
 * with other version/variant nibbles: Bird only documents "uuid" (NOTES.md), so we stay tolerant.
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
  // Deprecated by Bird in favour of roleRefs (NOTES.md), still accepted: 1..5 role UUIDs.
  roleIds: z.array(uuid("each role id")).min(1, "roleIds takes 1 to 5 role ids").max(5, "roleIds takes 1 to 5 role ids").optional(),
  existingKeyId: uuid("existingKeyId").optional(),
  rotateAfterDays: rotateAfterDaysInput,
  rotatedAt: rotatedAtInput,
});

export type AccessKeyInputs = z.infer<typeof accessKeyInputs>;

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
  /** Sorted role ids (deprecated by Bird); empty when the key has none. */
  roleIds: string[];
  /** The token. Only known when this stack created the key (empty after adoption). */
  accessKey: string;
  rotateAfterDays?: number;
  /** When the current token was issued (ISO 8601); absent for adopted keys and 0.1.0 state (shared/rotation.ts). */
  rotatedAt?: string;
  // lastUsedAt is deliberately absent: it changes whenever the key is used (see model.ts).
}

// ---- wire shapes -------------------------------------------------------------------------

/** Role references: renderings of Bird's docs disagree on the field (NOTES.md), so read all. */
const apiRoleRef = z.union([z.string(), z.looseObject({ id: z.string() })]);

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
  roles: z.array(apiRoleRef).nullish(),
});

/** 201 answer of create: the only place the token ever appears (NOTES.md). */
export const apiAccessKeyCreated = z.object({
  accessKey: apiAccessKey,
  token: z.string().min(1),
});

/** List page; an empty or absent nextPageToken means the last page (NOTES.md). */
export const apiAccessKeyPage = z.object({
  results: z.array(apiAccessKey),
  nextPageToken: z.string().nullish(),
});

export const apiEmpty = z.looseObject({});

export type ApiAccessKey = z.infer<typeof apiAccessKey>;
export type ApiAccessKeyCreated = z.infer<typeof apiAccessKeyCreated>;

export interface AccessKeyCreateBody {
  name: string;
  description: string;
  roleIds?: string[];
}

export interface AccessKeyUpdateBody {
  name?: string;
  description?: string;
  roleIds?: string[];
}
