/**
 * The accounts an audit lists: for every cloud that can be audited, the account its settings
 * reach for each stack (the stack's config, then the environment, as its resources read them;
 * shared/settings.ts), the account each of the plugin's providers reaches (its config
 * `access-keys:<cloud><Setting>`, then the environment, as the plugin reads it: docs/plugin.md),
 * and every distinct per-resource `credentials` in the stacks (shared/credentials.ts). Two sources with the same URL and token are one account. For clouds
 * whose keys live in organizations, each account is listed in every organization the setting or
 * the stacks' keys name. What cannot be listed is said, never silently left out.
 */
import { createHash } from "node:crypto";
import { clouds } from "../clouds";
import type { CloudDescriptor } from "../shared/cloud";
import { connectWith, CredentialsValue } from "../shared/credentials";
import type { ClientContext } from "../shared/http/request";
import type { KeyInventory } from "../shared/inventory";
import { readSetting, StackConfig, useStackConfig } from "../shared/settings";
import { pluginConfig } from "../plugin/config";
import { PACKAGE, pluginKey } from "../plugin/names";
import { reveal, StackKey } from "./deployment";
import type { StackSource } from "./stacks";

export interface Account {
  cloud: CloudDescriptor;
  inventory: KeyInventory;
  /** Where the token comes from, for people: never the token. */
  label: string;
  ctx: ClientContext;
  /** The API URL when it is not part of a secret (for the delete commands). */
  shownUrl?: string;
  /** Whether the token comes from resources' own `credentials` (adopting then needs them too). */
  viaCredentials: boolean;
  /** Organizations to list, for clouds that have them. */
  scopes: Set<string>;
}

/** An account (or an organization of one) that was not listed, and why. */
export interface Skipped {
  cloud: string;
  account: string;
  reason: string;
}

type Audited = { cloud: CloudDescriptor; inventory: KeyInventory };

function auditedClouds(): Audited[] {
  return clouds().flatMap((cloud) => (cloud.inventory ? [{ cloud, inventory: cloud.inventory }] : []));
}

/** The keys of one cloud that reach it through settings, or through each distinct credentials. */
function keysOf(stack: StackSource, cloud: CloudDescriptor): StackKey[] {
  return [...stack.keys, ...stack.pendingCreates].filter((k) => k.cloud === cloud);
}

/** A key's stored credentials: the outputs', else (a pending create) the inputs'. */
function storedCredentials(key: StackKey): unknown {
  return key.outputs.credentials ?? key.inputs.credentials;
}

function scopesOf(keys: StackKey[], inventory: KeyInventory): string[] {
  const of = inventory.scope?.ofOutputs;
  if (!of) return [];
  return keys.flatMap((k) => [of(k.outputs), of(k.inputs)]).filter((s): s is string => !!s);
}

class AccountBook {
  readonly accounts: Account[] = [];
  readonly skipped: Skipped[] = [];
  private byIdentity = new Map<string, Account>();

  /** Adds an account, or the scopes to the account already known with the same URL and token. */
  add(audited: Audited, ctx: ClientContext, source: { label: string; shownUrl?: string; viaCredentials: boolean }, scopes: string[]): void {
    const { label, shownUrl, viaCredentials } = source;
    const identity = `${audited.cloud.name} ${ctx.baseUrl} ${createHash("sha256").update(ctx.authorization).digest("hex")}`;
    let account = this.byIdentity.get(identity);
    if (!account) {
      account = { ...audited, label, ctx, shownUrl, viaCredentials, scopes: new Set() };
      this.byIdentity.set(identity, account);
      this.accounts.push(account);
    }
    for (const scope of scopes) account.scopes.add(scope);
  }

  skip(cloud: CloudDescriptor, account: string, reason: string): void {
    this.skipped.push({ cloud: cloud.name, account, reason });
  }
}

/** The config as the settings reader takes it: decrypted values only. */
function configReader(stack: StackSource | undefined): StackConfig | undefined {
  return stack?.config && { get: (key) => stack.config!.get(key)?.value };
}

/** Where the settings' token is read from, as a label: the stack's config key, else the variable. */
function settingsLabel(cloud: CloudDescriptor, stack: StackSource | undefined): string {
  const { token } = cloud.credentials;
  return stack?.config?.has(token.configKey) ? `${token.configKey} of ${stack.where}` : token.envVar;
}

/** Who reads a cloud's settings: a named stack (its config, then the environment) or the environment alone. */
interface SettingsUse {
  stack?: StackSource;
  /** The keys that read the settings (no `credentials` of their own). */
  keys: StackKey[];
}

function settingsUses(stacks: readonly StackSource[], cloud: CloudDescriptor): SettingsUse[] {
  const settingsKeys = (s: StackSource) => keysOf(s, cloud).filter((k) => storedCredentials(k) === undefined && k.provider === undefined);
  const files = stacks.filter((s) => s.config === undefined);
  const uses: SettingsUse[] = stacks.filter((s) => s.config !== undefined).map((stack) => ({ stack, keys: settingsKeys(stack) }));
  if (files.length > 0 || stacks.length === 0) uses.unshift({ keys: files.flatMap(settingsKeys) });
  return uses;
}

function addSettingsAccount(book: AccountBook, audited: Audited, { stack, keys }: SettingsUse): void {
  const { token } = audited.cloud.credentials;
  const tokenEntry = stack?.config?.get(token.configKey);
  const encrypted = tokenEntry?.secret === true && tokenEntry.value === undefined;
  addConfiguredAccount(book, audited, { label: settingsLabel(audited.cloud, stack), config: configReader(stack), encrypted, stack, keys });
}

/** Where an account's settings are read from, for `addConfiguredAccount`. */
interface ConfiguredSource {
  label: string;
  /** The config read before the environment; `undefined`: the environment alone. */
  config: StackConfig | undefined;
  /** The token is set there but could not be decrypted. */
  encrypted: boolean;
  stack?: StackSource;
  /** The keys that read these settings. */
  keys: StackKey[];
}

/** The account a set of settings reaches (config, then the environment), or why it is skipped. */
function addConfiguredAccount(book: AccountBook, audited: Audited, source: ConfiguredSource): void {
  const { cloud, inventory } = audited;
  const { token } = cloud.credentials;
  const { label, keys } = source;
  if (source.encrypted) return book.skip(cloud, label, `the secret could not be decrypted (${source.stack?.secretsProblem ?? "no secrets provider"})`);
  useStackConfig(source.config);
  try {
    if (!readSetting(token)) {
      // Not an account in use unless keys in the stacks read it.
      if (keys.length > 0) book.skip(cloud, label, `not set, though ${names(keys)} read it: set ${token.configKey} or ${token.envVar}`);
      return;
    }
    const ctx = connectWith(cloud.credentials)(undefined);
    const setting = inventory.scope ? readSetting(inventory.scope.setting) : undefined;
    const scopes = [...(setting ? [setting] : []), ...scopesOf(keys, inventory)];
    if (inventory.scope && scopes.length === 0) {
      return book.skip(cloud, label, `no organization to list: set ${inventory.scope.setting.configKey} or ${inventory.scope.setting.envVar}`);
    }
    book.add(audited, ctx, { label: `${label} at ${ctx.baseUrl}`, shownUrl: ctx.baseUrl, viaCredentials: false }, scopes);
  } catch (err) {
    book.skip(cloud, label, (err as Error).message);
  } finally {
    useStackConfig(undefined);
  }
}

/**
 * Accounts of the plugin's keys without `credentials` of their own, one per provider: its config
 * (`access-keys:<cloud><Setting>`, stored as the provider's inputs), then the environment.
 */
function addProviderAccounts(book: AccountBook, audited: Audited, stack: StackSource): void {
  const { cloud } = audited;
  const byProvider = new Map<string, StackKey[]>();
  for (const key of keysOf(stack, cloud).filter((k) => k.provider !== undefined && storedCredentials(k) === undefined)) {
    byProvider.set(key.provider!, [...(byProvider.get(key.provider!) ?? []), key]);
  }
  for (const [reference, keys] of byProvider) {
    const provider = stack.providers.get(reference);
    const where = `provider ${provider?.logicalName ?? reference} in ${stack.where}`;
    if (!provider) {
      book.skip(cloud, where, `the provider of ${names(keys)} is not in the deployment`);
      continue;
    }
    // Read as the plugin reads it (plugin/config.ts), from the values that could be decrypted.
    const revealed = Object.entries(provider.inputs).map(([k, v]) => [k, reveal(v)] as const);
    const config = pluginConfig(Object.fromEntries(revealed.flatMap(([k, v]) => (v === "encrypted" ? [] : [[k, v.value]]))));
    const { token } = cloud.credentials;
    const encrypted = reveal(provider.inputs[pluginKey(token.configKey)]) === "encrypted";
    const label = encrypted || config.get(token.configKey) !== undefined ? `${PACKAGE}:${pluginKey(token.configKey)} of ${where}` : `${token.envVar} (${where})`;
    addConfiguredAccount(book, audited, { label, config, encrypted, stack, keys });
  }
}

/** Logical names for a label: each once (a pending create and its later resource share one). */
function names(keys: StackKey[]): string {
  return [...new Set(keys.map((k) => k.logicalName))].join(", ");
}

/** Keys of one cloud with their own `credentials`, grouped by value; the encrypted ones apart. */
function credentialGroups(stack: StackSource, cloud: CloudDescriptor): { groups: Map<string, StackKey[]>; encrypted: StackKey[] } {
  const withCredentials = keysOf(stack, cloud).filter((k) => storedCredentials(k) !== undefined);
  const encrypted = withCredentials.filter((k) => reveal(storedCredentials(k)) === "encrypted");
  const groups = new Map<string, StackKey[]>();
  for (const key of withCredentials.filter((k) => !encrypted.includes(k))) {
    const value = JSON.stringify((reveal(storedCredentials(key)) as { value: unknown }).value);
    groups.set(value, [...(groups.get(value) ?? []), key]);
  }
  return { groups, encrypted };
}

/** Accounts of the keys that carry their own `credentials`, one per distinct value. */
function addCredentialAccounts(book: AccountBook, audited: Audited, stack: StackSource): void {
  const { cloud, inventory } = audited;
  const { groups, encrypted } = credentialGroups(stack, cloud);
  if (encrypted.length > 0) {
    book.skip(cloud, `credentials of ${names(encrypted)} in ${stack.where}`, `could not be decrypted (${stack.secretsProblem ?? "no secrets provider"})`);
  }
  // A URL left out of `credentials` comes from the URL setting, as for the resources.
  useStackConfig(configReader(stack));
  try {
    for (const [value, keys] of groups) {
      const label = `credentials of ${names(keys)} in ${stack.where}`;
      const credentials = JSON.parse(value) as CredentialsValue;
      try {
        const ctx = connectWith(cloud.credentials)(credentials);
        // A URL given in `credentials` is part of a secret: shown only when it came from the setting.
        const shownUrl = credentials[cloud.credentials.urlField] === undefined ? ctx.baseUrl : undefined;
        book.add(audited, ctx, { label, shownUrl, viaCredentials: true }, scopesOf(keys, inventory));
      } catch (err) {
        book.skip(cloud, label, (err as Error).message);
      }
    }
  } finally {
    useStackConfig(undefined);
  }
}

/**
 * Every account to list. Settings come from each named stack's config (then the environment);
 * state files and an audit of no stack read the environment only.
 */
export function auditAccounts(stacks: readonly StackSource[]): { accounts: Account[]; skipped: Skipped[]; notes: string[] } {
  const book = new AccountBook();
  const notes: string[] = [];
  for (const audited of auditedClouds()) {
    for (const use of settingsUses(stacks, audited.cloud)) addSettingsAccount(book, audited, use);
    for (const stack of stacks) addProviderAccounts(book, audited, stack);
    for (const stack of stacks) addCredentialAccounts(book, audited, stack);
    const { cloud } = audited;
    if (!book.accounts.some((a) => a.cloud === cloud) && !book.skipped.some((s) => s.cloud === cloud.name)) {
      notes.push(`${cloud.title}: no account to audit (${cloud.credentials.token.configKey} / ${cloud.credentials.token.envVar} is not set and no key in the stacks uses ${cloud.title})`);
    }
  }
  return { accounts: book.accounts, skipped: book.skipped, notes };
}
