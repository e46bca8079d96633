/**
 * Bird for `pulumi-access-keys audit` (shared/inventory.ts): keys live in organizations; the
 * record carries `createdAt` and `lastUsedAt` (docs/api/bird.md#key-record). Bird has no CLI:
 * a key is deleted with one API call (docs/api/bird.md#delete-a-key).
 */
import { KeyInventory, ListedKey, listedPages } from "../shared/inventory";
import { listAccessKeys } from "./api";
import type { ApiAccessKey } from "./schemas";
import { BIRD_ORGANIZATION_ID } from "./settings";

function listed(organizationId: string) {
  return (key: ApiAccessKey): ListedKey => ({
    id: key.id,
    name: key.name,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt ?? undefined,
    adoptArgs: { organizationId },
  });
}

export const birdInventory: KeyInventory = {
  nameField: "name",
  scope: {
    setting: BIRD_ORGANIZATION_ID,
    // Organization ids compare in lower case (docs/api/bird.md#ids-and-timestamps).
    ofOutputs: (outputs) => (typeof outputs.organizationId === "string" ? outputs.organizationId.toLowerCase() : undefined),
  },
  list: (ctx, scope) => listedPages("", (page) => listAccessKeys(ctx, scope ?? "", page), listed(scope ?? "")),
  deleteCommand: (key, scope, target) =>
    `curl -X DELETE '${target.url}/organizations/${scope}/access-keys/${key.id}' -H "Authorization: AccessKey $${target.tokenVar}"`,
};
