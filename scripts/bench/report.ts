/**
 * The benchmark's output: Markdown tables, ready to paste into docs/benchmarks.md.
 */
import type { CloudCase } from "./clouds";
import { OPS, medianOp, runsOf, sizesOf, type LifecycleResult, type OpFigures, type RateLimitedResult } from "./scenarios";
import { rateLimitBoundMs, rateLimitLabel, rateLimitRows, type Target } from "./targets";

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const mib = (f?: OpFigures) => (f?.host ? f.host.peakMib.toFixed(0) : "-");
const cpu = (f?: OpFigures) => (f?.host ? f.host.cpuSeconds.toFixed(1) : "-");

export function cloudTables(c: CloudCase, ours: LifecycleResult[], baseline: LifecycleResult[]): string {
  const timing: (string | number)[][] = [];
  const state: (string | number)[][] = [];
  for (const n of sizesOf(ours)) {
    for (const op of OPS) {
      const f = medianOp(ours, n, op)!;
      const b = medianOp(baseline, n, op);
      timing.push([
        n, op, s(f.wallMs), b ? s(b.wallMs) : "-", b ? (f.wallMs / b.wallMs).toFixed(2) : "-",
        (f.requests / n).toFixed(2), `${mib(f)} / ${mib(b)}`, `${cpu(f)} / ${cpu(b)}`,
      ]);
    }
    const r = runsOf(ours, n)[0].state;
    const b = runsOf(baseline, n)[0]?.state;
    state.push([
      n,
      `${r.providerBytes} / ${b?.providerBytes ?? "-"}`,
      runsOf(ours, n).every((run) => run.state.providerIdentical) ? "yes" : "NO",
      `${(r.stateBytes / n).toFixed(0)} / ${b ? (b.stateBytes / n).toFixed(0) : "-"}`,
    ]);
  }
  return [
    `### ${c.cloud} (\`${c.kind}\`)`,
    "",
    `Setup: ${c.notes}.`,
    "",
    table(["N", "operation", "ours (s)", "baseline (s)", "ours / baseline", "API calls per key", "host peak RSS, ours / baseline (MiB)", "host CPU, ours / baseline (s)"], timing),
    "",
    table(["N", "`__provider` bytes, ours / baseline", "identical for every resource", "state bytes per key, ours / baseline"], state),
  ].join("\n");
}

export function rateLimitTable(results: { c: CloudCase; r: RateLimitedResult }[]): string {
  const rows = results.flatMap(({ c, r }) =>
    rateLimitRows(c, r).map(({ op, figures: f, perKey }) => {
      const bound = rateLimitBoundMs(r, perKey, f);
      const head = [c.cloud, op, r.keys, rateLimitLabel(r)];
      if (!f) return [...head, "not run", s(bound), "-", "-", "-"];
      const wall = f.error ? `${s(f.wallMs)} (failed)` : s(f.wallMs);
      return [...head, `${f.requests} (${f.refused})`, s(bound), wall, s(f.apiSpanMs), (f.apiSpanMs / bound).toFixed(2)];
    }),
  );
  return table(["cloud", "operation", "keys", "limit", "requests (429s)", "bound (s)", "wall (s)", "first to last request (s)", "first to last / bound"], rows);
}

export function targetTable(targets: Target[]): string {
  return table(["cloud", "target", "measured", "result"], targets.map((t) => [t.cloud, t.target, t.measured, t.pass ? "PASS" : "**FAIL**"]));
}
