/**
 * Bird rotation that keeps the previous key (`keepPreviousForHours`, shared/overlap.ts,
 * docs/rotation-overlap.md). Bird cannot reissue a token, so the rotation creates a second key
 * inside the same resource: the resource id stays, `keyId` names the new key, and the old one
 * moves to `previousKeyId` / `previousAccessKey` (shared/previous-key.ts) until the first
 * `pulumi up` after `previousExpiresAt`. Calls: a rotation 1 create (plus 1 list with a chosen
 * name, keys.ts, and 1 delete when an older previous key is still kept); the expiry 1 delete; read
 * and delete 1 more call while a previous key is kept.
 */
import { readUnlessGone } from "../shared/gone";
import { plain } from "../shared/plain";
import { PreviousKeys, demoted, dropPrevious } from "../shared/previous-key";
import * as api from "./api";
import { KeyPlace, createKey, deleteKey, goneCheck, refsFromBody } from "./keys";
import { flattenKey, getCreateBody } from "./model";
import type { AccessKeyInputs, AccessKeyOutputs } from "./schemas";

/** The previous Bird key of a resource, in its organization. */
export function previousKeys(place: KeyPlace): PreviousKeys<string> {
  const { ctx, organizationId } = place;
  return {
    kind: "Bird access key",
    copies: { previousAccessKey: "accessKey" },
    exists: async (id) => (await readUnlessGone(() => api.getAccessKey(ctx, organizationId, id), goneCheck(place, id))) !== undefined,
    remove: (id) => deleteKey(place, id),
  };
}

/**
 * The rotation: an older previous key still kept is deleted first (a failure there leaves state
 * as it was, and the next attempt finds that key gone), then the new key is created. The current
 * key is untouched until the engine records the new outputs, and a failed create changes nothing.
 */
export async function rotateKeepingPrevious(
  place: KeyPlace, currentId: string, olds: AccessKeyOutputs, news: AccessKeyInputs,
): Promise<AccessKeyOutputs> {
  const keys = previousKeys(place);
  await dropPrevious(olds, keys);
  const body = getCreateBody(news);
  const made = await createKey(place, body, news.autoNamed === true, [currentId]);
  const carried = { accessKey: made.token, roleRefs: refsFromBody(body), description: body.description };
  return plain({ ...flattenKey(made.key, carried, news), keyId: made.key.id, ...demoted(olds, currentId, keys) });
}
