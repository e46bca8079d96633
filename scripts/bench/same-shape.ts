/**
 * The same-shape floor (issue 25): a do-nothing dynamic resource whose checkpoint entries match a
 * cloud's keys byte for byte, so that ours / same-shape is our own cost and same-shape / the
 * secret-less baseline the cost of the state we write.
 *
 * Its shapes are taken from the real checkpoint of our run at the same N (`pulumi stack export
 * --show-secrets`, after `up` and after the update pass): per key the id, the inputs and the
 * outputs, which of them are secret. Its type token is the cloud's own, so URNs match too. Its
 * serialized provider is a bootstrap like ours (a kind and a one-line `configure` that requires a
 * module, here ./same-shape-host by path), padded to the same bytes; the program passes the
 * properties ours passed, and the module answers `check` with the recorded inputs and `create`
 * and `update` with the recorded outputs, and leaves diff, read and delete to the host, so it
 * calls nothing. Only the file names in the program's stack trace differ (a byte or two).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import type { LocalWorkspace } from "@pulumi/pulumi/automation";
import type { BenchStack } from "./engine";
import type { LifecycleResult, Subject } from "./scenarios";
import { SHAPES_FILE_VAR, type KeyShape, type ShapeTable } from "./same-shape-host";

const execFileAsync = promisify(execFile);

export type { ShapeTable } from "./same-shape-host";

/** The envelope of a secret in a checkpoint export (`--show-secrets` adds `plaintext`). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

interface Exported {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  propertyDependencies?: Record<string, unknown>;
}

/** Plain values and the names of the top-level ones that were secret. */
function unwrap(props: Record<string, unknown> = {}): { values: Record<string, unknown>; secret: string[] } {
  const values: Record<string, unknown> = {};
  const secret: string[] = [];
  for (const [k, v] of Object.entries(props)) {
    if (k === "__provider") continue;
    const envelope = v as Record<string, unknown> | null;
    if (envelope && typeof envelope === "object" && SECRET_SIG in envelope) {
      secret.push(k);
      values[k] = JSON.parse(String(envelope.plaintext));
    } else values[k] = v;
  }
  return { values, secret };
}

/** The keys of `kind` in the stack's checkpoint, secrets in plaintext, by resource name. */
export async function exportShapes(s: BenchStack, kind: string): Promise<Map<string, KeyShape>> {
  const ws = s.stack.workspace as LocalWorkspace;
  const { stdout } = await execFileAsync(ws.pulumiCommand.command, ["stack", "export", "--show-secrets", "--non-interactive", "--stack", s.stack.name], {
    cwd: ws.workDir, env: { ...process.env, ...ws.envVars }, maxBuffer: 256 * 2 ** 20,
  });
  const resources: Exported[] = JSON.parse(stdout).deployment?.resources ?? [];
  const shapes = new Map<string, KeyShape>();
  for (const r of resources.filter((r) => r.type === `pulumi-nodejs:dynamic/${kind}`)) {
    const inputs = unwrap(r.inputs);
    const outputs = unwrap(r.outputs);
    const declared = Object.keys(r.propertyDependencies ?? inputs.values);
    shapes.set(r.urn.split("::").pop()!, { id: r.id!, declared, inputs: inputs.values, secretInputs: inputs.secret, outputs: outputs.values, secretOutputs: outputs.secret });
  }
  return shapes;
}

/** Up's and the update pass's shapes of every key, keyed by `logicalName` (what create and update see). */
export function shapeTable(up: Map<string, KeyShape>, updated: Map<string, KeyShape>): ShapeTable {
  const table: ShapeTable = {};
  for (const [name, shape] of up) {
    const later = updated.get(name);
    const key = shape.inputs.logicalName;
    if (typeof key !== "string" || !later || later.inputs.logicalName !== key) throw new Error(`same-shape: key ${name} has no logicalName input in both states`);
    table[key] = { name, revisions: [shape, later] };
  }
  return table;
}

/** What the host's module is found by, and the bootstrap that loads it. */
interface SameShapeBootstrap {
  kind: string;
  configure(r: unknown): void;
}

/** A bootstrap like ours whose `kind` pads it to `bytes` as stored in a checkpoint (JSON text). */
export async function paddedBootstrap(bytes: number): Promise<SameShapeBootstrap> {
  const make = (kind: string): SameShapeBootstrap => ({ kind, configure(r) { require(process.env.BENCH_SAME_SHAPE_HOST!).boot(this, r); } });
  // Named as in pulumi.dynamic.Resource, whose variable name the serialized text repeats.
  const stored = async (provider: SameShapeBootstrap) => JSON.stringify((await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text).length;
  const pad = bytes - (await stored(make("")));
  if (pad < 0) throw new Error(`same-shape: our __provider (${bytes} bytes) is smaller than the same-shape bootstrap`);
  const padded = make("x".repeat(pad));
  if ((await stored(padded)) !== bytes) throw new Error("same-shape: could not pad the bootstrap to our __provider's size");
  return padded;
}

/**
 * The same-shape twin of `ours` (one of our subjects, run with `captureShapes`): its shapes are
 * written to `file`, which the host reads.
 */
export async function sameShapeSubject(ours: Subject, run: LifecycleResult, file: string): Promise<Subject> {
  if (!run.shapes) throw new Error(`same-shape: ${ours.label} recorded no shapes`);
  const table = run.shapes;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(table));
  const bootstrap = await paddedBootstrap(run.state.providerBytes);
  return {
    label: `${ours.label}-same-shape`,
    kind: ours.kind,
    config: ours.config,
    env: { [SHAPES_FILE_VAR]: file, BENCH_SAME_SHAPE_HOST: require.resolve("./same-shape-host") },
    // Bound, not wrapped: each resource stores the program's stack trace, which must hold as many frames as ours.
    declare: declareSameShape.bind(undefined, bootstrap, ours.kind, table),
  };
}

/** Key `name` as recorded at `revision`, with its recorded secrets. */
function declareSameShape(bootstrap: SameShapeBootstrap, kind: string, table: ShapeTable, index: number, revision: number): pulumi.CustomResource {
  const entry = Object.values(table).find((e) => e.name === `key-${index}`);
  if (!entry) throw new Error(`same-shape: no recorded key-${index}`);
  const shape = entry.revisions[revision];
  const passed = Object.entries(shape.inputs).filter(([k]) => shape.declared.includes(k));
  const inputs = Object.fromEntries(passed.map(([k, v]) => [k, shape.secretInputs.includes(k) ? pulumi.secret(v) : v]));
  const [module, type] = kind.split(":");
  const provider = bootstrap as unknown as pulumi.dynamic.ResourceProvider;
  return new SameShapeKey(provider, entry.name, inputs, { additionalSecretOutputs: shape.secretOutputs }, module, type);
}

class SameShapeKey extends pulumi.dynamic.Resource {}
