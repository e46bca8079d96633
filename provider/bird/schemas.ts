/**
 * Bird organization access key shapes: what users give us, what we send, what the API answers.
 * Wire facts: Bird's API reference,
 * https://docs.bird.com/api/accounts-api/api-reference/organizations/access-keys, summed up in docs/bird.md.
 */
import { z } from "zod";
import { Assert, Same, StateOf, inputShape } from "../shared/fields";
import { accessKeyFields } from "./fields";
import type { AccessKeyInputs, AccessKeyOutputs } from "./types";

export type { AccessKeyInputs, AccessKeyOutputs, RoleRef } from "./types";

/** Derived from the field table (fields.ts): the inputs `check` validates. */
export const accessKeyInputs = z.object(inputShape(accessKeyFields));

/** The plain inputs and outputs (types.ts) are the table's: the build fails when one drifts. */
export type PublicTypesMatchSchemas = [
  Assert<Same<AccessKeyInputs, z.infer<typeof accessKeyInputs>>>,
  Assert<Same<AccessKeyOutputs, StateOf<typeof accessKeyFields>>>,
];

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
