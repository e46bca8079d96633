/**
 * Pure conversions between our inputs/outputs and Bird's wire shapes.
 *
 * `lastUsedAt` is never copied into the outputs. Bird bumps it whenever anyone uses the key
 * (docs/bird.md), so it is usage telemetry, not configuration: stored, it would rewrite the state on
 * every refresh of a key nobody changed, and show as a change under the engine's legacy
 * output-based refresh diff (PULUMI_ENABLE_LEGACY_REFRESH_DIFF, docs/pulumi-engine.md#drift).
 */
import { deepEqual } from "../shared/diff";
import { pickDefined } from "../shared/fields";
import { InputError } from "../shared/http/errors";
import { sameList, sortedUnique } from "../shared/lists";
import { OverlapFields } from "../shared/overlap";
import { RotationFields } from "../shared/rotation";
import { ECHOED, TEXT_MAX } from "./fields";
import {
  AccessKeyCreateBody,
  AccessKeyInputs,
  AccessKeyOutputs,
  AccessKeyUpdateBody,
  ApiAccessKey,
  RoleRef,
  RoleRefBody,
} from "./schemas";

/** Bird requires a description (seed page); ours says who manages the key. */
export function defaultDescription(logicalName: unknown): string {
  const prefix = "Managed by Pulumi";
  if (typeof logicalName !== "string" || logicalName === "") return prefix;
  const room = TEXT_MAX - prefix.length - 3;
  return `${prefix} (${logicalName.slice(0, room)})`;
}

export function getCreateBody(inputs: AccessKeyInputs): AccessKeyCreateBody {
  // `check` always fills both in unless an existing key is adopted, which never creates.
  if (inputs.name === undefined || inputs.description === undefined) {
    throw new InputError("create Bird access key: name and description are required (they are set by check)", inputs.name === undefined ? "name" : "description");
  }
  const body: AccessKeyCreateBody = { name: inputs.name, description: inputs.description };
  const refs = wantedRefs([], inputs);
  if (refs !== undefined) body.roleRefs = toWire(refs);
  return body;
}

/** What update compares against: old outputs, including 0.1.0 ones that have no roleRefs. */
type Comparable = Pick<AccessKeyOutputs, "name" | "description" | "roleIds" | "roleRefs">;

/**
 * Only what changed (PATCH leaves omitted fields alone, Bird's API reference); `undefined` when
 * nothing did, so no call is made. An input left unset means "whatever the key has".
 */
export function getUpdateBody(olds: Comparable, news: AccessKeyInputs): AccessKeyUpdateBody | undefined {
  const body: AccessKeyUpdateBody = {};
  if (news.name !== undefined && news.name !== olds.name) body.name = news.name;
  if (news.description !== undefined && news.description !== olds.description) body.description = news.description;
  const current = refsOf(olds);
  const wanted = wantedRefs(current, news);
  if (wanted !== undefined && !deepEqual(wanted, current)) body.roleRefs = toWire(wanted);
  return Object.keys(body).length > 0 ? body : undefined;
}

/**
 * The refs the inputs ask for, normalised; `undefined` when they leave roles alone. Deprecated
 * roleIds become organization refs with no workspaces, except ids the key already has, which
 * keep their type and workspaces: roleIds cannot express them, and dropping a workspace scope
 * would silently widen the key's access (docs/bird.md, "roleIds is deprecated").
 */
export function wantedRefs(current: readonly RoleRef[], news: Pick<AccessKeyInputs, "roleIds" | "roleRefs">): RoleRef[] | undefined {
  if (news.roleRefs !== undefined) return normalizeRefs(news.roleRefs);
  if (news.roleIds === undefined) return undefined;
  const ids = sortedUnique(news.roleIds.map((id) => id.toLowerCase()));
  if (sameList(ids, idsOf(current))) return [...current];
  return completeRefs(ids.map((id) => ({ id })), current);
}

/** A role reference as a record renders it; a field left `undefined` was not rendered. */
export interface SeenRef {
  id: string;
  type?: string;
  workspaces?: string[];
}

/**
 * Roles from whichever field the record carries (renderings of Bird's docs disagree,
 * docs/bird.md): `roleRefs` (id, type, workspaces: absent means unscoped), `roles` (full role
 * objects: id and type, workspaces not shown) or the deprecated `roleIds` (ids only).
 * `undefined` when the record shows none of them.
 */
export function seenRolesOf(key: ApiAccessKey): SeenRef[] | undefined {
  if (key.roleRefs != null) {
    return key.roleRefs.map((r) => (typeof r === "string" ? { id: r } : { id: r.id, type: r.type ?? undefined, workspaces: r.workspaces ?? [] }));
  }
  if (key.roles != null) return key.roles.map((r) => (typeof r === "string" ? { id: r } : { id: r.id, type: r.type ?? undefined }));
  if (key.roleIds != null) return key.roleIds.map((id) => ({ id }));
  return undefined;
}

/**
 * Fills in what a rendering left out from the last known refs: the type of a known ref with the
 * same id, the workspaces of one with the same id and type; else an organization role, unscoped.
 */
export function completeRefs(seen: readonly SeenRef[], known: readonly RoleRef[]): RoleRef[] {
  return normalizeRefs(seen.map((s) => {
    const id = s.id.toLowerCase();
    const type = s.type ?? known.find((k) => k.id === id)?.type ?? "organization";
    const workspaces = s.workspaces ?? known.find((k) => k.id === id && k.type === type)?.workspaces ?? [];
    return { id, type, workspaces };
  }));
}

/** One spelling: lower-case ids, refs sorted by id then type, workspaces sorted and unique. */
export function normalizeRefs(refs: readonly { id: string; type: string; workspaces?: readonly string[] }[]): RoleRef[] {
  return refs
    .map((r) => ({ id: r.id.toLowerCase(), type: r.type, workspaces: sortedUnique((r.workspaces ?? []).map((w) => w.toLowerCase())) }))
    .sort((a, b) => compare(a.id, b.id) || compare(a.type, b.type));
}

/** The refs held by outputs; state written by 0.1.0 has only roleIds (organization roles). */
export function refsOf(outs: { roleRefs?: readonly RoleRef[]; roleIds?: readonly string[] }): RoleRef[] {
  return outs.roleRefs ? normalizeRefs(outs.roleRefs) : completeRefs((outs.roleIds ?? []).map((id) => ({ id })), []);
}

export function idsOf(refs: readonly RoleRef[]): string[] {
  return sortedUnique(refs.map((r) => r.id));
}

/** An unscoped ref is sent without `workspaces`, its documented optional form. */
function toWire(refs: readonly RoleRef[]): RoleRefBody[] {
  return refs.map((r) => ({ id: r.id, type: r.type, ...(r.workspaces.length > 0 ? { workspaces: [...r.workspaces] } : {}) }));
}

/** What the outputs keep from before when the API does not return it. */
export interface Carried {
  /** The token: Bird returns it only from create. */
  accessKey?: string;
  /** Last known roles, for records that do not render roles, or render them without detail. */
  roleRefs?: readonly RoleRef[];
  /** Last known role ids, from state written by 0.1.0 (used when roleRefs is absent). */
  roleIds?: readonly string[];
  /** Last known description; the record documents it as optional. */
  description?: string;
}

/** API -> outputs. */
export function flattenKey(
  key: ApiAccessKey,
  carried: Carried,
  meta: Pick<AccessKeyInputs, "logicalName" | "autoNamed" | "credentials"> & RotationFields & OverlapFields,
): AccessKeyOutputs {
  const known = refsOf(carried);
  const roleRefs = completeRefs(seenRolesOf(key) ?? known, known);
  return {
    ...pickDefined(meta, ECHOED),
    organizationId: key.organizationId.toLowerCase(),
    name: key.name,
    description: key.description ?? carried.description ?? "",
    type: key.type ?? null,
    suffix: key.suffix,
    createdAt: key.createdAt,
    updatedAt: key.updatedAt ?? null,
    roleIds: idsOf(roleRefs),
    roleRefs,
    accessKey: carried.accessKey ?? "",
  };
}

/** Inputs rebuilt from what the cloud has, for refresh. Never the token. */
export function inputsFromOutputs(outs: AccessKeyOutputs): AccessKeyInputs {
  return {
    // Credentials included: kept, or a refresh would drop them from the inputs (they stay secret: docs/pulumi-engine.md#what-the-engine-does).
    ...pickDefined(outs, ECHOED),
    organizationId: outs.organizationId,
    name: outs.name,
    ...(outs.description !== "" ? { description: outs.description } : {}),
    // The documented field, which carries types and workspaces; diff accepts either form.
    ...(refsOf(outs).length > 0 ? { roleRefs: refsOf(outs) as AccessKeyInputs["roleRefs"] } : {}),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
