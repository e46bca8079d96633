/**
 * One Linode key at a time, for the lifecycle (provider.ts) and the overlap (overlap.ts): create
 * with lost-create recovery, delete unless gone, and the gone check both use. Calls: create 1
 * (a lost create: the key list, every page, and a delete of what it made); delete 1; a 404 costs
 * one list of keys (every page) before the key counts as gone (shared/gone.ts).
 */
import { credentialsHint } from "../shared/credentials";
import { GoneCheck, deleteUnlessGone } from "../shared/gone";
import { anyItem, findAll } from "../shared/http/pagination";
import type { ClientContext } from "../shared/http/request";
import { createWithRecovery } from "../shared/recovery";
import * as api from "./api";
import type { LinodeCredentials } from "./fields";
import { getCreateBody } from "./model";
import type { ApiKey, ObjectStorageKeyInputs } from "./schemas";
import { LINODE_CREDENTIALS } from "./settings";

/**
 * Creates a key for these inputs. A create whose answer was lost is looked up by label; keys in
 * `kept` (this resource's own, which share the label during a rotation) are never candidates.
 */
export function createKey(ctx: ClientContext, inputs: ObjectStorageKeyInputs, kept: readonly number[] = []): Promise<ApiKey> {
  return createWithRecovery<ApiKey>({
    create: () => api.createObjectStorageKey(ctx, getCreateBody(inputs)),
    findCandidates: () => findAll(1, (page) => api.listObjectStorageKeys(ctx, page), (k) => k.label === inputs.label && !kept.includes(k.id)),
    // The secret of a key made by a lost create is gone for good: remove it and try again.
    resolve: async (k) => {
      await deleteKey(ctx, k.id, inputs.credentials);
      return undefined;
    },
    nameIsUnique: inputs.autoNamed === true,
    describe: (k) => `Linode key ${k.id} ("${k.label}")`,
    subject: `Linode key labelled "${inputs.label}"`,
    ctx,
  });
}

/** Deletes a key; one the cloud confirms gone counts as deleted. */
export function deleteKey(ctx: ClientContext, keyId: number, credentials: LinodeCredentials | undefined): Promise<void> {
  return deleteUnlessGone(() => api.deleteObjectStorageKey(ctx, keyId), goneCheck(ctx, keyId, credentials));
}

/** A 404 for a key counts only if the key list at the same address works and lacks it. */
export function goneCheck(ctx: ClientContext, keyId: number, credentials: LinodeCredentials | undefined): GoneCheck {
  return {
    subject: `Linode key ${keyId}`,
    isListed: () => anyItem(1, (page) => api.listObjectStorageKeys(ctx, page), (k) => k.id === keyId),
    settingsHint: credentialsHint(LINODE_CREDENTIALS, credentials),
  };
}
