/**
 * `npm run bench` (issue 7): the real Pulumi engine against the in-process emulator, for N keys
 * per cloud, next to a do-nothing baseline resource run through the same engine. Prints Markdown
 * (the tables in docs/benchmarks.md) on stdout, progress on stderr, and exits 1 when a target
 * fails. Flags: see scripts/bench/options.ts or `--help`.
 */
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { AllCloudsOptions, createEmulator, Emulator } from "../emulator";
import { BASELINE_KIND, BaselineResource } from "./bench/baseline";
import { CLOUDS, CloudCase, cloudCase } from "./bench/clouds";
import { HostSampler } from "./bench/host";
import { BenchOptions, parseOptions, USAGE, UsageError } from "./bench/options";
import { cloudTables, rateLimitTable, targetTable } from "./bench/report";
import { BenchEnv, LifecycleResult, RateLimitedResult, RequestLog, Subject, lifecycle, rateLimited } from "./bench/scenarios";
import { Target, lifecycleTargets, rateLimitTargets } from "./bench/targets";

const ROOT = path.resolve(__dirname, "..", "..");

function pulumiRoot(): string {
  const out = execFileSync("bash", [path.join(ROOT, "scripts", "pulumi-cli.sh")], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  return out.trim().split("\n").pop()!;
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

const baselineSubject: Subject = {
  label: "baseline",
  kind: BASELINE_KIND,
  config: {},
  declare: (index, revision) => new BaselineResource(`key-${index}`, `bench-${index}-r${revision}`),
};

function cloudSubject(c: CloudCase, emulator: Emulator): Subject {
  return {
    label: c.cloud,
    kind: c.kind,
    cloud: c.cloud,
    config: c.config(emulator),
    declare: c.declare,
    inventory: () => emulator.cloud(c.cloud).inventory().length,
  };
}

/** One-minute load average, sampled through the run: the machine is shared. */
function loadMonitor(): () => string {
  const samples = [os.loadavg()[0]];
  const timer = setInterval(() => samples.push(os.loadavg()[0]), 5_000);
  return () => {
    clearInterval(timer);
    samples.push(os.loadavg()[0]);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    return `${Math.min(...samples).toFixed(1)} to ${Math.max(...samples).toFixed(1)} (mean ${mean.toFixed(1)})`;
  };
}

interface Results {
  ours: Map<CloudCase, LifecycleResult[]>;
  baseline: LifecycleResult[];
  limited: { c: CloudCase; r: RateLimitedResult }[];
}

async function runAll(env: BenchEnv, clouds: CloudCase[], opts: BenchOptions): Promise<Results> {
  const results: Results = { ours: new Map(clouds.map((c) => [c, []])), baseline: [], limited: [] };
  // Sizes outermost, so that each N of ours runs close in time to the same N of the baseline.
  for (const n of opts.sizes) {
    for (let round = 1; round <= opts.repeat; round++) {
      progress(`N = ${n}${opts.repeat > 1 ? `, round ${round} of ${opts.repeat}` : ""}`);
      results.baseline.push(await lifecycle(env, baselineSubject, n));
      for (const c of clouds) results.ours.get(c)!.push(await lifecycle(env, cloudSubject(c, env.emulator), n));
    }
  }
  if (opts.rateLimit) {
    progress("under a rate limit");
    for (const c of clouds) {
      const keys = opts.rateLimitKeys ?? c.rateLimit.keys;
      results.limited.push({ c, r: await rateLimited(env, cloudSubject(c, env.emulator), c, keys) });
    }
  }
  return results;
}

function report(results: Results, opts: BenchOptions, header: string[]): Target[] {
  const targets: Target[] = [];
  const out: string[] = [...header, ""];
  for (const [c, ours] of results.ours) {
    if (!ours.length) continue;
    out.push(cloudTables(c, ours, results.baseline), "");
    targets.push(...lifecycleTargets(c, ours, results.baseline, opts.latencyMs));
  }
  if (results.limited.length) {
    out.push("### Under a rate limit", "", rateLimitTable(results.limited), "");
    for (const { c, r } of results.limited) targets.push(...rateLimitTargets(c, r));
  }
  out.push("### Targets", "", targetTable(targets), "");
  process.stdout.write(out.join("\n"));
  return targets;
}

/** The commit measured, `-dirty` when the working tree differs from it. */
function revision(): string {
  try {
    return execFileSync("git", ["describe", "--always", "--dirty"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

function environment(command: PulumiCommand, opts: BenchOptions, load: string): string[] {
  const knobs = Object.entries(process.env)
    .filter(([k]) => k.startsWith("PULUMI_ACCESS_KEYS_") || k === "PULUMI_SKIP_CHECKPOINTS")
    .map(([k, v]) => `${k}=${v}`);
  const args = process.argv.slice(2).join(" ");
  return [
    `- Measured ${new Date().toISOString()} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
      `Node ${process.version}, Pulumi CLI ${command.version ?? "?"}, @pulumi/pulumi ${require("@pulumi/pulumi/package.json").version}`,
    `- Engine at its default parallelism; emulator latency ${opts.latencyMs} ms per request; ` +
      `${opts.repeat > 1 ? `timings are the median of ${opts.repeat} runs per size` : "one run per size"}`,
    `- 1-minute load average during the run: ${load}`,
    `- Settings: ${knobs.length ? knobs.join(", ") : "package and engine defaults (no PULUMI_ACCESS_KEYS_* or PULUMI_SKIP_CHECKPOINTS set)"}`,
    `- Command: \`npm run bench${args ? ` -- ${args}` : ""}\` at revision ${revision()}`,
  ];
}

async function main(): Promise<void> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) return void process.stdout.write(`${USAGE}\n`);
  const opts = parseOptions(process.argv.slice(2));
  const selected = opts.clouds?.map(cloudCase) ?? CLOUDS;
  // The provider host resolves `pulumi-access-keys` from the working directory: the repository.
  process.chdir(ROOT);
  progress("Pulumi CLI");
  const command = await PulumiCommand.get({ root: pulumiRoot(), skipVersionCheck: true });
  const maxKeys = Math.max(...opts.sizes, opts.rateLimitKeys ?? 0, ...CLOUDS.map((c) => c.rateLimit.keys));
  const emulatorOptions: AllCloudsOptions = Object.assign({ latencyMs: opts.latencyMs }, ...selected.map((c) => c.emulator(maxKeys)));
  const emulator = createEmulator(emulatorOptions);
  // Default: every cloud the emulator serves.
  const clouds = selected.filter((c) => opts.clouds !== undefined || emulator.clouds.has(c.cloud));
  await emulator.start();
  const stopLoad = loadMonitor();
  try {
    const env: BenchEnv = { root: ROOT, command, emulator, requests: new RequestLog(emulator), sampler: new HostSampler(), progress };
    const results = await runAll(env, clouds, opts);
    const targets = report(results, opts, environment(command, opts, stopLoad()));
    const failed = targets.filter((t) => !t.pass).length;
    progress(failed ? `${failed} of ${targets.length} targets FAILED` : `all ${targets.length} targets passed`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    stopLoad();
    await emulator.stop();
  }
}

main().catch((err) => {
  const text = err instanceof UsageError ? `${err.message}\n${USAGE}` : err instanceof Error ? err.stack ?? err.message : String(err);
  process.stderr.write(`bench failed: ${text}\n`);
  process.exit(1);
});
