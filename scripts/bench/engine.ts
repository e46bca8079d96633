/**
 * One stack on the real engine (Automation API, inline program, file backend, passphrase
 * secrets), as test/helpers/engine.ts does it. The workspace lives under the repository's
 * `.engine-work/` so the provider host resolves node_modules/pulumi-access-keys from there.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigMap, LocalWorkspace, ProjectSettings, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";

const PROJECT = "bench";
const STACK = "bench";

export interface BenchStack {
  stack: Stack;
  /** The raw checkpoint file (`<backend>/.pulumi/stacks/<project>/<stack>.json`). */
  statePath: string;
  cleanup(): void;
}

/**
 * `env`: more variables for the CLI and the provider host it starts; `pluginDir`: where the engine
 * finds the `access-keys` provider plugin (`plugins.providers[].path`, docs/plugin.md).
 */
export async function benchStack(
  root: string, command: PulumiCommand, label: string, program: PulumiFn, config: ConfigMap, env: Record<string, string> = {}, pluginDir?: string,
): Promise<BenchStack> {
  const base = path.join(root, ".engine-work");
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `bench-${label}-`));
  const stateDir = path.join(dir, "state");
  fs.mkdirSync(stateDir);
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: STACK, projectName: PROJECT, program },
    {
      pulumiCommand: command,
      workDir: dir,
      projectSettings: projectSettings(stateDir, pluginDir),
      envVars: {
        PULUMI_HOME: path.join(dir, "home"),
        PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        ...env,
      },
    },
  );
  await stack.setAllConfig(config);
  return {
    stack,
    statePath: path.join(stateDir, ".pulumi", "stacks", PROJECT, `${STACK}.json`),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The project file. `ProjectSettings` (3.248) has no `plugins`, but the workspace writes every
 * member to the project file and the CLI reads `plugins.providers` from there (docs/plugin.md).
 */
function projectSettings(stateDir: string, pluginDir: string | undefined): ProjectSettings {
  const settings: ProjectSettings & { plugins?: { providers: { name: string; path: string }[] } } = {
    name: PROJECT, runtime: "nodejs", backend: { url: `file://${stateDir}` },
  };
  if (pluginDir) settings.plugins = { providers: [{ name: "access-keys", path: pluginDir }] };
  return settings;
}

export interface StateFigures {
  /** Bytes of the whole checkpoint file. */
  stateBytes: number;
  /** Resources of the kind in state. */
  resources: number;
  /** Bytes of the largest `__provider` blob of the kind, as the checkpoint stores it (JSON text). */
  providerBytes: number;
  /** Whether every resource of the kind, inputs and outputs, holds the same `__provider` text. */
  providerIdentical: boolean;
}

interface CheckpointResource {
  type: string;
  inputs?: { __provider?: unknown };
  outputs?: { __provider?: unknown };
}

/** Reads the raw checkpoint (not `exportStack()`, which re-encodes it). */
/** `type`: the full type token, e.g. `pulumi-nodejs:dynamic/<kind>` (see `typeToken`). */
export function stateFigures(statePath: string, type: string): StateFigures {
  const text = fs.readFileSync(statePath, "utf8");
  const all: CheckpointResource[] = JSON.parse(text).checkpoint?.latest?.resources ?? [];
  const ours = all.filter((r) => r.type === type);
  // A provider plugin's resources carry none.
  const blobs = new Set(ours.flatMap((r) => [r.inputs?.__provider, r.outputs?.__provider]).filter((b) => b !== undefined).map(String));
  return {
    stateBytes: Buffer.byteLength(text),
    resources: ours.length,
    providerBytes: Math.max(0, ...[...blobs].map((b) => Buffer.byteLength(JSON.stringify(b)))),
    providerIdentical: blobs.size <= 1,
  };
}

/** A subject's type token in state: its own (e.g. a provider plugin's), else a dynamic resource's. */
export function typeToken(subject: { kind: string; type?: string }): string {
  return subject.type ?? `pulumi-nodejs:dynamic/${subject.kind}`;
}
