/**
 * What the same-shape bootstrap (./same-shape.ts) loads inside the provider host: `create` and
 * `update` answer with the outputs recorded from our run, found by the `logicalName` input. No
 * check, diff, read or delete: the host stands in for them without any work.
 */
import * as fs from "node:fs";

export const SHAPES_FILE_VAR = "BENCH_SAME_SHAPE_FILE";

/** One key as the engine stored it (secrets in plaintext), without `__provider`. */
export interface KeyShape {
  id: string;
  inputs: Record<string, unknown>;
  secretInputs: string[];
  outputs: Record<string, unknown>;
  secretOutputs: string[];
}

/** By `logicalName`: the resource name and the key after `up` (revision 0) and after the update pass (1). */
export type ShapeTable = Record<string, { name: string; revisions: [KeyShape, KeyShape] }>;

type Inputs = Record<string, unknown>;

export function boot(bootstrap: object): void {
  const table: ShapeTable = JSON.parse(fs.readFileSync(process.env[SHAPES_FILE_VAR]!, "utf8"));
  const shape = (inputs: Inputs, revision: 0 | 1) => table[String(inputs.logicalName)].revisions[revision];
  Object.assign(bootstrap, {
    create: async (inputs: Inputs) => ({ id: shape(inputs, 0).id, outs: shape(inputs, 0).outputs }),
    update: async (_id: string, _olds: Inputs, news: Inputs) => ({ outs: shape(news, 1).outputs }),
  });
}
