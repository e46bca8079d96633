/**
 * Auto-naming, as Pulumi's own providers do it: the logical resource name plus a random suffix,
 * so two stacks (or a create-before-delete replacement) never collide. The dynamic-provider host
 * gets no URN or random seed, so the resource class passes the logical name in, and `check`
 * keeps the name it generated before (from the old inputs) so it stays stable across updates.
 */
import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export function randomSuffix(length = 7): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

/** `<logical>-<suffix>`, trimmed so the whole fits in `maxLength`. */
export function autoName(logicalName: string, maxLength: number): string {
  const suffix = randomSuffix();
  return `${logicalName.slice(0, Math.max(1, maxLength - suffix.length - 1))}-${suffix}`;
}

/**
 * The name to use: the explicit one, else the one generated on an earlier check (only while the
 * logical name is unchanged), else a fresh one.
 */
export function chooseName(
  explicit: unknown,
  olds: Record<string, unknown>,
  field: string,
  logicalName: unknown,
  maxLength: number,
): unknown {
  if (explicit !== undefined) return explicit;
  if (olds.autoNamed === true && typeof olds[field] === "string" && olds.logicalName === logicalName) return olds[field];
  return typeof logicalName === "string" ? autoName(logicalName, maxLength) : undefined;
}

/**
 * The logical name (possibly trimmed) an auto-name starts with, when `name` has the shape
 * `autoName` gives (`<logical>-<7 characters of the suffix alphabet>`); else undefined. Used by
 * `pulumi-access-keys audit` to tell keys that look made by one of our resources.
 */
export function autoNamePrefix(name: string): string | undefined {
  const match = /^(.+)-([a-z0-9]{7})$/.exec(name);
  return match ? match[1] : undefined;
}
