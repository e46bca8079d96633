/**
 * The previous key a resource keeps during an overlap (shared/overlap.ts, docs/rotation-overlap.md),
 * for any cloud: its outputs (`previousKeyId`, a `previous<X>` for each credential output `X`, and
 * `previousExpiresAt`), and what read, update and delete do with it. Each cloud gives the calls
 * on one key by id. Calls: only the cloud's, as documented on each function.
 */
import type { OverlapFields } from "./overlap";
import { plain } from "./plain";

/**
 * The key a resource holds now: `keyId` from state once a rotation kept the previous key (read,
 * update and delete go to it), else the resource id, as the cloud's ids are (`parseId` refuses a
 * malformed one, e.g. in a lookup with `get`). docs/rotation-overlap.md (the resource's id).
 */
export function keyInUse<TId>(id: string, outs: { keyId?: TId } | undefined, parseId: (id: string) => TId): TId {
  return outs?.keyId ?? parseId(id);
}

/** Outputs that can hold a previous key. */
export type WithPrevious<TId> = OverlapFields & { previousKeyId?: TId };

export interface PreviousKeys<TId> {
  /** What a key is called in messages, e.g. `<Cloud> key`. */
  kind: string;
  /** Each `previous<X>` output and the current output `X` it is copied from at a rotation. */
  copies: Readonly<Record<string, string>>;
  /** Whether the cloud still has the key: false only once it confirmed the key gone (shared/gone.ts). */
  exists(id: TId): Promise<boolean>;
  /** Deletes the key; one confirmed gone counts as deleted. */
  remove(id: TId): Promise<void>;
}

/** The previous key's outputs that are set (`previousExpiresAt` aside: it is echoed from the inputs). */
export function previousOf<TId, T extends WithPrevious<TId>>(outs: T | undefined, keys: PreviousKeys<TId>): Partial<T> {
  const names = ["previousKeyId", ...Object.keys(keys.copies)];
  return Object.fromEntries(names.filter((k) => (outs as Record<string, unknown> | undefined)?.[k] !== undefined)
    .map((k) => [k, (outs as Record<string, unknown>)[k]])) as Partial<T>;
}

/** The outputs without any previous key. */
export function withoutPrevious<TId, T extends WithPrevious<TId>>(outs: T, keys: PreviousKeys<TId>): T {
  const names = ["previousKeyId", "previousExpiresAt", ...Object.keys(keys.copies)];
  return Object.fromEntries(Object.entries(outs).filter(([k]) => !names.includes(k))) as T;
}

/** The previous-key outputs that make the key `currentId`, described by `olds`, the previous one. */
export function demoted<TId>(olds: object, currentId: TId, keys: PreviousKeys<TId>): Record<string, unknown> {
  const from = olds as Record<string, unknown>;
  return plain({ previousKeyId: currentId, ...Object.fromEntries(Object.entries(keys.copies).map(([p, c]) => [p, from[c]])) });
}

/** Deletes the previous key, if the outputs hold one (1 delete), and returns the outputs without it. */
export async function dropPrevious<TId, T extends WithPrevious<TId>>(outs: T, keys: PreviousKeys<TId>): Promise<T> {
  if (outs.previousKeyId !== undefined) await keys.remove(outs.previousKeyId);
  return withoutPrevious(outs, keys);
}

/**
 * Refresh of the previous key (1 read while there is one): kept while the cloud has it; once the
 * cloud confirms it gone, the outputs drop it without an error. Any other failure is thrown.
 */
export async function refreshPrevious<TId, T extends WithPrevious<TId>>(outs: T, keys: PreviousKeys<TId>): Promise<T> {
  if (outs.previousKeyId === undefined) return outs;
  return (await keys.exists(outs.previousKeyId)) ? outs : withoutPrevious(outs, keys);
}

/**
 * The key in use is gone: the resource may leave the stack only if no previous key is left in the
 * cloud, which would be orphaned otherwise (1 read when there is one).
 */
export async function assertNoPreviousLeft<TId>(outs: WithPrevious<TId> | undefined, currentId: TId, keys: PreviousKeys<TId>): Promise<void> {
  if (outs?.previousKeyId === undefined || !(await keys.exists(outs.previousKeyId))) return;
  throw new Error(
    `${keys.kind} ${String(currentId)} is gone, but the previous key ${String(outs.previousKeyId)} this resource keeps still exists; ` +
      "the resource stays in the stack so that key is not lost: run `pulumi destroy` (or delete the resource) to delete it",
  );
}
