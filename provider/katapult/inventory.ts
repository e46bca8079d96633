/**
 * Katapult for `pulumi-access-keys audit` (shared/inventory.ts): keys live in organizations, and
 * the list of one organization covers every region (docs/api/katapult.md#list-keys). Katapult
 * has no CLI: a key is deleted in the console or with one API call (docs/api/katapult.md#other-tools).
 */
import { KeyInventory, ListedKey, listedPages } from "../shared/inventory";
import { KEY_PATH, listAccessKeys } from "./api";
import type { OrganizationRef } from "./fields";
import { organizationLookup, parseOrganization } from "./model";
import type { ApiKey } from "./schemas";
import { KATAPULT_ORGANIZATION } from "./settings";

function listed(organization: OrganizationRef) {
  return (key: ApiKey): ListedKey => ({
    id: key.id,
    name: key.name,
    // Unix seconds (docs/api/katapult.md#key-object).
    createdAt: new Date(key.created_at * 1000).toISOString(),
    adoptArgs: { organization, region: key.region },
  });
}

export const katapultInventory: KeyInventory = {
  nameField: "name",
  scope: {
    setting: KATAPULT_ORGANIZATION,
    ofOutputs: (outputs) => {
      const organization = outputs.organization as Partial<OrganizationRef> | undefined;
      return organization?.id ?? organization?.subDomain;
    },
  },
  list: (ctx, scope) => {
    const organization = parseOrganization(scope ?? "");
    return listedPages(1, (page) => listAccessKeys(ctx, organizationLookup(organization), page), listed(organization));
  },
  deleteCommand: (key, _scope, target) =>
    `curl -X DELETE '${target.url}${KEY_PATH}' -H "Authorization: Bearer $${target.tokenVar}" ` +
    `-H 'Content-Type: application/json' -d '{"access_key":{"id":"${key.id}"}}'  (or delete it in the Katapult console)`,
};
