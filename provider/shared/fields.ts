/**
 * One table per resource that says everything about each field once, as a Terraform resource
 * schema does per attribute: its input schema, its public argument and output types, whether it
 * is stored, echoed or secret, whether `get` takes it, and how a change to it is applied. Users
 * see plain interfaces (`<cloud>/types.ts`: no zod, no mapped types, so any tsconfig compiles
 * them) that must be `Same` as the types below, and carry the table's TSDoc
 * (test/shared/public-types.test.ts).
 *
 * From a table: the zod inputs schema (`inputShape`), the stored outputs type (`StateOf`), the
 * `Args` type (`ArgsOf`), the Resource class's output properties (`OutputsOf`), the constructor's
 * props, secret outputs and lookups (shared/resource.ts), the get state (`LookupOf`), the echoed
 * fields (`echoKeys`) and the diff spec (`diffSpec`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { DiffSpec } from "./diff";
import { keepPreviousForHoursInput, previousExpiresAtInput } from "./overlap";
import { rotateAfterDaysInput, rotatedAtInput } from "./rotation";

declare const TYPE: unique symbol;
/** A type carried by a table entry; its value is only a marker that the entry has one. */
export interface Typed<T> {
  readonly [TYPE]?: T;
}
export function typed<T>(): Typed<T> {
  return {};
}

export interface FieldSpec {
  /** Validated by `check`; absent for fields the provider alone writes. */
  input?: z.ZodType;
  /** A public argument (`Args` property, always optional) of this type. */
  arg?: Typed<unknown>;
  /** Stored in the outputs (the state) with this type. */
  state?: Typed<unknown>;
  /** Absent from some outputs (`?:` in the state type). */
  optional?: true;
  /**
   * Declared on the Resource class: `true` for `Output<state type>` (with `| undefined` when
   * optional), or the type when it differs from the state's.
   */
  shown?: true | Typed<unknown>;
  /** Copied from the checked inputs into the outputs, and back into the inputs a refresh rebuilds. */
  echo?: true;
  /** Stored as a secret: always for what the provider writes, when given for an argument. */
  secret?: true;
  /** Accepted by the class's static `get` (its `<Type>State`), to find and read the key. */
  lookup?: true;
  /** How a change is applied: in place, or by a new key. Unset: by the lifecycle (shared/lifecycle.ts) or not at all. */
  diff?: "update" | "replace";
}

export type FieldTable = Record<string, FieldSpec>;

type KeysWhere<F, Cond> = { [K in keyof F]: F[K] extends Cond ? K : never }[keyof F] & string;
type TypeOf<T> = T extends Typed<infer V> ? V : never;

/** The public arguments, each with the TSDoc of its table entry. */
export type ArgsOf<F> = { -readonly [K in keyof F as F[K] extends { arg: object } ? K : never]?: F[K] extends { arg: infer A } ? TypeOf<A> : never };

/** What the class's static `get` accepts: the lookup arguments, each with the TSDoc of its table entry. */
export type LookupOf<F> = {
  -readonly [K in keyof F as F[K] extends { lookup: true; arg: object } ? K : never]?: F[K] extends { arg: infer A } ? TypeOf<A> : never;
};

type StateType<E> = E extends { state: infer S } ? TypeOf<S> : never;
/** The outputs as stored in the state. */
export type StateOf<F> = { -readonly [K in keyof F as F[K] extends { state: object; optional: true } ? K : never]?: StateType<F[K]> } & {
  -readonly [K in keyof F as F[K] extends { state: object } ? (F[K] extends { optional: true } ? never : K) : never]: StateType<F[K]>;
};

type ShownType<E> = E extends { shown: Typed<infer C> } ? C : E extends { optional: true } ? StateType<E> | undefined : StateType<E>;
/** The Resource class's output properties, each with the TSDoc of its table entry. */
export type OutputsOf<F> = { readonly [K in keyof F as F[K] extends { shown: unknown } ? K : never]: pulumi.Output<ShownType<F[K]>> };

/**
 * `true` when A and B are exactly the same type (same properties, optionality, readonly and
 * property types). The plain public interfaces users' editors show (`<cloud>/types.ts`) are held
 * to their table with it, so they cannot drift from it.
 */
export type Same<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
type Flat<T> = { [K in keyof T]: T[K] };
/** Compiles only when the check is `true`: `Assert<Same<A, B>>` fails the build when A and B differ. */
export type Assert<T extends true> = T;

export type InputShape<F> = { [K in keyof F as F[K] extends { input: z.ZodType } ? K : never]: F[K] extends { input: infer S extends z.ZodType } ? S : never };

/** The shape of the zod schema of the checked inputs (`z.object(inputShape(table))`), in table order. */
export function inputShape<F extends FieldTable>(fields: F): InputShape<F> {
  return Object.fromEntries(Object.entries(fields).filter(([, f]) => f.input !== undefined).map(([k, f]) => [k, f.input])) as InputShape<F>;
}

/** Which input changes update in place and which replace the key. */
export function diffSpec<F extends FieldTable>(fields: F): DiffSpec<Record<keyof F, unknown>> {
  const where = (d: FieldSpec["diff"]) => fieldsWhere(fields, (f) => f.diff === d);
  return { updatable: where("update"), replacing: where("replace") };
}

/** The echoed fields (see `FieldSpec.echo`). */
export function echoKeys<F extends FieldTable>(fields: F): KeysWhere<F, { echo: true }>[] {
  return fieldsWhere(fields, (f) => f.echo === true) as KeysWhere<F, { echo: true }>[];
}

/** Keys of the fields that match, in table order. */
export function fieldsWhere<F extends FieldTable>(fields: F, test: (f: FieldSpec) => boolean): (keyof F & string)[] {
  return Object.keys(fields).filter((k) => test(fields[k]));
}

/** The given fields of `from` that are set (the engine cannot carry `undefined`), e.g. the echoed ones. */
export function pickDefined<T extends object, K extends keyof T>(from: T | undefined, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => from?.[k] !== undefined).map((k) => [k, from![k]])) as Partial<Pick<T, K>>;
}

// ---- fields every key resource has ------------------------------------------------------------

/** The naming pair (shared/naming.ts), first in every table so the inputs schema starts with it. */
export const namingFields = {
  /** The resource's name in the program, given by the class so `check` can generate a name. */
  logicalName: { input: z.string().optional(), state: typed<string>(), optional: true, echo: true },
  /** The name was generated, so it stays as it is across updates. */
  autoNamed: { input: z.boolean().optional(), state: typed<boolean>(), optional: true, echo: true },
} as const satisfies FieldTable;

/**
 * `credentials`, in the cloud's own field names: an argument echoed into the outputs, where read
 * and delete find it, and secret in both (shared/credentials.ts); `get` takes it too.
 */
export function credentialsField<S extends z.ZodType, A>(input: S, _arg: Typed<A>) {
  return { input: input.optional(), arg: typed<A>(), state: typed<z.infer<S>>(), optional: true, echo: true, secret: true, lookup: true } as const;
}

/** `rotateAfterDays` (shared/rotation.ts): applied by the lifecycle's diff, not by the field diff. */
export const rotateAfterDaysField = {
  input: rotateAfterDaysInput, arg: typed<pulumi.Input<number>>(), state: typed<number>(), optional: true, shown: true, echo: true,
} as const;

/** `rotatedAt`, stamped by `check` (shared/rotation.ts), never an argument. */
export const rotatedAtField = { input: rotatedAtInput, state: typed<string>(), optional: true, shown: true, echo: true } as const;

/** `keepPreviousForHours` (shared/overlap.ts): applied by the lifecycle's diff, not by the field diff. */
export const keepPreviousForHoursField = {
  input: keepPreviousForHoursInput, arg: typed<pulumi.Input<number>>(), state: typed<number>(), optional: true, shown: true, echo: true,
} as const;

/** `previousExpiresAt`, stamped by `check` (shared/overlap.ts), never an argument. */
export const previousExpiresAtField = { input: previousExpiresAtInput, state: typed<string>(), optional: true, shown: true, echo: true } as const;
