/**
 * What a Resource class registers, derived from its field table (shared/fields.ts).
 */
import { CustomResourceOptions, Input, Output, Unwrap, dynamic, mergeOptions, secret } from "@pulumi/pulumi";
import { FieldTable, fieldsWhere } from "./fields";
import { shimProvider } from "./shim";

/**
 * A dynamic resource only exposes an output property whose key was present in the props it was
 * constructed with, so every output is seeded as `undefined` (undefined inputs are not sent to
 * the provider).
 */
export function outputSlots<K extends string>(keys: readonly K[]): Record<K, undefined> {
  return Object.fromEntries(keys.map((k) => [k, undefined])) as Record<K, undefined>;
}

/**
 * A secret argument (`credentials`) made secret by the resource itself, so state holds it only as
 * ciphertext whatever the program passed (an input stays ciphertext only when it arrives as a
 * secret: docs/pulumi-engine.md#what-the-engine-does).
 */
export function secretWhenGiven<T>(value: Input<T> | undefined): Output<Unwrap<T>> | undefined {
  return value === undefined ? undefined : secret(value);
}

/**
 * The props: the logical name (for auto-naming, shared/naming.ts), a slot for every argument the
 * class shows, the arguments given (secret ones wrapped), then a slot for every output the
 * provider writes (after the arguments, so none can be passed in).
 */
export function resourceProps(fields: FieldTable, name: string, args: object): Record<string, unknown> {
  const given = args as Record<string, unknown>;
  const shownArgs = fieldsWhere(fields, (f) => f.shown !== undefined && f.arg !== undefined);
  const secretArgs = fieldsWhere(fields, (f) => f.secret === true && f.arg !== undefined);
  const written = fieldsWhere(fields, (f) => f.shown !== undefined && f.arg === undefined);
  return {
    logicalName: name, ...outputSlots(shownArgs), ...given,
    ...Object.fromEntries(secretArgs.map((k) => [k, secretWhenGiven(given[k])])), ...outputSlots(written),
  };
}

/**
 * The options with `additionalSecretOutputs`: the secrets the provider writes, plus each secret
 * argument given (the provider echoes `credentials` into outputs for read and delete; belt and
 * braces to the engine's re-marking of an output whose same-named input was secret).
 */
export function resourceOptions(fields: FieldTable, args: object, opts: CustomResourceOptions): CustomResourceOptions {
  const given = args as Record<string, unknown>;
  const written = fieldsWhere(fields, (f) => f.secret === true && f.arg === undefined);
  const passed = fieldsWhere(fields, (f) => f.secret === true && f.arg !== undefined).filter((k) => given[k] !== undefined);
  return mergeOptions(opts, { additionalSecretOutputs: [...written, ...passed] });
}

/** A resource type: its kind (`<module>:<type>`, the tail of its type token), serialized provider and field table. */
export interface ResourceType<TInputs = unknown, TOutputs = unknown> {
  kind: string;
  provider: dynamic.ResourceProvider<TInputs, TOutputs>;
  fields: FieldTable;
}

/** The resource type of `kind`, with the thin serialized provider every resource of it uses (shared/shim.ts). */
export function resourceType<TInputs, TOutputs>(kind: string, fields: FieldTable): ResourceType<TInputs, TOutputs> {
  return { kind, provider: shimProvider<TInputs, TOutputs>(kind), fields };
}

/** The arguments of `pulumi.dynamic.Resource`'s constructor for one resource of `type`. */
export function registration<TInputs, TOutputs>(
  type: ResourceType<TInputs, TOutputs>, name: string, args: object, opts: CustomResourceOptions,
): [dynamic.ResourceProvider<TInputs, TOutputs>, string, Record<string, unknown>, CustomResourceOptions, string, string] {
  const [module, typeName] = type.kind.split(":");
  return [type.provider, name, resourceProps(type.fields, name, args), resourceOptions(type.fields, args, opts), module, typeName];
}

/** The arguments the class's static `get` passes on: the lookup fields of its state (shared/fields.ts). */
export function lookupArgs(fields: FieldTable, state: object): Record<string, unknown> {
  const given = state as Record<string, unknown>;
  return Object.fromEntries(fieldsWhere(fields, (f) => f.lookup === true).map((k) => [k, given[k]]));
}
