/**
 * Where a key goes: its organization and region. Katapult answers a create for an organization or
 * region that does not exist with its own 404 codes (`organization_not_found`,
 * `object_storage_cluster_not_found`, `object_storage_account_not_found`;
 * docs/api/katapult.md#errors): errors about the program's or the settings' values, not about the
 * URL. They are reported naming the field and the value sent.
 */
import { ApiError, ValidationError } from "../shared/http/errors";
import { KATAPULT_DEFAULT_REGION, KATAPULT_ORGANIZATION, KATAPULT_REGION } from "./settings";
import type { OrganizationRef } from "./types";

const fromSettings = (field: string, setting: { configKey: string; envVar: string }) =>
  `the resource's \`${field}\`, else \`${setting.configKey}\` / ${setting.envVar}`;

function organizationSent(org: OrganizationRef): string {
  return org.id !== undefined ? `organization id "${org.id}"` : `organization sub-domain "${org.subDomain}"`;
}

/** What each placement code means, naming the field and the value sent. */
function explain(code: string | undefined, placement: { organization: OrganizationRef; region: string }): { field: string; detail: string } | undefined {
  const org = organizationSent(placement.organization);
  switch (code) {
    case "organization_not_found":
      return {
        field: "organization",
        detail: `Katapult has no ${org} that this API token can see (from ${fromSettings("organization", KATAPULT_ORGANIZATION)}); check its spelling`,
      };
    case "object_storage_cluster_not_found":
      return {
        field: "region",
        detail: `Katapult has no object storage region "${placement.region}" (from ${fromSettings("region", KATAPULT_REGION)}); ` +
          `its object storage region is ${KATAPULT_DEFAULT_REGION}`,
      };
    case "object_storage_account_not_found":
      return {
        field: "organization",
        detail: `${org} has no object storage account in region "${placement.region}": set up object storage for it in Katapult first`,
      };
    default:
      return undefined;
  }
}

/** The error, reworded when it is about the organization or region sent; any other error as it was. */
export function placementError(err: unknown, placement: { organization: OrganizationRef; region: string }): unknown {
  if (!(err instanceof ApiError)) return err;
  const explained = explain(err.cloudCode, placement);
  if (!explained) return err;
  return new ValidationError(err.summary, {
    cloud: err.cloud, operation: err.operation, method: err.method, path: err.path, status: err.status, cloudCode: err.cloudCode,
    field: explained.field, detail: `${explained.detail}. Katapult said: ${err.detail ?? err.summary}`, requestId: err.requestId,
    attempts: err.attempts, elapsedMs: err.elapsedMs, mayHaveSucceeded: err.mayHaveSucceeded,
  });
}
