/**
 * Linode for `pulumi-access-keys audit` (shared/inventory.ts): an account's keys are one list
 * (docs/api/linode.md#list-keys); the record has a label and no dates (docs/api/linode.md#key-object).
 */
import { KeyInventory, ListedKey, listedPages } from "../shared/inventory";
import { listObjectStorageKeys } from "./api";
import type { ApiKey } from "./schemas";

function listed(key: ApiKey): ListedKey {
  return { id: String(key.id), name: key.label, adoptArgs: {} };
}

export const linodeInventory: KeyInventory = {
  nameField: "label",
  list: (ctx) => listedPages(1, (page) => listObjectStorageKeys(ctx, page), listed),
  // Linode's CLI revokes a key by id (docs/api/linode.md#other-tools).
  deleteCommand: (key) => `linode-cli object-storage keys-delete ${key.id}`,
};
