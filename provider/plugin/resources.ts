/**
 * The resource RPCs over the CRUD core: each type token names a registered kind (names.ts), whose
 * implementation is the very object the dynamic resources use (provider/clouds.ts), so both
 * fronts make the same API calls with the same messages. What the plugin adds: the logical name
 * from the URN (the dynamic class passes it as `logicalName`), and a detailed diff from the field
 * table in which internal fields never show (docs/plugin.md#rpc-mapping).
 */
import type * as pulumi from "@pulumi/pulumi";
import { implementation } from "../clouds";
import { deepEqual } from "../shared/diff";
import { FieldTable, fieldsWhere, pickDefined } from "../shared/fields";
import { kindOfType, parseUrn } from "./names";
import type { Props } from "./wire";

/** The engine's kinds of property change (pulumirpc.PropertyDiff.Kind). */
export type ChangeKind = "add" | "add-replace" | "delete" | "delete-replace" | "update" | "update-replace";

export interface PluginDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  detailedDiff: Record<string, ChangeKind>;
}

/** One resource type, as the RPCs see it. */
export interface PluginResource {
  fields: FieldTable;
  provider: Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;
  /** The program's name of the resource, for auto-naming. */
  logicalName: string;
}

/** The resource type a request is about: its `type` field, else the URN's. */
export function resourceFor(type: string, urn: string): PluginResource {
  const parsed = parseUrn(urn);
  const { kind } = kindOfType(type || parsed.type);
  const provider = implementation(kind.kind) as PluginResource["provider"];
  return { fields: kind.fields, provider, logicalName: parsed.name };
}

/** Check: the inputs get the logical name the dynamic class would have passed. */
export async function check(r: PluginResource, olds: Props | undefined, news: Props): Promise<pulumi.dynamic.CheckResult> {
  const named = "logicalName" in r.fields ? { ...news, logicalName: r.logicalName } : news;
  return r.provider.check(olds ?? {}, named);
}

/** Public fields: arguments and shown outputs. The rest (`logicalName`, `autoNamed`, ...) is bookkeeping. */
function publicFields(fields: FieldTable): string[] {
  return fieldsWhere(fields, (f) => f.arg !== undefined || f.shown !== undefined);
}

/**
 * Diff: the core decides (changes, replaces); the detailed diff lists the replacing fields and
 * each public argument whose input changed (old inputs against new, both as `check` left them;
 * the old outputs when the engine sent no old inputs).
 */
export async function diff(r: PluginResource, id: string, olds: Props, news: Props, oldInputs: Props | undefined): Promise<PluginDiff> {
  const result = await r.provider.diff(id, olds, news);
  const replaces = result.replaces ?? [];
  const changes = result.changes === true;
  if (!changes) return { changes, replaces: [], deleteBeforeReplace: false, detailedDiff: {} };
  const before = oldInputs && Object.keys(oldInputs).length > 0 ? oldInputs : olds;
  const detailedDiff: Record<string, ChangeKind> = {};
  for (const key of fieldsWhere(r.fields, (f) => f.arg !== undefined)) {
    if (!deepEqual(before[key], news[key])) detailedDiff[key] = changeKind(before[key], news[key], replaces.includes(key));
  }
  const shown = publicFields(r.fields);
  for (const key of replaces.filter((k) => shown.includes(k) && detailedDiff[k] === undefined)) {
    detailedDiff[key] = changeKind(olds[key], news[key], true);
  }
  return { changes, replaces, deleteBeforeReplace: result.deleteBeforeReplace === true, detailedDiff };
}

function changeKind(before: unknown, after: unknown, replace: boolean): ChangeKind {
  const kind = before === undefined ? "add" : after === undefined ? "delete" : "update";
  return replace ? (`${kind}-replace` as ChangeKind) : kind;
}

/**
 * The state an import's Read goes on, since it sends the id alone:
 * - the lookup fields (what the class's `get` takes, e.g. an organization) as `check` fills
 *   them in from the provider's settings;
 * - each secret the provider writes, empty: the cloud never returns it again, so an imported
 *   key's secret is unknown, as an adopted key's (`existingKeyId`) is, and no "unfinished
 *   create" is mistaken for it (docs/plugin.md#import-what-it-can-and-cannot-recover).
 */
export async function importState(r: PluginResource): Promise<Props> {
  const secrets = fieldsWhere(r.fields, (f) => f.secret === true && f.arg === undefined);
  const state: Props = Object.fromEntries(secrets.map((k) => [k, ""]));
  const lookups = fieldsWhere(r.fields, (f) => f.lookup === true && f.secret !== true);
  if (lookups.length === 0) return state;
  const checked = await r.provider.check({}, { logicalName: r.logicalName });
  if ((checked.failures ?? []).length > 0 || checked.inputs === undefined) return state;
  return { ...pickDefined(checked.inputs as Props, lookups), ...state };
}
