/**
 * One Katapult key at a time, for the lifecycle (provider.ts) and the overlap (overlap.ts):
 * create with lost-create recovery, credentials, delete unless gone, and the gone check they use.
 * Calls: create 1 (plus 1 list of the organization's keys first with a chosen name,
 * shared/recovery.ts); credentials 1 (plus retries while Katapult provisions); delete 1; a 404
 * costs one list of the organization's keys (every page) before the key counts as gone (shared/gone.ts).
 */
import { credentialsHint } from "../shared/credentials";
import { GoneCheck, deleteUnlessGone } from "../shared/gone";
import { ConfigurationError, ResponseShapeError } from "../shared/http/errors";
import { anyItem, findAll } from "../shared/http/pagination";
import type { ClientContext } from "../shared/http/request";
import { createWithRecovery } from "../shared/recovery";
import * as api from "./api";
import { getCreateBody, organizationLookup } from "./model";
import { placementError } from "./placement";
import type { AccessKeyInputs, AccessKeyOutputs, ApiKey } from "./schemas";
import { KATAPULT_CREDENTIALS, KATAPULT_ORGANIZATION, credentialsDeadlineMs, defaultOrganization, provisioningContext } from "./settings";

/**
 * Creates a key with the inputs' name and flags. Katapult's create never returns a secret
 * (credentials are a separate call), so a key that a lost create made is as good as a new one:
 * it is adopted. Keys in `kept` (the resource's own, which share the name during a rotation that
 * keeps the previous key) are never taken for it.
 */
export function createKey(ctx: ClientContext, inputs: AccessKeyInputs, kept: readonly (string | undefined)[] = []): Promise<ApiKey> {
  return createWithRecovery<ApiKey>({
    create: () => api.createAccessKey(ctx, getCreateBody(inputs)).catch((err: unknown) => Promise.reject(placementError(err, inputs))),
    findCandidates: () =>
      findAll(1, (page) => api.listAccessKeys(ctx, organizationLookup(inputs.organization), page),
        (k) => k.name === inputs.name && k.region === inputs.region && !kept.includes(k.id)),
    resolve: async (k) => k,
    nameIsUnique: inputs.autoNamed === true,
    describe: (k) => `Katapult key ${k.id} ("${k.name}")`,
    idOf: (k) => k.id,
    subject: `Katapult key "${inputs.name}"`,
    ctx,
  });
}

/**
 * New credentials for the key (the old secret stops working), retried while Katapult provisions
 * (docs/api/katapult.md#provisioning); an answer without a secret is an error.
 */
export async function generateCredentials(ctx: ClientContext, id: string): Promise<ApiKey> {
  const key = await api.generateCredentials(provisioningContext(ctx, credentialsDeadlineMs()), id);
  if (!key.s3_secret_access_key) throw new ResponseShapeError("200 response without a secret access key", {
    cloud: api.katapultProfile.cloud, operation: api.generateCredentialsOperation(id), method: "POST",
    path: api.GENERATE_CREDENTIALS_PATH, status: 200, detail: "s3_secret_access_key is empty",
  });
  return key;
}

/** Deletes a key; one the cloud confirms gone counts as deleted. */
export function deleteKey(ctx: ClientContext, id: string, props: Partial<AccessKeyOutputs> | undefined): Promise<void> {
  return deleteUnlessGone(() => api.deleteAccessKey(ctx, id), goneCheck(ctx, id, props));
}

/**
 * Katapult's `object_storage_access_key_not_found` is specific, but keys are looked up by a
 * global id whatever the token's organizations, so the key's organization is listed too: a
 * token for another organization fails that list instead of emptying the stack.
 */
export function goneCheck(ctx: ClientContext, id: string, props: Partial<AccessKeyOutputs> | undefined): GoneCheck {
  return {
    subject: `Katapult key ${id}`,
    isListed: async () => {
      const organization = props?.organization ?? defaultOrganization();
      if (!organization) throw new ConfigurationError("the key's organization is unknown: set katapult:organization / KATAPULT_ORGANIZATION");
      return anyItem(1, (page) => api.listAccessKeys(ctx, organizationLookup(organization), page), (k) => k.id === id);
    },
    settingsHint: `${credentialsHint(KATAPULT_CREDENTIALS, props?.credentials)} and the key's organization (${KATAPULT_ORGANIZATION.configKey})`,
  };
}
