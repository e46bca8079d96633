/**
 * One Linode key at a time, for the lifecycle (provider.ts) and the overlap (overlap.ts): create
 * with lost-create recovery, delete unless gone, and the gone check both use. Calls: create 1 (2
 * with a chosen label: the keys with it are listed first, shared/recovery.ts; a lost create: the
 * key list, every page, and a delete of what it made); delete 1; a 404 costs one list of keys
 * (every page) before the key counts as gone, and through another token than the key's it is
 * refused (shared/gone.ts).
 */
import { credentialFingerprint } from "../shared/context";
import { credentialsHint } from "../shared/credentials";
import { GoneCheck, deleteUnlessGone } from "../shared/gone";
import { anyItem, findAll } from "../shared/http/pagination";
import type { ClientContext } from "../shared/http/request";
import { createWithRecovery } from "../shared/recovery";
import * as api from "./api";
import { getCreateBody } from "./model";
import type { ApiKey, ObjectStorageKeyInputs, ObjectStorageKeyOutputs } from "./schemas";
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
      await deleteKey(ctx, k.id, { credentials: inputs.credentials });
      return undefined;
    },
    nameIsUnique: inputs.autoNamed === true,
    describe: (k) => `Linode key ${k.id} ("${k.label}")`,
    idOf: (k) => String(k.id),
    subject: `Linode key labelled "${inputs.label}"`,
    ctx,
  });
}

/** What state says about the keys' account: the credentials, and the fingerprint of the token that made them. */
export type KeyAccount = Partial<Pick<ObjectStorageKeyOutputs, "credentials" | "tokenFingerprint">>;

/** Deletes a key; one the cloud confirms gone counts as deleted. */
export function deleteKey(ctx: ClientContext, keyId: number, account: KeyAccount | undefined): Promise<void> {
  return deleteUnlessGone(() => api.deleteObjectStorageKey(ctx, keyId), goneCheck(ctx, keyId, account));
}

/**
 * A 404 for a key counts only if the token is the one the key was made with (when state says)
 * and the key list at the same address works and lacks it. Linode keeps each account's keys
 * apart and names the account nowhere in a key answer; its profile endpoint names a user and its
 * account endpoint needs a scope an Object Storage token lacks (docs/api/linode.md#accounts), so
 * another token's "not found" cannot be checked and is refused.
 */
export function goneCheck(ctx: ClientContext, keyId: number, account: KeyAccount | undefined): GoneCheck {
  const recorded = account?.tokenFingerprint;
  return {
    subject: `Linode key ${keyId}`,
    isListed: () => anyItem(1, (page) => api.listObjectStorageKeys(ctx, page), (k) => k.id === keyId),
    settingsHint: credentialsHint(LINODE_CREDENTIALS, account?.credentials),
    anotherAccount: () => (recorded === undefined || recorded === credentialFingerprint(ctx.authorization) ? undefined : ANOTHER_TOKEN),
  };
}

const ANOTHER_TOKEN =
  "the token in use is not the one the key was made with, and Linode cannot say whether both belong to the same account " +
  "(another account's token gets the same \"not found\"). Use the token of the key's account; if the key is really gone, " +
  "remove it from the stack with `pulumi state delete`";
