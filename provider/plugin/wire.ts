/**
 * Property values on the wire (google.protobuf.Struct) and the engine's secret envelope. The
 * plugin answers Configure with `acceptSecrets: true`, so secret inputs arrive wrapped
 * (`{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value}`); the CRUD
 * core gets them unwrapped, and the fields the table marks secret leave wrapped, so the engine
 * stores them as ciphertext (docs/plugin.md#secrets).
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { fieldsWhere, FieldTable } from "../shared/fields";
import { plain } from "../shared/plain";

export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

function isSecret(value: unknown): value is { value: unknown } {
  return !!value && typeof value === "object" && (value as Props)[SECRET_SIG] === SECRET_VALUE;
}

/** The value with every secret envelope removed, at any depth. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

export function secret(value: unknown): unknown {
  return isSecret(value) ? value : { [SECRET_SIG]: SECRET_VALUE, value };
}

/** A request's Struct as plain properties, secrets unwrapped; an absent Struct is `undefined`. */
export function fromStruct(struct: Struct | undefined): Props | undefined {
  return struct === undefined ? undefined : (unwrapSecrets(struct.toJavaScript()) as Props);
}

/** Plain properties with the table's secret fields wrapped, `undefined` members dropped. */
export function sealSecrets(props: object | undefined, fields: FieldTable): Props {
  const values = plain({ ...(props ?? {}) }) as Props;
  for (const key of fieldsWhere(fields, (f) => f.secret === true)) {
    if (values[key] !== undefined) values[key] = secret(values[key]);
  }
  return values;
}

/** Properties for the engine, sealed (`sealSecrets`). */
export function toStruct(props: object | undefined, fields: FieldTable): Struct {
  return Struct.fromJavaScript(sealSecrets(props, fields) as Parameters<typeof Struct.fromJavaScript>[0]);
}
