/**
 * Linode rotation that keeps the previous key (`keepPreviousForHours`, shared/overlap.ts,
 * docs/rotation-overlap.md). Linode cannot reissue a secret, so the rotation creates a second key
 * inside the same resource: the resource id stays, `keyId` becomes the new key's, and the old key
 * moves to the `previous*` outputs (shared/previous-key.ts) until the first `pulumi up` after
 * `previousExpiresAt`. Calls: a rotation 1 create (plus 1 list with a chosen label, keys.ts, and
 * 1 delete when an older previous key is still kept); the expiry 1 delete; read and delete 1 more
 * call while a previous key is kept.
 */
import { readUnlessGone } from "../shared/gone";
import type { ClientContext } from "../shared/http/request";
import { plain } from "../shared/plain";
import { PreviousKeys, demoted, dropPrevious } from "../shared/previous-key";
import * as api from "./api";
import { KeyAccount, createKey, deleteKey, goneCheck } from "./keys";
import { flattenKey, metaOf } from "./model";
import type { ObjectStorageKeyInputs, ObjectStorageKeyOutputs } from "./schemas";

/** The previous Linode key of a resource, in the account state records. */
export function previousKeys(ctx: ClientContext, account: KeyAccount | undefined): PreviousKeys<number> {
  return {
    kind: "Linode key",
    copies: { previousAccessKey: "accessKey", previousSecretKey: "secretKey" },
    exists: async (id) => (await readUnlessGone(() => api.getObjectStorageKey(ctx, id), goneCheck(ctx, id, account))) !== undefined,
    remove: (id) => deleteKey(ctx, id, account),
  };
}

/**
 * The rotation: an older previous key still kept is deleted first (a failure there leaves state
 * as it was, and the next attempt finds that key gone), then the new key is created. The current
 * key is untouched until the engine records the new outputs, and a failed create changes nothing.
 */
export async function rotateKeepingPrevious(
  ctx: ClientContext, olds: ObjectStorageKeyOutputs, news: ObjectStorageKeyInputs,
): Promise<ObjectStorageKeyOutputs> {
  const keys = previousKeys(ctx, { ...olds, credentials: news.credentials });
  await dropPrevious(olds, keys);
  const key = await createKey(ctx, news, [olds.keyId]);
  return plain({ ...flattenKey(key, undefined, metaOf(news)), ...demoted(olds, olds.keyId, keys) });
}
