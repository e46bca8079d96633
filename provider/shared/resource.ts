/**
 * Helpers for the Resource classes. A dynamic resource only exposes an output property whose key
 * was present in the props it was constructed with, so every output is seeded as `undefined`
 * (undefined inputs are not sent to the provider).
 */
export function outputSlots<K extends string>(keys: readonly K[]): Record<K, undefined> {
  return Object.fromEntries(keys.map((k) => [k, undefined])) as Record<K, undefined>;
}
