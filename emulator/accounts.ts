/**
 * Accounts of one emulated cloud: which token belongs to which account, and which organizations
 * an account may see. A request is served as its token's account, so a key of one account is
 * invisible (the cloud's own 404) to another account's token, as on the real clouds.
 *
 * Options: `tokens: [...]` makes every token one account named `default` (what single-account
 * tests use); `accounts: { name: ["token", ...] }` or `{ name: { tokens, organizations } }` makes
 * several. An account without `organizations` sees every organization (a cloud without organizations ignores them).
 */
export const DEFAULT_ACCOUNT = "default";

export interface AccountSpec {
  tokens: string[];
  /** Organization ids (each cloud's own: ids, sub-domains, UUIDs) this account may see. */
  organizations?: string[];
}

export type AccountsOption = Record<string, string[] | AccountSpec>;

export class Accounts {
  private byToken = new Map<string, string>();
  private organizations = new Map<string, Set<string>>();
  private readonly specs: AccountsOption;

  constructor(tokens: string[] | undefined, accounts: AccountsOption | undefined, fallbackToken: string) {
    this.specs = accounts ?? { [DEFAULT_ACCOUNT]: tokens ?? [fallbackToken] };
    this.reset();
  }

  /** Back to the configured tokens (undoes rotations). */
  reset(): void {
    this.byToken.clear();
    this.organizations.clear();
    for (const [name, spec] of Object.entries(this.specs)) {
      const { tokens: list, organizations } = Array.isArray(spec) ? { tokens: spec, organizations: undefined } : spec;
      for (const token of list) this.byToken.set(token, name);
      if (organizations) this.organizations.set(name, new Set(organizations.map((o) => o.toLowerCase())));
    }
  }

  /** The account a token belongs to; undefined for an unknown or revoked token. */
  of(token: string): string | undefined {
    return token ? this.byToken.get(token) : undefined;
  }

  /** Whether `account` may see an organization, by any of its names (id, sub-domain). */
  sees(account: string | undefined, ...organization: string[]): boolean {
    const allowed = account === undefined ? undefined : this.organizations.get(account);
    return allowed === undefined || organization.some((o) => allowed.has(o.toLowerCase()));
  }

  /** The first account that sees an organization (for a key's own token, which acts in its organization). */
  owning(organization: string): string {
    return this.names().find((a) => this.organizations.get(a)?.has(organization.toLowerCase())) ?? this.names()[0] ?? DEFAULT_ACCOUNT;
  }

  names(): string[] {
    return [...new Set([...this.byToken.values(), ...this.organizations.keys()])];
  }

  /** A new token for an account (a rotated API token); the old one keeps working until revoked. */
  addToken(account: string, token: string): void {
    this.byToken.set(token, account);
  }

  /** The token stops working. */
  revokeToken(token: string): boolean {
    return this.byToken.delete(token);
  }

  tokens(account?: string): string[] {
    return [...this.byToken].filter(([, a]) => account === undefined || a === account).map(([t]) => t);
  }
}
