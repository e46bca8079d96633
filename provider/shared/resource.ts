import { Input, Output, Unwrap, secret } from "@pulumi/pulumi";

/**
 * Helpers for the Resource classes. A dynamic resource only exposes an output property whose key
 * was present in the props it was constructed with, so every output is seeded as `undefined`
 * (undefined inputs are not sent to the provider).
 */
export function outputSlots<K extends string>(keys: readonly K[]): Record<K, undefined> {
  return Object.fromEntries(keys.map((k) => [k, undefined])) as Record<K, undefined>;
}

/**
 * A resource's `credentials` input made secret by the resource itself, so state holds it only as
 * ciphertext whatever the program passed (an input stays ciphertext only when it arrives as a
 * secret: docs/pulumi-engine.md#what-the-engine-does).
 */
export function secretCredentials<T>(credentials: Input<T> | undefined): Output<Unwrap<T>> | undefined {
  return credentials === undefined ? undefined : secret(credentials);
}

/**
 * `additionalSecretOutputs` of a resource: its generated secrets, plus `credentials` when given
 * (the provider echoes them into outputs for read and delete; belt and braces to the engine's
 * re-marking of an output whose same-named input was secret).
 */
export function secretOutputNames(generated: string[], args: { credentials?: unknown }): string[] {
  return args.credentials === undefined ? generated : [...generated, "credentials"];
}
