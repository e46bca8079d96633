/**
 * What the same-shape bootstrap (./same-shape.ts) loads inside the provider host: `check` answers
 * with the inputs, `create` and `update` with the outputs recorded from our run, found by the
 * `logicalName` input. No diff, read or delete: the host stands in for them without any work.
 */
import * as fs from "node:fs";

export const SHAPES_FILE_VAR = "BENCH_SAME_SHAPE_FILE";

/** One key as the engine stored it (secrets in plaintext), without `__provider`. */
export interface KeyShape {
  id: string;
  /** The properties the program passed (the rest `check` added). */
  declared: string[];
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
  // The revision whose recorded inputs hold what the program passed.
  const revisionOf = (news: Inputs): 0 | 1 => {
    const [first] = table[String(news.logicalName)].revisions;
    return Object.entries(news).every(([k, v]) => k === "__provider" || JSON.stringify(first.inputs[k]) === JSON.stringify(v)) ? 0 : 1;
  };
  Object.assign(bootstrap, {
    check: async (_olds: Inputs, news: Inputs) => ({ inputs: shape(news, revisionOf(news)).inputs }),
    create: async (inputs: Inputs) => ({ id: shape(inputs, 0).id, outs: shape(inputs, 0).outputs }),
    update: async (_id: string, _olds: Inputs, news: Inputs) => ({ outs: shape(news, 1).outputs }),
  });
}
