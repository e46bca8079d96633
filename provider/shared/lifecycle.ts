/**
 * The parts of `check`, `diff`, `read` and adoption that every key resource shares, so each
 * `provider/<cloud>/provider.ts` holds only its cloud's specifics. Calls: none here; the cloud's
 * functions passed in make them.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { CheckFailure, CheckOutcome, containsUnknown, validateInputs } from "./check";
import { DiffOutcome, deepEqual } from "./diff";
import { InputError } from "./http/errors";
import { autoName, chooseName } from "./naming";
import { plain } from "./plain";
import type { Read } from "./results";
import { OverlapFields, keepsPrevious, overlapChanged, stampPreviousExpiry } from "./overlap";
import { RotationFields, rotationChange, stampRotation } from "./rotation";

export interface CheckRules<S extends z.ZodObject> {
  schema: S;
  /** The field the auto-name goes to (`label`, `name`) and its longest length. */
  naming: { field: string; maxLength: number };
  /** Cloud defaults (from settings) and the like, over the named inputs, before validation. */
  prepare?(given: Record<string, unknown>, named: Record<string, unknown>): Record<string, unknown>;
  /** The cloud's own failures, combined with the schema's. */
  failures?(given: Record<string, unknown>, prepared: Record<string, unknown>, found: CheckFailure[]): CheckFailure[];
  /** The change issues a new secret anyway (a replacement, a new `rotation`); `olds` is `{}` for a new resource. */
  reissues(olds: Record<string, unknown>, news: z.infer<S>): boolean;
  /** The change makes a new key (a replacement); default: `reissues`. */
  replaces?(olds: Record<string, unknown>, news: z.infer<S>): boolean;
  /**
   * An in-place reissue (`reissues` but not `replaces`) that is a rotation, so with
   * `keepPreviousForHours` it keeps the previous key like a due one (Katapult's `rotation` bump);
   * any other in-place reissue repairs the secret without an overlap. Default: none is.
   */
  rotatesInPlace?(olds: Record<string, unknown>, news: z.infer<S>): boolean;
  /** A due rotation makes a new key (the cloud cannot reissue a secret in place). */
  rotationReplaces: boolean;
  /**
   * The resource takes `keepPreviousForHours`, so `check` stamps `previousExpiresAt` and a due
   * rotation that keeps the previous key is an update, not a replacement (shared/overlap.ts).
   */
  overlap?: true;
}

/**
 * `check`, offline: the engine's `__provider` and any `rotatedAt` the program passed are dropped,
 * the name is chosen (shared/naming.ts), the inputs are validated, and `rotatedAt` is stamped
 * (shared/rotation.ts). A replacement of an auto-named key gets a fresh name, as Pulumi's own
 * auto-naming does: the new key never shares its name with the key it replaces, so a create
 * whose answer was lost cannot take the live key for the one it made (shared/recovery.ts).
 */
export function checkInputs<S extends z.ZodObject>(
  rules: CheckRules<S>, olds: Record<string, unknown> | undefined, news: Record<string, unknown>, now: number,
): CheckOutcome<z.infer<S>> {
  const { __provider: _ignored, rotatedAt: _stamped, previousExpiresAt: _expiry, ...given } = news;
  const prior = olds ?? {};
  const { field, maxLength } = rules.naming;
  const named = { ...given, [field]: chooseName(given[field], prior, field, given.logicalName, maxLength), autoNamed: given[field] === undefined };
  const prepared = { ...named, ...rules.prepare?.(given, named) };
  const outcome = validateInputs(rules.schema, prepared);
  const found = rules.overlap || given.keepPreviousForHours === undefined ? outcome.failures : [...outcome.failures, NO_OVERLAP];
  const failures = rules.failures ? rules.failures(given, prepared, found) : found;
  if (failures.length > 0) return plain({ ...outcome, failures });
  const reissued = rules.reissues(prior, outcome.inputs);
  const rotatedAt = stampRotation({ olds, news: outcome.inputs, now, reissued });
  const previousExpiresAt = rules.overlap ? stampPreviousExpiry({ olds: prior, news: { ...outcome.inputs, rotatedAt }, now, ...overlapKind(rules, prior, outcome.inputs, reissued) }) : undefined;
  const inputs: Record<string, unknown> = { ...outcome.inputs, rotatedAt, previousExpiresAt };
  if (inputs.autoNamed === true && typeof given.logicalName === "string" && isReplacement(rules, prior, inputs as z.infer<S>)) {
    inputs[field] = autoName(given.logicalName, maxLength);
  }
  return plain({ ...outcome, inputs: inputs as z.infer<S> });
}

/** What the change is for the overlap stamp: a replacement, an in-place repair (shared/overlap.ts), or neither. */
function overlapKind<S extends z.ZodObject>(rules: CheckRules<S>, olds: Record<string, unknown>, news: z.infer<S>, reissued: boolean) {
  const replaced = (rules.replaces ?? rules.reissues)(olds, news);
  return { replaced, repaired: reissued && !replaced && rules.rotatesInPlace?.(olds, news) !== true };
}

/** A rotation that keeps the previous key stays in the same resource, so it is no replacement (and keeps its name). */
function isReplacement<S extends z.ZodObject>(rules: CheckRules<S>, olds: Record<string, unknown>, news: z.infer<S>): boolean {
  if (Object.keys(olds).length === 0) return false;
  const rotates = rules.rotationReplaces && rotationChange(olds, news as RotationFields).rotate && !keepsPrevious(olds, news as OverlapFields);
  return rotates || (rules.replaces ?? rules.reissues)(olds, news);
}

/** Refused, not ignored, where a rotation cannot keep the previous key yet (docs/rotation-overlap.md). */
const NO_OVERLAP: CheckFailure = { property: "keepPreviousForHours", reason: "keepPreviousForHours is not supported on this resource yet: its rotation cannot keep the previous secret" };

/** What `diff` adds to the field-by-field comparison for a key resource. */
export interface DiffTail {
  /** The resource's id, for `existingKeyId`; unset where `existingKeyId` is only read at create. */
  id?: string;
  /** A due rotation is a new key (the cloud cannot reissue a secret) rather than an update. */
  rotationReplaces: boolean;
  /** An update is due whatever the fields say (a create that could not finish, finished by the next update). */
  unfinished?: boolean;
}

type KeyState = RotationFields & OverlapFields & { credentials?: unknown };

/**
 * The field comparison plus: naming another key to adopt replaces (naming this one is a no-op);
 * a due rotation replaces, reported on `rotatedAt` so the preview reads `[diff: ~rotatedAt]`, or
 * updates (always when it keeps the previous key: both keys stay in one resource, shared/overlap.ts);
 * an overlap starting or ending updates; new credentials (a rotated token, another URL for the same account) are stored by an
 * update that calls nothing.
 */
export function diffKey(
  fields: DiffOutcome, olds: KeyState, news: KeyState & { existingKeyId?: unknown }, tail: DiffTail,
): pulumi.dynamic.DiffResult {
  const adoptsAnother = tail.id !== undefined && news.existingKeyId !== undefined &&
    (containsUnknown(news.existingKeyId) || String(news.existingKeyId) !== tail.id);
  const rotation = rotationChange(olds, news);
  const rotationReplaces = rotation.rotate && tail.rotationReplaces && !keepsPrevious(olds, news);
  const replaces = [
    ...fields.replaces, ...(adoptsAnother ? ["existingKeyId"] : []), ...(rotationReplaces ? ["rotatedAt"] : []),
  ];
  const newCredentials = !deepEqual(olds.credentials, news.credentials);
  const changes = fields.changes || replaces.length > 0 || rotation.rotate || rotation.record || overlapChanged(olds, news) || newCredentials || tail.unfinished === true;
  return { changes, replaces, deleteBeforeReplace: false };
}

export interface Adoption<TKey, TBody> {
  read(): Promise<TKey>;
  /** Why the key cannot become what the inputs describe, if it cannot. */
  refusal?(key: TKey): InputError | undefined;
  /** The update that makes the key match the inputs; `undefined` when it already does. */
  changes(key: TKey): TBody | undefined;
  update(key: TKey, body: TBody): Promise<TKey>;
}

export interface Adopted<TKey, TBody> {
  /** The key as found. */
  found: TKey;
  /** The key as it is now: found, or as the update answered. */
  key: TKey;
  /** The update sent, if any. */
  body?: TBody;
}

/** Takes over a key made outside Pulumi (`existingKeyId`): one read, and one update when the inputs differ. */
export async function adoptKey<TKey, TBody>(a: Adoption<TKey, TBody>): Promise<Adopted<TKey, TBody>> {
  const found = await a.read();
  const refusal = a.refusal?.(found);
  if (refusal) throw refusal;
  const body = a.changes(found);
  return body === undefined ? { found, key: found } : { found, key: await a.update(found, body), body };
}

/**
 * A read's answer: the key's outputs and the inputs rebuilt from them, or no id once the cloud
 * confirmed the key is gone (shared/gone.ts). `ReadResult` types `inputs` as outputs; the host
 * only forwards them (docs/pulumi-engine.md#readresult-inputs).
 */
export function readResult<TOutputs, TInputs>(id: string, outs: TOutputs | undefined, inputs?: (outs: TOutputs) => TInputs): Read<TOutputs> {
  if (outs === undefined) return { id: "", props: {} as TOutputs };
  return plain({ id, props: outs, inputs: inputs?.(outs) as unknown as TOutputs });
}

/** The outputs of an update that calls nothing: the old ones with the echoed fields taken from the new inputs. */
export function withEchoed<TOutputs extends object>(olds: TOutputs, echoKeys: readonly string[], echoed: object): TOutputs {
  const kept = Object.fromEntries(Object.entries(olds).filter(([k]) => !echoKeys.includes(k)));
  return plain({ ...kept, ...echoed } as TOutputs);
}
