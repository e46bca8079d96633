/**
 * The benchmark's output: Markdown tables, ready to paste into docs/benchmarks.md.
 */
import type { CloudCase } from "./clouds";
import { OPS, medianOp, runsOf, sizesOf, type CloudRuns, type LifecycleResult, type OpFigures, type RateLimitedResult } from "./scenarios";
import { rateLimitBoundMs, rateLimitLabel, rateLimitRows, type Target } from "./targets";

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const mib = (f?: OpFigures) => (f?.host ? f.host.peakMib.toFixed(0) : "-");
const cpu = (f?: OpFigures) => (f?.host ? f.host.cpuSeconds.toFixed(1) : "-");

const ratio = (a?: OpFigures, b?: OpFigures) => (a && b ? (a.wallMs / b.wallMs).toFixed(2) : "-");
const perKey = (r: LifecycleResult | undefined, n: number) => (r ? (r.state.stateBytes / n).toFixed(0) : "-");

/**
 * Time: ours, the same-shape floor and the secret-less baseline, with ours / same-shape (our own
 * cost) and same-shape / baseline (the cost of the state we write). State: `__provider` and
 * checkpoint bytes per key of each. Then one table per other implementation (the provider plugin,
 * `--before`), beside ours, the same-shape floor and the baseline.
 */
export function cloudTables(c: CloudCase, runs: CloudRuns, baseline: LifecycleResult[]): string {
  const timing: (string | number)[][] = [];
  const state: (string | number)[][] = [];
  for (const n of sizesOf(runs.ours)) {
    for (const op of OPS) {
      const [f, same, b] = [medianOp(runs.ours, n, op)!, medianOp(runs.sameShape, n, op), medianOp(baseline, n, op)];
      timing.push([
        n, op, s(f.wallMs), same ? s(same.wallMs) : "-", b ? s(b.wallMs) : "-", ratio(f, same), ratio(same, b), ratio(f, b),
        (f.requests / n).toFixed(2), `${mib(f)} / ${mib(b)}`, `${cpu(f)} / ${cpu(b)}`,
      ]);
    }
    const [r, same, b] = [runsOf(runs.ours, n)[0], runsOf(runs.sameShape, n)[0], runsOf(baseline, n)[0]];
    state.push([
      n,
      [r, same, b].map((x) => x?.state.providerBytes ?? "-").join(" / "),
      runsOf(runs.ours, n).every((run) => run.state.providerIdentical) ? "yes" : "NO",
      [r, same, b].map((x) => perKey(x, n)).join(" / "),
    ]);
  }
  return [
    `### ${c.cloud} (\`${c.kind}\`)`,
    "",
    `Setup: ${c.notes}.`,
    "",
    table([
      "N", "operation", "ours (s)", "same-shape (s)", "secret-less baseline (s)", "ours / same-shape", "same-shape / baseline", "ours / baseline",
      "API calls per key", "host peak RSS, ours / baseline (MiB)", "host CPU, ours / baseline (s)",
    ], timing),
    "",
    table(["N", "`__provider` bytes, ours / same-shape / baseline", "identical for every resource", "state bytes per key, ours / same-shape / baseline"], state),
    ...[...runs.others].flatMap(([label, other]) => ["", `${label}:`, "", otherTable(label, runs, other, baseline)]),
  ].join("\n");
}

/**
 * Another implementation beside ours, the same-shape floor and the secret-less baseline of the
 * same run: time, its ratios to ours and to the baseline, and state per N.
 */
function otherTable(label: string, runs: CloudRuns, other: LifecycleResult[], baseline: LifecycleResult[]): string {
  const rows: (string | number)[][] = [];
  for (const n of sizesOf(other)) {
    const state = [other, runs.ours, runs.sameShape, baseline].map((list) => runsOf(list, n)[0]);
    for (const op of OPS) {
      const [f, m, same, b] = [medianOp(other, n, op)!, medianOp(runs.ours, n, op), medianOp(runs.sameShape, n, op), medianOp(baseline, n, op)];
      rows.push([
        n, op, s(f.wallMs), m ? s(m.wallMs) : "-", same ? s(same.wallMs) : "-", b ? s(b.wallMs) : "-", ratio(m, f), ratio(f, b),
        (f.requests / n).toFixed(2), `${mib(f)} / ${mib(m)}`,
        op === "up" ? state.map((x) => x?.state.providerBytes ?? "-").join(" / ") : "",
        op === "up" ? state.map((x) => perKey(x, n)).join(" / ") : "",
      ]);
    }
  }
  return table([
    "N", "operation", `${label} (s)`, "ours (s)", "same-shape (s)", "secret-less baseline (s)", `ours / ${label}`, `${label} / baseline`, "API calls per key",
    `host peak RSS, ${label} / ours (MiB)`, `\`__provider\` bytes, ${label} / ours / same-shape / baseline`, `state bytes per key, ${label} / ours / same-shape / baseline`,
  ], rows);
}

/** Bytes of each step of the bootstrap, per kind, as the checkpoint stores them (scripts/bench/provider-budget.ts). */
export function providerBudgetTable(clouds: CloudCase[], rows: (string | number)[][]): string {
  return table(["`__provider` holds", ...clouds.map((c) => `${c.cloud} (bytes)`), `adds (${clouds[0].cloud})`], rows);
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

/**
 * The closing note per cloud, at the largest N: our own cost (ours / same-shape), the cost of the
 * state we write (same-shape / secret-less), and each other implementation (e.g. before a change)
 * against ours in bytes per key, `up` and `update`.
 */
export function summary(c: CloudCase, runs: CloudRuns, baseline: LifecycleResult[]): string[] {
  const n = Math.max(...sizesOf(runs.ours));
  if (!Number.isFinite(n)) return [];
  const at = (list: LifecycleResult[], op: "up" | "update") => medianOp(list, n, op);
  const lines = [
    `- ${c.cloud}, N = ${n}: \`up\` ours / same-shape ${ratio(at(runs.ours, "up"), at(runs.sameShape, "up"))} (our own cost), ` +
      `same-shape / secret-less ${ratio(at(runs.sameShape, "up"), at(baseline, "up"))} (the cost of the state we write), ` +
      `ours / secret-less ${ratio(at(runs.ours, "up"), at(baseline, "up"))}; \`update\` ${ratio(at(runs.ours, "update"), at(runs.sameShape, "update"))}, ` +
      `${ratio(at(runs.sameShape, "update"), at(baseline, "update"))}, ${ratio(at(runs.ours, "update"), at(baseline, "update"))}.`,
  ];
  for (const [label, other] of runs.others) {
    const [o, r] = [runsOf(other, n)[0], runsOf(runs.ours, n)[0]];
    if (!o || !r) continue;
    lines.push(
      `- ${c.cloud}, N = ${n}, ${label} -> ours: state ${perKey(o, n)} -> ${perKey(r, n)} bytes per key (\`__provider\` ${o.state.providerBytes} -> ${r.state.providerBytes}); ` +
        `\`up\` ${s(at(other, "up")!.wallMs)} -> ${s(at(runs.ours, "up")!.wallMs)} s; \`update\` ${s(at(other, "update")!.wallMs)} -> ${s(at(runs.ours, "update")!.wallMs)} s; ` +
        `${label} / secret-less: \`up\` ${ratio(at(other, "up"), at(baseline, "up"))}, \`update\` ${ratio(at(other, "update"), at(baseline, "update"))}.`,
    );
  }
  return lines;
}
