/** Lists compared as sets: one sorted spelling, then element by element. */
export function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
