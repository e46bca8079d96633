/**
 * Where the bytes of our `__provider` go (issue 25): the serialized text of ever smaller
 * variants of the bootstrap (provider/shared/shim.ts), as the checkpoint stores it (JSON text),
 * each row one more piece of what the host needs to load the package by name. The first two rows
 * are the serializer's own frame: the function that returns the object, and any function at all.
 */
import * as pulumi from "@pulumi/pulumi";
import { shimProvider } from "../../provider/shared/shim";

/** Bytes in a checkpoint of the object serialized as pulumi.dynamic.Resource does it. */
async function stored(provider: object): Promise<number> {
  return JSON.stringify((await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text).length;
}

/* eslint-disable @typescript-eslint/no-require-imports */
async function budgetOf(kind: string): Promise<[string, number][]> {
  const steps: [string, object][] = [
    ["`{}`: the serializer's frame (`exports.handler` and the function returning the object)", {}],
    ["`kind`: which of our resources (its type token)", { kind }],
    ["`configure() {}`: any method, the only code the host runs before others (a function frame of its own)", { kind, configure() {} }],
    ["the parameter `r` (the host's request: stack config)", { kind, configure(r: unknown) {} }],
    ["`require(\"pulumi-access-keys\");`: loading the package by name", { kind, configure(r: unknown) { require("pulumi-access-keys"); } }],
    ["`/runtime`: the entry point without the resource classes", { kind, configure(r: unknown) { require("pulumi-access-keys/runtime"); } }],
    ["`.boot(this, r)`: hand over config and install the methods", { kind, configure(r: unknown) { require("pulumi-access-keys/runtime").boot(this, r); } }],
  ];
  const rows: [string, number][] = [];
  for (const [label, provider] of steps) rows.push([label, await stored(provider)]);
  rows.push(["ours (provider/shared/shim.ts)", await stored(shimProvider(kind))]);
  return rows;
}

/** One row per piece, one column of cumulative bytes per kind, and what the piece adds (first kind). */
export async function providerBudgetRows(kinds: string[]): Promise<(string | number)[][]> {
  const budgets = await Promise.all(kinds.map(budgetOf));
  return budgets[0].map(([label], i) => [
    label,
    ...budgets.map((b) => b[i][1]),
    i === 0 ? budgets[0][0][1] : `+${budgets[0][i][1] - budgets[0][i - 1][1]}`,
  ]);
}
