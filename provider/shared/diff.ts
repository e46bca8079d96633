/**
 * `diff` without API calls: compares the last known outputs with the new inputs, field by field,
 * and says precisely which changes force a replacement.
 */
import { containsUnknown } from "./check";

export interface DiffSpec<TInputs> {
  /** Input fields that the cloud can change in place. */
  updatable: ReadonlyArray<keyof TInputs & string>;
  /** Input fields whose change means a new key. */
  replacing: ReadonlyArray<keyof TInputs & string>;
}

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/**
 * `olds` are the old outputs, `news` the new inputs, both already normalised to comparable
 * shapes by the caller. An input left unset (undefined) means "whatever the cloud has" and is
 * not a change.
 */
export function diffFields<TInputs>(
  spec: DiffSpec<TInputs>,
  olds: Partial<Record<keyof TInputs, unknown>>,
  news: Partial<Record<keyof TInputs, unknown>>,
): DiffOutcome {
  const changed = (key: keyof TInputs & string) =>
    news[key] !== undefined && (containsUnknown(news[key]) || !deepEqual(olds[key], news[key]));
  const replaces = spec.replacing.filter(changed);
  const updates = spec.updatable.filter(changed);
  return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace: false };
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}
