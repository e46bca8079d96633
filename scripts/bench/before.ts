/**
 * `--before <revision>`: the same lifecycle, in the same run, with the package as it was at an
 * earlier commit, so that a change's effect (issue 25: the state diet) is measured against the
 * same machine load. The revision's files come from `git archive` into `.engine-work/before-<rev>`
 * and are compiled there with this checkout's TypeScript; its node_modules links every package of
 * this checkout's but `pulumi-access-keys`, which is the old tree itself, so the provider host of
 * a stack under it loads the old runtime (docs/pulumi-engine.md#module-resolution), and the old
 * resource classes, loaded in this process, share this process's `@pulumi/pulumi`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { UsageError } from "./options";

export interface BeforeTree {
  /** The commit, abbreviated. */
  revision: string;
  root: string;
  /**
   * The old workload's own `declareKey` of a cloud (emulator/<cloud>/workload.ts then), not a
   * wrapper: each resource stores the program's stack trace, which must hold the same frames as ours.
   */
  declareKey(cloud: string): (index: number, revision: number) => pulumi.CustomResource;
}

const SELF = "pulumi-access-keys";

export function beforeTree(root: string, revision: string, progress: (line: string) => void): BeforeTree {
  let commit: string;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", `${revision}^{commit}`], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    throw new UsageError(`--before: "${revision}" is not a commit of this repository`);
  }
  const dir = path.join(root, ".engine-work", `before-${commit}`);
  if (!fs.existsSync(path.join(dir, "dist", "provider", "index.js"))) {
    progress(`building ${commit} in ${path.relative(root, dir)}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
    execFileSync("bash", ["-c", `git archive "${commit}" | tar -x -C "${dir}"`], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    for (const entry of fs.readdirSync(path.join(root, "node_modules"))) {
      if (entry !== SELF) fs.symlinkSync(path.join(root, "node_modules", entry), path.join(dir, "node_modules", entry));
    }
    fs.symlinkSync("..", path.join(dir, "node_modules", SELF), "dir");
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: dir, stdio: "inherit" });
  }
  return {
    revision: commit,
    root: dir,
    declareKey: (cloud) => require(path.join(dir, "dist", "emulator", cloud, "workload.js")).workload.bench.declareKey,
  };
}
