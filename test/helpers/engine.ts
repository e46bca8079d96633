/**
 * Runs the real Pulumi engine (CLI built by scripts/pulumi-cli.sh) through the Automation API
 * with an inline program, a file backend in a temporary folder and a passphrase secrets
 * provider. The dynamic-provider host starts in the workspace folder, so that folder lives inside
 * the repository (`.engine-work/`, git-ignored): from there node_modules/pulumi-access-keys and
 * @pulumi/pulumi resolve to the repository's own, as they would from a user's program folder.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigMap, LocalWorkspace, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";

export const PASSPHRASE = "engine-test-passphrase";

export interface EngineStack {
  stack: Stack;
  dir: string;
  /** Everything the CLI printed so far (scanned for leaks). */
  output: string[];
  /** The raw checkpoint file: secrets appear here only as ciphertext. */
  rawState(): string;
  /** Deployment resources from the raw checkpoint. */
  resources(): { type: string; id?: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[];
  cleanup(): Promise<void>;
}

let command: Promise<PulumiCommand> | undefined;

export function pulumiCommand(): Promise<PulumiCommand> {
  const root = process.env.PULUMI_ACCESS_KEYS_PULUMI_ROOT;
  if (!root) throw new Error("PULUMI_ACCESS_KEYS_PULUMI_ROOT is not set: run through jest (test/global-setup.js builds the CLI)");
  command ??= PulumiCommand.get({ root, skipVersionCheck: true });
  return command;
}

export async function engineStack(projectName: string, program: PulumiFn, config: ConfigMap, extraEnv: Record<string, string> = {}): Promise<EngineStack> {
  const base = path.resolve(__dirname, "..", "..", ".engine-work");
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `${projectName}-`));
  const stateDir = path.join(dir, "state");
  fs.mkdirSync(stateDir);
  const output: string[] = [];
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "test", projectName, program },
    {
      pulumiCommand: await pulumiCommand(),
      workDir: dir,
      projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${stateDir}` } },
      envVars: {
        PULUMI_HOME: path.join(dir, "home"),
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_ACCESS_KEYS_RETRY_BASE_MS: "50",
        ...extraEnv,
      },
    },
  );
  await stack.setAllConfig(config);
  const rawState = () => fs.readFileSync(path.join(stateDir, ".pulumi", "stacks", projectName, "test.json"), "utf8");
  return {
    stack,
    dir,
    output,
    rawState,
    resources: () => (JSON.parse(rawState()).checkpoint.latest?.resources ?? []).filter((r: { type: string }) => r.type.startsWith("pulumi-nodejs:dynamic/")),
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Options that record the CLI's output for the leak scan. */
export function recording(s: EngineStack) {
  return { onOutput: (line: string) => s.output.push(line) };
}

/** Is this output value stored encrypted in the raw checkpoint? */
export function isCiphertext(value: unknown): boolean {
  return !!value && typeof value === "object" && (value as Record<string, unknown>)["4dabf18193072939515e22adb298388d"] === "1b47061264138c4ac30d75fd1eb44270"
    && typeof (value as Record<string, unknown>).ciphertext === "string";
}

/**
 * The leak scan: none of `secrets` (generated secrets, API tokens) and no Authorization header
 * value appears in the raw checkpoint or in anything the CLI printed.
 */
export function expectNoLeaks(s: Pick<EngineStack, "rawState" | "output">, secrets: string[]): void {
  const places = { state: s.rawState(), output: s.output.join("\n") };
  for (const [where, text] of Object.entries(places)) {
    const leaked = secrets.filter((secret) => secret && text.includes(secret));
    expect({ where, leaked }).toEqual({ where, leaked: [] });
    expect(text).not.toMatch(/(Bearer|AccessKey) [A-Za-z0-9_-]{8,}/);
  }
}

/** Every resource carries the same serialized provider (a string), in inputs and in outputs. */
export function expectOneSerializedProvider(s: EngineStack, resourceCount: number): void {
  const all = s.resources();
  expect(all).toHaveLength(resourceCount);
  expect(typeof all[0].inputs.__provider).toBe("string");
  for (const r of all) {
    expect(r.inputs.__provider).toBe(all[0].inputs.__provider);
    expect(r.outputs.__provider).toBe(r.inputs.__provider);
  }
}
