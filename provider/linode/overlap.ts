/**
 * Linode rotation that keeps the previous key (`keepPreviousForHours`, shared/overlap.ts,
 * docs/rotation-overlap.md). Linode cannot reissue a secret, so the rotation creates a second key
 * inside the same resource: the resource id stays, `keyId` becomes the new key's, and the old key
 * moves to the `previous*` outputs until the first `pulumi up` after `previousExpiresAt`.
 * Calls: a rotation 1 create (plus 1 delete when an older previous key is still kept); the
 * expiry 1 delete; a refresh 1 more read while a previous key is kept.
 */
import { pickDefined } from "../shared/fields";
import { readUnlessGone } from "../shared/gone";
import type { ClientContext } from "../shared/http/request";
import { plain } from "../shared/plain";
import * as api from "./api";
import { createKey, deleteKey, goneCheck } from "./keys";
import { flattenKey, metaOf } from "./model";
import type { ObjectStorageKeyInputs, ObjectStorageKeyOutputs } from "./schemas";

/** The outputs that describe the previous key, besides the echoed `previousExpiresAt`. */
const PREVIOUS = ["previousKeyId", "previousAccessKey", "previousSecretKey"] as const;

/** The previous key's outputs that are set. */
export function previousOf(outs: ObjectStorageKeyOutputs | undefined): Partial<ObjectStorageKeyOutputs> {
  return pickDefined(outs, PREVIOUS);
}

/** The outputs without any previous key. */
export function withoutPrevious(outs: ObjectStorageKeyOutputs): ObjectStorageKeyOutputs {
  const { previousKeyId: _id, previousAccessKey: _access, previousSecretKey: _secret, previousExpiresAt: _expiry, ...rest } = outs;
  return rest;
}

/**
 * The rotation: an older previous key still kept is deleted first (a failure there leaves state
 * as it was, and the next attempt finds that key gone), then the new key is created. The current
 * key is untouched until the engine records the new outputs, and a failed create changes nothing.
 */
export async function rotateKeepingPrevious(
  ctx: ClientContext, olds: ObjectStorageKeyOutputs, news: ObjectStorageKeyInputs,
): Promise<ObjectStorageKeyOutputs> {
  const cleared = await dropPrevious(ctx, olds, news);
  const key = await createKey(ctx, news, [olds.keyId]);
  return plain({
    ...flattenKey(key, undefined, metaOf(news)),
    previousKeyId: cleared.keyId, previousAccessKey: cleared.accessKey, previousSecretKey: cleared.secretKey,
  });
}

/** Deletes the previous key, if the outputs hold one, and returns the outputs without it. */
export async function dropPrevious(
  ctx: ClientContext, outs: ObjectStorageKeyOutputs, news: Pick<ObjectStorageKeyInputs, "credentials">,
): Promise<ObjectStorageKeyOutputs> {
  if (outs.previousKeyId !== undefined) await deleteKey(ctx, outs.previousKeyId, news.credentials);
  return withoutPrevious(outs);
}

/**
 * Refresh of the previous key: kept while the cloud has it; once the cloud confirms it gone
 * (shared/gone.ts), the outputs drop it without an error. Any other failure is thrown.
 */
export async function refreshPrevious(ctx: ClientContext, outs: ObjectStorageKeyOutputs): Promise<ObjectStorageKeyOutputs> {
  if (outs.previousKeyId === undefined) return outs;
  return (await previousExists(ctx, outs)) ? outs : withoutPrevious(outs);
}

/**
 * The current key is gone: the resource may leave the stack only if no previous key is left in
 * the cloud, which would be orphaned otherwise.
 */
export async function assertNoPreviousLeft(ctx: ClientContext, outs: ObjectStorageKeyOutputs | undefined): Promise<void> {
  if (outs?.previousKeyId === undefined || !(await previousExists(ctx, outs))) return;
  throw new Error(
    `Linode key ${outs.keyId} is gone, but the previous key ${outs.previousKeyId} this resource keeps still exists; ` +
      "the resource stays in the stack so that key is not lost: run `pulumi destroy` (or delete the resource) to delete it",
  );
}

async function previousExists(ctx: ClientContext, outs: ObjectStorageKeyOutputs): Promise<boolean> {
  const id = outs.previousKeyId!;
  return (await readUnlessGone(() => api.getObjectStorageKey(ctx, id), goneCheck(ctx, id, outs.credentials))) !== undefined;
}
