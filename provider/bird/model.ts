/**
 * Pure conversions between our inputs/outputs and Bird's wire shapes.
 *
 * `lastUsedAt` is never copied into the outputs. Bird bumps it whenever anyone uses the key
 * (NOTES.md), so it is usage telemetry, not configuration: stored, it would rewrite the state on
 * every refresh of a key nobody changed, and show as a change under the engine's legacy
 * output-based refresh diff (PULUMI_ENABLE_LEGACY_REFRESH_DIFF, PULUMI.md section 3).
 */
import { RotationFields, rotationFields } from "../shared/rotation";
import {
  AccessKeyCreateBody,
  AccessKeyInputs,
  AccessKeyOutputs,
  AccessKeyUpdateBody,
  ApiAccessKey,
  TEXT_MAX,
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
    throw new Error("create Bird access key: name and description are required (they are set by check)");
  }
  const body: AccessKeyCreateBody = { name: inputs.name, description: inputs.description };
  if (inputs.roleIds !== undefined) body.roleIds = sortedUnique(inputs.roleIds);
  return body;
}

type Comparable = Pick<AccessKeyOutputs, "name" | "description" | "roleIds">;

/**
 * Only what changed (PATCH leaves omitted fields alone, NOTES.md); `undefined` when nothing did,
 * so no call is made. An input left unset means "whatever the key has".
 */
export function getUpdateBody(olds: Comparable, news: AccessKeyInputs): AccessKeyUpdateBody | undefined {
  const body: AccessKeyUpdateBody = {};
  if (news.name !== undefined && news.name !== olds.name) body.name = news.name;
  if (news.description !== undefined && news.description !== olds.description) body.description = news.description;
  if (news.roleIds !== undefined) {
    const wanted = sortedUnique(news.roleIds);
    if (!sameList(wanted, sortedUnique(olds.roleIds ?? []))) body.roleIds = wanted;
  }
  return Object.keys(body).length > 0 ? body : undefined;
}

/**
 * Role ids from whichever field the record carries: `roleIds`, `roleRefs` or `roles`, as ids or
 * `{id}` objects (NOTES.md: renderings of the docs disagree). `undefined` when none is present.
 */
export function roleIdsOf(key: ApiAccessKey): string[] | undefined {
  const list = key.roleIds ?? key.roleRefs ?? key.roles;
  if (list === undefined || list === null) return undefined;
  return sortedUnique(list.map((r) => (typeof r === "string" ? r : r.id).toLowerCase()));
}

/** What the outputs keep from before when the API does not return it. */
export interface Carried {
  /** The token: Bird returns it only from create. */
  accessKey?: string;
  /** Last known roles, for records that do not render roles at all. */
  roleIds?: string[];
  /** Last known description; the record documents it as optional. */
  description?: string;
}

/** API -> outputs. */
export function flattenKey(
  key: ApiAccessKey,
  carried: Carried,
  meta: Pick<AccessKeyInputs, "logicalName" | "autoNamed"> & RotationFields,
): AccessKeyOutputs {
  return {
    ...(meta.logicalName !== undefined ? { logicalName: meta.logicalName } : {}),
    ...(meta.autoNamed !== undefined ? { autoNamed: meta.autoNamed } : {}),
    organizationId: key.organizationId.toLowerCase(),
    name: key.name,
    description: key.description ?? carried.description ?? "",
    type: key.type ?? null,
    suffix: key.suffix,
    createdAt: key.createdAt,
    updatedAt: key.updatedAt ?? null,
    roleIds: roleIdsOf(key) ?? sortedUnique(carried.roleIds ?? []),
    accessKey: carried.accessKey ?? "",
    ...rotationFields(meta),
  };
}

/** Inputs rebuilt from what the cloud has, for refresh. Never the token. */
export function inputsFromOutputs(outs: AccessKeyOutputs): AccessKeyInputs {
  return {
    ...(outs.logicalName !== undefined ? { logicalName: outs.logicalName } : {}),
    ...(outs.autoNamed !== undefined ? { autoNamed: outs.autoNamed } : {}),
    organizationId: outs.organizationId,
    name: outs.name,
    ...(outs.description !== "" ? { description: outs.description } : {}),
    ...(outs.roleIds.length > 0 ? { roleIds: outs.roleIds } : {}),
    ...rotationFields(outs),
  };
}

export function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
