/**
 * `npm run bench` (issue 7): the real Pulumi engine against the in-process emulator, for N keys
 * per cloud, next to a do-nothing baseline resource run through the same engine. Prints Markdown
 * (the tables in docs/benchmarks.md) on stdout, progress on stderr, and exits 1 when a target
 * fails. Flags: see scripts/bench/options.ts or `--help`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { AllCloudsOptions, createEmulator, Emulator } from "../emulator";
import { BASELINE_KIND, BaselineResource } from "./bench/baseline";
import { beforeTree } from "./bench/before";
import { CLOUDS, CloudCase, cloudCase } from "./bench/clouds";
import { HostSampler } from "./bench/host";
import { Implementation, implementations } from "./bench/implementations";
import { BenchOptions, parseOptions, USAGE, UsageError } from "./bench/options";
import { providerBudgetRows } from "./bench/provider-budget";
import { cloudTables, providerBudgetTable, rateLimitTable, summary, targetTable } from "./bench/report";
import { sameShapeSubject } from "./bench/same-shape";
import { BenchEnv, CloudRuns, LifecycleResult, RateLimitedResult, RequestLog, Subject, lifecycle, rateLimited } from "./bench/scenarios";
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
  clouds: Map<CloudCase, CloudRuns>;
  baseline: LifecycleResult[];
  limited: { c: CloudCase; r: RateLimitedResult }[];
}

/** Ours, then its same-shape twin built from our checkpoint, then the other implementations. */
async function runCloud(env: BenchEnv, c: CloudCase, n: number, runs: CloudRuns, others: Implementation[]): Promise<void> {
  const ours = cloudSubject(c, env.emulator);
  const run = await lifecycle(env, { ...ours, captureShapes: true }, n);
  runs.ours.push(run);
  const file = path.join(env.root, ".engine-work", `same-shape-${c.cloud}-${n}.json`);
  try {
    const same = await lifecycle(env, await sameShapeSubject(ours, run, file), n);
    if (same.state.providerBytes !== run.state.providerBytes) throw new Error(`same-shape: __provider of ${same.state.providerBytes} bytes, ours ${run.state.providerBytes}`);
    runs.sameShape.push(same);
  } finally {
    fs.rmSync(file, { force: true });
  }
  delete run.shapes;
  for (const impl of others) {
    const subject = impl.subject(c, ours);
    if (!subject) continue;
    if (!runs.others.has(impl.label)) runs.others.set(impl.label, []);
    runs.others.get(impl.label)!.push(await lifecycle(env, subject, n));
  }
}

async function runAll(env: BenchEnv, clouds: CloudCase[], opts: BenchOptions, others: Implementation[]): Promise<Results> {
  const results: Results = { clouds: new Map(clouds.map((c) => [c, { ours: [], sameShape: [], others: new Map() }])), baseline: [], limited: [] };
  // The lifecycle rows measure our cost, not pacing: no budget and no rate-limit headers (which
  // the provider would pace itself by) on any cloud. The rate-limited runs set their own limits.
  for (const c of clouds) env.emulator.rateLimits.off(c.cloud);
  // Sizes outermost, so that each N of ours runs close in time to the same N of the baselines.
  for (const n of opts.sizes) {
    for (let round = 1; round <= opts.repeat; round++) {
      progress(`N = ${n}${opts.repeat > 1 ? `, round ${round} of ${opts.repeat}` : ""}`);
      results.baseline.push(await lifecycle(env, baselineSubject, n));
      for (const c of clouds) await runCloud(env, c, n, results.clouds.get(c)!, others);
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

function report(results: Results, opts: BenchOptions, header: string[], budget: string): Target[] {
  const targets: Target[] = [];
  const out: string[] = [...header, "", "### `__provider`", "", budget, ""];
  for (const [c, runs] of results.clouds) {
    if (!runs.ours.length) continue;
    out.push(cloudTables(c, runs, results.baseline), "");
    targets.push(...lifecycleTargets(c, runs.ours, results.baseline, opts.latencyMs));
  }
  if (results.limited.length) {
    out.push("### Under a rate limit", "", rateLimitTable(results.limited), "");
    for (const { c, r } of results.limited) targets.push(...rateLimitTargets(c, r));
  }
  out.push("### Targets", "", targetTable(targets), "");
  const closing = [...results.clouds].flatMap(([c, runs]) => summary(c, runs, results.baseline));
  if (closing.length) out.push("### Summary", "", ...closing, "");
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

/** What the emulator enforced and advertised, as run. */
function rateLimitSettings(clouds: CloudCase[], opts: BenchOptions): string {
  const names = clouds.map((c) => c.cloud).join(", ");
  const limited = clouds.map((c) => `${c.cloud} ${c.rateLimit.perWindow} per ${c.rateLimit.windowMs / 1000} s for ${opts.rateLimitKeys ?? c.rateLimit.keys} keys`);
  return `lifecycle runs: none on ${names} (no budget, no rate-limit headers); ` +
    (opts.rateLimit ? `rate-limited runs: ${limited.join("; ")} (every budget of the cloud)` : "rate-limited runs: skipped (`--rate-limit off`)");
}

function environment(command: PulumiCommand, clouds: CloudCase[], opts: BenchOptions, load: string): string[] {
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
    `- Rate limits: ${rateLimitSettings(clouds, opts)}`,
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
    const before = opts.before === undefined ? undefined : beforeTree(ROOT, opts.before, progress);
    const results = await runAll(env, clouds, opts, implementations(ROOT, before));
    const budget = providerBudgetTable(clouds, await providerBudgetRows(clouds.map((c) => c.kind)));
    const targets = report(results, opts, environment(command, clouds, opts, stopLoad()), budget);
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
