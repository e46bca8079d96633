/**
 * The provider host turns results into protobuf Structs, which throw on `undefined`, BigInt or
 * Buffer and silently turn a Date into `{}` (pulumi/pulumi#2205, #7576). Everything returned to
 * the engine goes through here.
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
