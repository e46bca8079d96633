/**
 * An engine stack whose program is a table of keys (resource name -> cloud and args) that a test
 * changes between runs, so that several cases share one stack (the bad-day tests: one in
 * test/engine/ for every cloud, one in a cloud's own folder for what only that cloud has).
 */
import * as pulumi from "@pulumi/pulumi";
import { Emulator } from "../../emulator";
import { emulatorSettings, emulatorStackConfig, Props, TestedCloud } from "./clouds";
import { EngineStack, engineStack } from "./engine";

/** A declared key's outputs as the program exports them. */
export interface KeyOutputs {
  id: string;
  name: string;
  secret: string;
  rotatedAt: string;
}

export interface KeysStack extends EngineStack {
  /** The program: resource name -> its cloud and args, read at each run. */
  keys: Record<string, { cloud: TestedCloud; args: Props }>;
  /** Each key's outputs, by resource name. */
  outputsOf(): Promise<Record<string, KeyOutputs>>;
  /** The resource with this id in the raw checkpoint. */
  stateOf(id: string): ReturnType<EngineStack["resources"]>[number];
}

/** A stack on the emulator with each cloud's token, URL and settings; each cloud's emulator prepared. */
export async function keysStack(projectName: string, emulator: Emulator, clouds: TestedCloud[]): Promise<KeysStack> {
  for (const c of clouds) c.harness.prepare?.(emulator);
  const table: Pick<KeysStack, "keys"> = { keys: {} };
  const s = await engineStack(
    projectName,
    async () => Object.fromEntries(Object.entries(table.keys).map(([name, { cloud, args }]) => {
      const key = cloud.harness.engine.declare(name, args);
      return [name, pulumi.output({ id: key.id, name: key.name, secret: key.secret, rotatedAt: key.rotatedAt })];
    })),
    Object.assign({}, ...clouds.map((c) => emulatorStackConfig(c, emulator, emulatorSettings(c)))),
    // Short request timeouts keep the settle window after a lost create (three timeouts) short.
    { PULUMI_ACCESS_KEYS_TIMEOUT_MS: "1000" },
  );
  return Object.assign(table, s, {
    outputsOf: async () => Object.fromEntries(Object.entries(await s.stack.outputs()).map(([k, v]) => [k, v.value as KeyOutputs])),
    stateOf: (id: string) => s.resources().find((r) => r.id === id)!,
  });
}

/** The message of the error a CLI run must end with. */
export async function failure(run: Promise<unknown>): Promise<string> {
  const result = await run.catch((e: Error) => e);
  expect(result).toBeInstanceOf(Error);
  return String((result as Error).message);
}

