/**
 * `check`: validate inputs with zod, offline, and report every bad field as a check failure
 * naming the property, so the engine stops before any API call.
 *
 * During preview, inputs that depend on other resources arrive as the engine's "unknown"
 * sentinel. Such a property cannot be validated yet: it is passed through untouched, and any
 * issue on it is ignored. The rest is still validated.
 */
import { z } from "zod";

/** The value the engine sends for an input that is not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  property: string;
  reason: string;
}

export type CheckOutcome<T> = { inputs: T; failures: CheckFailure[] };

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** Validates `news` against `schema`; unknown properties are exempt and returned as given. */
export function validateInputs<S extends z.ZodObject>(schema: S, news: Record<string, unknown>): CheckOutcome<z.infer<S>> {
  const unknownKeys = Object.keys(news).filter((k) => containsUnknown(news[k]));
  const known = Object.fromEntries(Object.entries(news).filter(([k]) => !unknownKeys.includes(k)));
  const relaxed = unknownKeys.length === 0 ? schema : schema.partial(Object.fromEntries(unknownKeys.map((k) => [k, true])) as never);
  const result = relaxed.safeParse(known);
  if (!result.success) {
    const failures = result.error.issues
      .filter((issue) => !unknownKeys.includes(String(issue.path[0])))
      .map((issue) => ({ property: propertyPath(issue.path), reason: reasonOf(issue, known) }));
    if (failures.length > 0) return { inputs: news as z.infer<S>, failures };
  }
  const inputs = { ...(result.success ? result.data : known) } as Record<string, unknown>;
  for (const key of unknownKeys) inputs[key] = news[key];
  return { inputs: inputs as z.infer<S>, failures: [] };
}

/**
 * zod's own words for a value outside a fixed set ("Invalid option: expected one of ...") name
 * neither the field nor the value, and the engine shows a nested property's value as `{<nil>}`
 * (it looks the path up as a top-level key): so the reason says all three. A set's values are
 * never secrets, so showing the one given is safe. Messages the schema chose are kept.
 */
function reasonOf(issue: z.core.$ZodIssue, given: Record<string, unknown>): string {
  if (issue.code !== "invalid_value" || !issue.message.startsWith("Invalid option")) return issue.message;
  const got = issue.path.reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<PropertyKey, unknown>)[k]), given);
  const allowed = issue.values.map((v) => JSON.stringify(v)).join(", ");
  return `${propertyPath(issue.path)} must be one of ${allowed} (got ${got === undefined ? "nothing" : JSON.stringify(got)})`;
}

/** `bucketAccess[0].region` style paths, as Pulumi users write them. */
export function propertyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "(inputs)";
}

/**
 * A name or label the cloud shows: within its lengths, and not blank. A value of only spaces
 * passes a length check yet is refused by the cloud at create (a 422 after a clean preview), so it is
 * refused here, before any call, naming the field.
 */
export function nameText(field: string, min: number, max?: number) {
  const lengths = max === undefined ? `${field} must not be empty` : `${field} must be ${min} to ${max} characters`;
  const base = z.string().min(min, lengths);
  return (max === undefined ? base : base.max(max, lengths))
    .refine((s) => s.length < min || s.trim() !== "", `${field} must not be blank (only spaces)`);
}
