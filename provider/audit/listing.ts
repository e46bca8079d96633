/**
 * Lists every key of every account (of every organization, where the cloud has them), all
 * accounts at once, each page after the other through the cloud's list endpoint, paced by the
 * account's rate gate (shared/http/rate-gate.ts). A big account reports its progress after each
 * page. An account that fails is reported with the HTTP layer's message, which never holds a
 * token (shared/http/redact.ts); the others are still listed.
 */
import type { ListedKey } from "../shared/inventory";
import type { Account, Skipped } from "./accounts";

/** A key as listed, with where it was found. */
export interface Found {
  account: Account;
  /** The organization it was listed in, for clouds that have them. */
  scope?: string;
  /** The account (and organization) for people. */
  where: string;
  /** Which listing found it (one per account and organization), in the order the accounts were found. */
  group: number;
  key: ListedKey;
}

export function accountWhere(account: Account, scope: string | undefined): string {
  return scope === undefined ? account.label : `${account.label}, organization ${scope}`;
}

async function listOne(account: Account, scope: string | undefined, group: number, progress: (line: string) => void): Promise<Found[]> {
  const where = accountWhere(account, scope);
  const found: Found[] = [];
  for await (const page of account.inventory.list(account.ctx, scope)) {
    found.push(...page.keys.map((key) => ({ account, scope, where, group, key })));
    if (page.more) progress(`${account.cloud.title} (${where}): ${found.length} keys listed, more to come`);
  }
  return found;
}

export async function listAccounts(accounts: readonly Account[], progress: (line: string) => void): Promise<{ found: Found[]; failed: Skipped[] }> {
  const jobs = accounts.flatMap((account) => (account.inventory.scope ? [...account.scopes] : [undefined]).map((scope) => ({ account, scope })));
  const results = await Promise.all(jobs.map(async ({ account, scope }, group) => {
    try {
      return { found: await listOne(account, scope, group, progress) };
    } catch (err) {
      return { failed: { cloud: account.cloud.name, account: accountWhere(account, scope), reason: `could not list its keys: ${(err as Error).message}` } };
    }
  }));
  // The same key seen through two tokens of one account is listed once, where it was first found.
  const seen = new Set<string>();
  const found = results.flatMap((r) => r.found ?? []).filter((f) => {
    const id = `${f.account.cloud.name} ${f.key.id}`;
    return !seen.has(id) && (seen.add(id), true);
  });
  return { found, failed: results.flatMap((r) => (r.failed ? [r.failed] : [])) };
}
