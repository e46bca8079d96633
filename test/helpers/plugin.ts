/**
 * Projects that use the provider plugin (provider/plugin/) through the real CLI: a folder under
 * `.engine-work/` with a Pulumi.yaml whose `plugins.providers` path is the package's own `bin/`
 * (the npm launcher, over the `dist/` build), a file backend and a passphrase, driven by the
 * Automation API (a local program) or by the CLI itself (`pulumi import`). YAML programs need
 * the YAML language host, which test/global-setup.js builds (scripts/pulumi-yaml.sh).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigMap, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { PASSPHRASE, pulumiCommand } from "./engine";

export const ROOT = path.resolve(__dirname, "..", "..");
/** The folder holding the `pulumi-resource-access-keys` launcher. */
export const PLUGIN_DIR = path.join(ROOT, "bin");

export interface PluginProject {
  stack: Stack;
  dir: string;
  /** Everything the CLI printed so far (scanned for leaks). */
  output: string[];
  rawState(): string;
  /** The resources of the plugin's types in the raw checkpoint. */
  resources(): { urn: string; type: string; id?: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[];
  /** Runs the CLI in the project folder on the stack; resolves with what it printed, rejects on failure. */
  cli(args: string[]): Promise<string>;
  /** Rewrites the program (the Pulumi.yaml text after the header). */
  write(program: string): void;
  cleanup(): Promise<void>;
}

/** The environment every run gets: a private PULUMI_HOME, the YAML host on PATH, no ambient settings. */
function projectEnv(dir: string, extra: Record<string, string>): Record<string, string> {
  const yamlRoot = process.env.PULUMI_ACCESS_KEYS_YAML_ROOT;
  if (!yamlRoot) throw new Error("PULUMI_ACCESS_KEYS_YAML_ROOT is not set: run through jest (test/global-setup.js builds the YAML host)");
  return {
    PULUMI_HOME: path.join(dir, "home"),
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_ACCESS_KEYS_RETRY_BASE_MS: "50",
    PATH: `${path.join(yamlRoot, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    ...extra,
  };
}

/**
 * A project in a new folder: `program` is the Pulumi.yaml text after the header this writes
 * (name, runtime, backend, the plugin's path), e.g. `config:` and `resources:` for YAML.
 */
export async function pluginProject(name: string, runtime: string, program: string, config: ConfigMap, env: Record<string, string> = {}): Promise<PluginProject> {
  const base = path.join(ROOT, ".engine-work");
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `${name}-`));
  const stateDir = path.join(dir, "state");
  fs.mkdirSync(stateDir);
  const header = [
    `name: ${name}`, `runtime: ${runtime}`, "backend:", `  url: file://${stateDir}`,
    "plugins:", "  providers:", "    - name: access-keys", `      path: ${PLUGIN_DIR}`, "",
  ].join("\n");
  const write = (text: string) => fs.writeFileSync(path.join(dir, "Pulumi.yaml"), header + text);
  write(program);
  const envVars = projectEnv(dir, env);
  const command = await pulumiCommand();
  const stack = await LocalWorkspace.createOrSelectStack({ stackName: "test", workDir: dir }, { pulumiCommand: command, envVars });
  await stack.setAllConfig(config);
  const output: string[] = [];
  const rawState = () => fs.readFileSync(path.join(stateDir, ".pulumi", "stacks", name, "test.json"), "utf8");
  return {
    stack, dir, output, rawState, write,
    resources: () => (JSON.parse(rawState()).checkpoint.latest?.resources ?? []).filter((r: { type: string }) => r.type.startsWith("access-keys:")),
    cli: (args) => new Promise((resolve, reject) => {
      execFile(command.command, [...args, "--stack", "test", "--non-interactive"], { cwd: dir, env: { ...process.env, ...envVars } }, (err, stdout, stderr) => {
        output.push(stdout, stderr);
        if (err) reject(new Error(`pulumi ${args.join(" ")} failed: ${stderr || stdout}`));
        else resolve(stdout);
      });
    }),
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Options that record the CLI's output for the leak scan. */
export function recorded(p: PluginProject) {
  return { onOutput: (line: string) => p.output.push(line) };
}
