/**
 * Reads what the audit needs from stacks: the deployment (managed ids, organizations, per-resource
 * credentials) and, for a named stack, its config (the settings its resources read first). A
 * named stack goes through the Automation API (`exportStack`, `getAllConfig`), which decrypts
 * secrets with the stack's secrets provider; without it (no passphrase, no login), the
 * deployment and config are read again without secrets: ids are plaintext, so the managed keys
 * are still known, and only the accounts behind encrypted values are skipped.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { promisify } from "node:util";
import type { LocalWorkspace } from "@pulumi/pulumi/automation";
import { StackState, stackState } from "./deployment";

/** A config value as `pulumi config --json` shows it: a secret has no `value` unless decrypted. */
export interface ConfigEntry {
  value?: string;
  secret: boolean;
}

export interface StackSource extends StackState {
  /** The stack's config; absent for a state file (its settings come from the environment). */
  config?: Map<string, ConfigEntry>;
  /** Why this stack's secrets could not be read, when they could not. */
  secretsProblem?: string;
}

/** A `pulumi stack export` file. Secrets are readable only when it was exported with `--show-secrets`. */
export function readStateFile(file: string): StackSource {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`--state ${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`--state ${file}: not JSON (expected the output of \`pulumi stack export\`)`);
  }
  return { ...stackState(file, file, parsed), secretsProblem: "exported without --show-secrets" };
}

/**
 * Why a CLI call failed, in one line: the CLI's own `error:` line from its stderr (the Automation
 * API's CommandError keeps it in `commandResult`; execFile's error in `stderr`), else the first line.
 */
function reason(err: unknown): string {
  const e = err as { commandResult?: { stderr?: unknown }; stderr?: unknown; message?: unknown };
  const text = String(e.commandResult?.stderr || e.stderr || e.message || err);
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const cliError = lines.find((l) => /^error:/.test(l)) ?? lines.find((l) => /error:/.test(l));
  return (cliError ?? lines[0] ?? "unknown error").replace(/^.*?error:\s*/, "");
}

/** Runs `pulumi <args>` in the project, without the Automation API's --show-secrets. */
async function pulumiJson(workspace: LocalWorkspace, args: string[]): Promise<unknown> {
  const run = promisify(execFile);
  const env = { ...process.env, ...workspace.envVars, ...(workspace.pulumiHome ? { PULUMI_HOME: workspace.pulumiHome } : {}) };
  const { stdout } = await run(workspace.pulumiCommand.command, [...args, "--non-interactive"], { cwd: workspace.workDir, env, maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout);
}

function configEntries(raw: unknown): Map<string, ConfigEntry> {
  const entries = Object.entries((raw ?? {}) as Record<string, { value?: unknown; secret?: unknown }>);
  return new Map(entries.map(([key, v]) => [key, { value: typeof v.value === "string" ? v.value : undefined, secret: v.secret === true }]));
}

async function withoutSecrets(workspace: LocalWorkspace, name: string, problem: string): Promise<StackSource> {
  const deployment = await pulumiJson(workspace, ["stack", "export", "--stack", name]);
  const config = await pulumiJson(workspace, ["config", "--json", "--stack", name]);
  return { ...stackState(name, `stack ${name}`, deployment), config: configEntries(config), secretsProblem: problem };
}

/** The workspace of the project folder (Pulumi.yaml there names the backend). */
export async function projectWorkspace(cwd: string): Promise<LocalWorkspace> {
  const { LocalWorkspace: Workspace } = await import("@pulumi/pulumi/automation");
  return Workspace.create({ workDir: cwd });
}

/** The stack selected in the project (`pulumi stack select`), for an audit that names none. */
export async function selectedStack(workspace: LocalWorkspace): Promise<string> {
  const current = await workspace.stack().catch((err: unknown) => {
    throw new Error(`no stack given and none selected in ${workspace.workDir}: ${reason(err)}; pass --stack or --state`);
  });
  if (!current) throw new Error(`no stack given and none selected in ${workspace.workDir}: pass --stack or --state`);
  return current.name;
}

/** A named stack, with its secrets when the secrets provider can be used. */
export async function readStack(workspace: LocalWorkspace, name: string): Promise<StackSource> {
  try {
    const deployment = await workspace.exportStack(name);
    const config = await workspace.getAllConfig(name);
    return { ...stackState(name, `stack ${name}`, deployment), config: configEntries(config) };
  } catch (err) {
    const problem = reason(err);
    try {
      return await withoutSecrets(workspace, name, problem);
    } catch (again) {
      throw new Error(`stack ${name}: ${reason(again)}`);
    }
  }
}
