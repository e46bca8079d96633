/**
 * `pulumi-access-keys audit`: which access keys in the reachable accounts no stack manages
 * (docs/audit.md). Reads the stacks, lists every account, prints the report, and returns the
 * exit code: 0 done, 1 unmanaged keys with `--fail-on-unmanaged`, 2 incomplete or bad input.
 */
import * as path from "node:path";
import { ConfigurationError } from "../shared/http/errors";
import { auditAccounts } from "./accounts";
import { AUDIT_USAGE, AuditOptions, HelpRequested, parseAuditArgs } from "./args";
import { classify } from "./classify";
import { listAccounts } from "./listing";
import { jsonReport, tableReport } from "./report";
import { StackSource, projectWorkspace, readStack, readStateFile, selectedStack } from "./stacks";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT = { DONE: 0, UNMANAGED: 1, INCOMPLETE: 2 } as const;

async function readStacks(options: AuditOptions): Promise<StackSource[]> {
  const files = options.states.map((file) => readStateFile(path.resolve(options.cwd, file)));
  if (options.stacks.length === 0 && files.length > 0) return files;
  const workspace = await projectWorkspace(path.resolve(options.cwd));
  const names = options.stacks.length > 0 ? options.stacks : [await selectedStack(workspace)];
  const named: StackSource[] = [];
  // One after the other: each runs the Pulumi CLI, which is heavy.
  for (const name of names) named.push(await readStack(workspace, name));
  return [...named, ...files];
}

export async function audit(options: AuditOptions, io: Io): Promise<number> {
  const stacks = await readStacks(options);
  const { accounts, skipped, notes } = auditAccounts(stacks);
  for (const note of notes) io.err(`audit: ${note}\n`);
  const { found, failed } = await listAccounts(accounts, (line) => io.err(`audit: ${line}\n`));
  const notAudited = [...skipped, ...failed];
  for (const s of notAudited) io.err(`audit: not audited: ${s.cloud} (${s.account}): ${s.reason}\n`);
  const rows = classify(found, stacks);
  io.out(options.json ? jsonReport(rows, notAudited) : tableReport(rows, notAudited));
  if (notAudited.length > 0) return EXIT.INCOMPLETE;
  return options.failOnUnmanaged && rows.some((r) => r.key.status === "unmanaged") ? EXIT.UNMANAGED : EXIT.DONE;
}

/** The command line to an exit code; errors are one line on stderr. */
export async function auditCommand(argv: readonly string[], io: Io, cwd = process.cwd()): Promise<number> {
  try {
    return await audit(parseAuditArgs(argv, cwd), io);
  } catch (err) {
    if (err instanceof HelpRequested) {
      io.out(AUDIT_USAGE + "\n");
      return EXIT.DONE;
    }
    io.err(`pulumi-access-keys audit: ${(err as Error).message}\n`);
    if (err instanceof ConfigurationError) io.err(`${AUDIT_USAGE.split("\n")[0]}\n`);
    return EXIT.INCOMPLETE;
  }
}
