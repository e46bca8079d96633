/**
 * Peak memory and CPU time of the dynamic-provider host (`pulumi-resource-pulumi-nodejs` runs
 * `node .../@pulumi/pulumi/cmd/dynamic-provider ...`), or of the provider plugin
 * (`bin/pulumi-resource-access-keys` runs `node .../dist/provider/plugin/main.js`), read from
 * /proc every 100 ms.
 *
 * Only hosts that descend from this process count: other engineers' test runs on the same
 * machine start hosts of their own. Each sample reads VmRSS and VmHWM (the kernel's high-water
 * mark), so a peak between two samples is not missed, and utime + stime, so the CPU time misses
 * at most the last 100 ms of a host's life. Figures are summed over the hosts seen (one per
 * operation in practice).
 */
import * as fs from "node:fs";

const INTERVAL_MS = 100;
/** USER_HZ, the unit of utime/stime in /proc/<pid>/stat: 100 on Linux everywhere in practice. */
const TICKS_PER_SECOND = 100;

export interface HostFigures {
  peakMib: number;
  cpuSeconds: number;
}

export class HostSampler {
  private hosts = new Map<number, { peakKib: number; ticks: number }>();
  private timer?: NodeJS.Timeout;

  start(): void {
    this.hosts.clear();
    this.sample();
    this.timer = setInterval(() => this.sample(), INTERVAL_MS);
  }

  /** Stops sampling; undefined when no host was seen. */
  stop(): HostFigures | undefined {
    clearInterval(this.timer);
    this.sample();
    if (this.hosts.size === 0) return undefined;
    let kib = 0;
    let ticks = 0;
    for (const h of this.hosts.values()) {
      kib += h.peakKib;
      ticks += h.ticks;
    }
    return { peakMib: kib / 1024, cpuSeconds: ticks / TICKS_PER_SECOND };
  }

  private sample(): void {
    for (const pid of providerHosts()) {
      const kib = peakKib(pid);
      const ticks = cpuTicks(pid);
      if (kib === undefined || ticks === undefined) continue;
      const seen = this.hosts.get(pid);
      this.hosts.set(pid, { peakKib: Math.max(seen?.peakKib ?? 0, kib), ticks: Math.max(seen?.ticks ?? 0, ticks) });
    }
  }
}

function providerHosts(): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return [];
  }
  return entries.filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => isHost(pid) && descendsFromUs(pid));
}

/**
 * A node process running the dynamic-provider script (not the `node -e require.resolve(...)` the
 * wrapper runs first) or the provider plugin.
 */
function isHost(pid: number): boolean {
  const args = readProc(pid, "cmdline")?.split("\0") ?? [];
  return /(^|\/)node$/.test(args[0] ?? "") && !args.includes("-e") && args.some((a) => a.includes("dynamic-provider") || a.endsWith("provider/plugin/main.js"));
}

function descendsFromUs(pid: number): boolean {
  let current = pid;
  for (let depth = 0; depth < 32 && current > 1; depth++) {
    if (current === process.pid) return true;
    const ppid = Number(statFields(current)?.[1]);
    if (!Number.isInteger(ppid)) return false;
    current = ppid;
  }
  return false;
}

/**
 * /proc/<pid>/stat from field 3 (state) on: the command name before it is in parentheses and may
 * contain spaces. So ppid (field 4) is [1], utime (14) [11], stime (15) [12].
 */
function statFields(pid: number): string[] | undefined {
  const stat = readProc(pid, "stat");
  return stat ? stat.slice(stat.lastIndexOf(")") + 2).split(" ") : undefined;
}

function cpuTicks(pid: number): number | undefined {
  const fields = statFields(pid);
  const ticks = fields ? Number(fields[11]) + Number(fields[12]) : NaN;
  return Number.isFinite(ticks) ? ticks : undefined;
}

function peakKib(pid: number): number | undefined {
  const status = readProc(pid, "status");
  if (!status) return undefined;
  const field = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0);
  return Math.max(field("VmRSS"), field("VmHWM")) || undefined;
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}
