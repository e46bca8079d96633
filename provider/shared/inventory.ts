/**
 * What `pulumi-access-keys audit` (provider/audit/) needs from a cloud to list every key of an
 * account: one `KeyInventory` per descriptor (shared/cloud.ts), so the command itself names no
 * cloud. Listing reads every page through the cloud's own list endpoint (api.ts), paced by the
 * same rate gate as the resources (the context's `gate`).
 */
import { Page, pages } from "./http/pagination";
import type { ClientContext } from "./http/request";
import type { SettingSource } from "./settings";

/** A key as the cloud lists it: never its secret. */
export interface ListedKey {
  id: string;
  /** Its name or label. */
  name: string;
  /** ISO 8601, where the cloud says. */
  createdAt?: string;
  lastUsedAt?: string;
  /** Inputs besides `existingKeyId` that adopt the key as it is (its organization, region). */
  adoptArgs: Record<string, unknown>;
}

/** One page of a listing, and whether more follow (for progress on big accounts). */
export interface ListedPage {
  keys: ListedKey[];
  more: boolean;
}

/** Where a cloud's keys live below an account: an organization the account can see. */
export interface InventoryScope {
  /** The setting naming the organization resources use by default. */
  setting: SettingSource;
  /** The organization a key's stored outputs name, spelled as the setting takes it. */
  ofOutputs(outputs: Record<string, unknown>): string | undefined;
}

/** The API and token a delete command is written for: the URL when it is not secret, the token as its variable. */
export interface CommandTarget {
  url: string;
  tokenVar: string;
}

export interface KeyInventory {
  /** The input and output that hold the key's name (the label, on some clouds). */
  nameField: string;
  /** For clouds whose keys live in organizations; absent when an account's keys are listed at once. */
  scope?: InventoryScope;
  /** Every key of an account (of one organization of it, with `scope`), page by page. */
  list(ctx: ClientContext, scope: string | undefined): AsyncIterable<ListedPage>;
  /** The cloud's own way to delete the key, for a person to run: the audit never deletes. */
  deleteCommand(key: ListedKey, scope: string | undefined, target: CommandTarget): string;
}

/** Walks a cloud's list endpoint page by page, as `ListedPage`s. */
export async function* listedPages<TItem, TCursor>(
  first: TCursor,
  fetchPage: (cursor: TCursor) => Promise<Page<TItem, TCursor>>,
  flatten: (item: TItem) => ListedKey,
): AsyncGenerator<ListedPage> {
  for await (const page of pages(first, fetchPage)) yield { keys: page.items.map(flatten), more: page.next !== undefined };
}
