/**
 * Runs `pulumi-access-keys audit` as a user does: the package's `bin` (package.json) as a child
 * process, and kills a `pulumi up` the Automation API started, with every process under it, as a
 * cancelled CI job is killed.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built file package.json's `bin` names for the command. */
export function binPath(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
  return path.join(ROOT, pkg.bin["pulumi-access-keys"]);
}

export function runAudit(args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<CommandRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [binPath(), "audit", ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Parent pid and command name of every process, from /proc. */
function processTable(): { pid: number; ppid: number; comm: string }[] {
  return fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      return [{ pid: Number(d), ppid, comm }];
    } catch {
      return [];
    }
  });
}

/** This process's child named `comm` (the CLI the Automation API started) and everything below it. */
export function childTree(comm: string): number[] {
  const table = processTable();
  const root = table.find((p) => p.ppid === process.pid && p.comm === comm);
  if (!root) return [];
  const tree = [root.pid];
  for (let i = 0; i < tree.length; i++) tree.push(...table.filter((p) => p.ppid === tree[i]).map((p) => p.pid));
  return tree;
}

/** SIGKILL to each process of the tree, by id: nothing gets to clean up, as when a CI runner kills a job. */
export function killTree(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
