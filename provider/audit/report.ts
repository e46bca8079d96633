/**
 * What `audit` prints: a table per cloud and account, then what to do with each unmanaged key
 * (adopt or delete: the audit itself never deletes), then what could not be audited; or, with
 * `--json`, `{"keys": [...], "skipped": [...]}`. Neither holds a secret or a token: keys are
 * shown by id, name and dates; accounts by where their token is set.
 */
import { clouds } from "../clouds";
import type { Skipped } from "./accounts";
import type { AuditRow, KeyHints } from "./classify";

export function jsonReport(rows: readonly AuditRow[], skipped: readonly Skipped[]): string {
  return JSON.stringify({ keys: rows.map((r) => r.key), skipped }, null, 2) + "\n";
}

const short = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** One line on why the key exists or who holds it. */
function hintText(status: string, hints: KeyHints): string {
  if (status === "managed") return hints.managedBy!.map((r) => `in stack ${r.stack} as ${short(r.urn)}`).join("; ");
  if (hints.interruptedCreate) {
    return `left by an interrupted \`pulumi up\` of stack ${hints.interruptedCreate.stack} (pending create of ${short(hints.interruptedCreate.urn)})`;
  }
  if (hints.namedAfter) return `auto-named after ${hints.namedAfter.map((r) => `${short(r.urn)} in stack ${r.stack}`).join(", ")}`;
  if (hints.autoNamedAs !== undefined) return `auto-named like a resource named "${hints.autoNamedAs}" (in no stack audited)`;
  return "not named by this package: made by hand or another tool";
}

function table(header: string[], lines: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  return [header, ...lines].map((cells) => "  " + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  "));
}

/** Rows by cloud (registry order) and account (in the order found), each keeping the rows' order. */
function groups(rows: readonly AuditRow[]): AuditRow[][] {
  const cloudIndex = (name: string) => clouds().findIndex((c) => c.name === name);
  const byGroup = new Map<number, AuditRow[]>();
  for (const row of rows) byGroup.set(row.group, [...(byGroup.get(row.group) ?? []), row]);
  return [...byGroup.values()].sort((a, b) => cloudIndex(a[0].key.cloud) - cloudIndex(b[0].key.cloud) || a[0].group - b[0].group);
}

function advice(rows: readonly AuditRow[]): string[] {
  const unmanaged = groups(rows).flat().filter((r) => r.key.status === "unmanaged");
  if (unmanaged.length === 0) return [];
  const out = ["", `What to do with the ${unmanaged.length} unmanaged key(s). This command never deletes anything: either adopt a key`,
    "into a stack (declare it with `existingKeyId`), or delete it with the cloud's own tool."];
  for (const { cloud, key } of unmanaged) {
    out.push("", `  ${cloud.title} key ${key.id} "${key.name}" (${key.account}):`);
    if (key.hints.advice) out.push(`    advice:  ${key.hints.advice}`);
    out.push(`    adopt:   ${key.hints.adopt}`,
      `             with the provider plugin installed: ${key.hints.import}`, `    delete:  ${key.hints.delete}`);
  }
  return out;
}

export function tableReport(rows: readonly AuditRow[], skipped: readonly Skipped[]): string {
  const out: string[] = [];
  for (const group of groups(rows)) {
    const { cloud, key } = group[0];
    out.push(`${cloud.title} keys, ${key.account}`);
    out.push(...table(["STATUS", "ID", "NAME", "CREATED", "LAST USED", "HINT"], group.map(({ key: k }) => [
      k.status, k.id, k.name, k.hints.createdAt ?? "-", k.hints.lastUsedAt ?? "-", hintText(k.status, k.hints),
    ])), "");
  }
  const unmanaged = rows.filter((r) => r.key.status === "unmanaged").length;
  out.push(`${rows.length} key(s): ${rows.length - unmanaged} managed, ${unmanaged} unmanaged.`, ...advice(rows));
  if (skipped.length > 0) out.push("", "Not audited:", ...skipped.map((s) => `  ${s.cloud} (${s.account}): ${s.reason}`));
  return out.join("\n") + "\n";
}
