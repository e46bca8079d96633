/**
 * Katapult rotation that keeps the previous key (`keepPreviousForHours`, shared/overlap.ts,
 * docs/rotation-overlap.md#katapult). Katapult regenerates credentials in place, which kills the
 * old secret (docs/api/katapult.md#generate-credentials), so the rotation makes a second key object
 * with the same name and flags in the same organization and region: the resource id stays, `keyId`
 * names the new key, and the old one moves to `previousKeyId` / `previousAccessKeyId` /
 * `previousSecretAccessKey` (shared/previous-key.ts) until the first `pulumi up` after
 * `previousExpiresAt`. Calls: a rotation 1 GET of the key in use, 1 create, 1 generate-credentials
 * (plus retries while Katapult provisions) and the GETs until `configured` (configured.ts); plus 1
 * list with a chosen name (keys.ts), 1 delete when an older previous key is still kept, 1 PATCH
 * when the name or a flag changes in the same update. The expiry 1 delete; read and delete 1 more
 * call while a previous key is kept.
 */
import { withDetail } from "../shared/http/answer";
import { ApiError, InputError, UncertainCreateError } from "../shared/http/errors";
import { readUnlessGone } from "../shared/gone";
import type { ClientContext } from "../shared/http/request";
import { plain } from "../shared/plain";
import { PreviousKeys, demoted, dropPrevious, keyInUse, withoutPrevious } from "../shared/previous-key";
import * as api from "./api";
import { settle, warnNotConfigured } from "./configured";
import { createKey, deleteKey, generateCredentials, goneCheck } from "./keys";
import { flattenKey, getUpdateBody, wireProperties } from "./model";
import type { AccessKeyInputs, AccessKeyOutputs, AccessKeyUpdateBody, ApiKey } from "./schemas";
import { credentialsDeadlineMs, provisioningContext } from "./settings";

/** The previous Katapult key of a resource; calls go through the resource's own credentials and organization. */
export function previousKeys(ctx: ClientContext, props: Partial<AccessKeyOutputs> | undefined): PreviousKeys<string> {
  return {
    kind: "Katapult key",
    copies: { previousAccessKeyId: "accessKeyId", previousSecretAccessKey: "secretAccessKey" },
    exists: async (id) => (await readUnlessGone(() => api.getAccessKey(ctx, id), goneCheck(ctx, id, props))) !== undefined,
    remove: (id) => deleteKey(ctx, id, props),
  };
}

/** The outputs an update carries over as they are: the key in use and the previous key. */
export const KEPT_OUTPUTS = ["keyId", "previousKeyId", "previousAccessKeyId", "previousSecretAccessKey"] as const;

/** The key the resource holds now (shared/previous-key.ts); Katapult ids are used as given. */
export function currentKeyId(id: string, outs: Partial<AccessKeyOutputs> | undefined): string {
  return keyInUse(id, outs, (given) => given);
}

/**
 * The rotation. The key in use is read first: bucket ACL grants belong to that key object
 * (docs/api/katapult.md#key-object), so a second key would lose them, and the rotation is refused
 * before anything changes. Then an older previous key still kept is deleted, a changed name or
 * flags go to the key in use too (it stays working, so it must not keep more access than asked
 * for), and the new key is created, given credentials and waited on until `configured`. The key
 * in use and its secret are untouched until the engine records the new outputs.
 */
export async function rotateKeepingPrevious(ctx: ClientContext, id: string, olds: AccessKeyOutputs, news: AccessKeyInputs): Promise<AccessKeyOutputs> {
  const currentId = currentKeyId(id, olds);
  const keys = previousKeys(ctx, olds);
  const current = await api.getAccessKey(ctx, currentId);
  refuseBucketGrants(current);
  await dropPrevious(olds, keys);
  const body = getUpdateBody(currentId, wireProperties(current), news);
  if (body !== undefined) await api.updateAccessKey(provisioningContext(ctx, credentialsDeadlineMs()), body);
  const made = await createKey(ctx, news, [currentId, olds.previousKeyId]);
  const issuedSince = ctx.now();
  const issued = await credentialsOrDelete(ctx, made, olds, currentId);
  const { outs, failure } = await settle(ctx, made.id, plain(flattenKey(issued, news, undefined)), issuedSince);
  if (failure) warnNotConfigured(made.id, outs, failure);
  return plain({ ...outs, keyId: made.id, ...demoted(olds, currentId, keys) });
}

/**
 * A PATCH of the key in use goes to the previous key too (1 call), so a cut in access does not
 * leave the older secret with more; a previous key the cloud confirms gone is dropped from the outputs.
 */
export async function patchPrevious(ctx: ClientContext, outs: AccessKeyOutputs, body: AccessKeyUpdateBody): Promise<AccessKeyOutputs> {
  const previousId = outs.previousKeyId;
  if (previousId === undefined) return outs;
  const patch = { ...body, access_key: { id: previousId } };
  const patched = await readUnlessGone(() => api.updateAccessKey(provisioningContext(ctx, credentialsDeadlineMs()), patch), goneCheck(ctx, previousId, outs));
  return patched === undefined ? withoutPrevious(outs, previousKeys(ctx, outs)) : outs;
}

/** Grants made through bucket ACLs name the key object; a second key would not have them. */
function refuseBucketGrants(key: ApiKey): void {
  const grants = [["read", key.read_buckets ?? []], ["write", key.write_buckets ?? []]].filter(([, b]) => b.length > 0);
  if (grants.length === 0) return;
  const listed = grants.map(([what, buckets]) => `${what}: ${(buckets as string[]).join(", ")}`).join("; ");
  throw new InputError(
    `Katapult key ${key.id} ("${key.name}") has bucket ACL grants (${listed}); they belong to that key object, so the second ` +
      "key a rotation with keepPreviousForHours makes would not have them. Grant the access with allObjectsRead / " +
      "allObjectsWrite instead of bucket ACLs, or unset keepPreviousForHours to regenerate credentials in place (which keeps " +
      "the grants). Nothing was changed.",
    "keepPreviousForHours",
  );
}

/**
 * The new key's credentials. If they cannot be had, the new key is deleted before the update
 * fails: a failed update keeps the old outputs (docs/pulumi-engine.md#partial-updates), so the key
 * would be out of state. If that delete fails too, the error names the key.
 */
async function credentialsOrDelete(ctx: ClientContext, made: ApiKey, olds: AccessKeyOutputs, currentId: string): Promise<ApiKey> {
  try {
    return await generateCredentials(ctx, made.id);
  } catch (err) {
    const unchanged = `Katapult key ${currentId} and its secret are unchanged in the stack`;
    try {
      await deleteKey(ctx, made.id, olds);
    } catch (deleteError) {
      throw orphaned(made, err as Error, deleteError as Error, unchanged);
    }
    const deletedAgain = `the rotation's new key ${made.id} was deleted again; ${unchanged}; run \`pulumi up\` to try again`;
    throw err instanceof ApiError ? withDetail(err, deletedAgain) : err;
  }
}

function orphaned(made: ApiKey, cause: Error, deleteError: Error, unchanged: string): Error {
  return new UncertainCreateError("new key left outside the stack", {
    cloud: api.katapultProfile.cloud, operation: `rotate to a new Katapult key ${made.id} ("${made.name}")`, method: "DELETE", path: api.KEY_PATH,
    detail: `its credentials could not be generated (${cause.message}), and deleting it failed (${deleteError.message}). ` +
      `${unchanged}. Katapult key ${made.id} exists but is in no stack: delete it in the Katapult console ` +
      "(`pulumi-access-keys audit` lists it), then run `pulumi up` again",
    mayHaveSucceeded: true,
  });
}
