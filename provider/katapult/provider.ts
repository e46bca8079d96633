/**
 * Katapult object storage access key lifecycle. Calls per operation: check 0, diff 0, create 2
 * (create + generate credentials, plus retries while Katapult is provisioning; plus one list of
 * keys first with a chosen name, shared/recovery.ts) and the GETs until `configured`, read 1,
 * update 1 (0 when nothing changed; 2 when properties change and credentials rotate), delete 1;
 * a 404 on read or delete costs one list of keys (every page) before the key counts as gone
 * (shared/gone.ts).
 *
 * While a rotation keeps the previous key (`keepPreviousForHours`, overlap.ts): the rotation makes
 * a second key (1 GET, 1 create, 1 generate credentials, the GETs until `configured`; plus 1
 * delete of an older previous key, 1 PATCH of the key in use when its name or flags change, 1 list
 * with a chosen name); read and delete cost 1 call more, a PATCH 1 more (the previous key gets the
 * same properties), and the expiry's update 1 delete. State without `keyId` or a previous key
 * (0.1.0, and keys that never rotated with an overlap) makes exactly the calls above.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CheckOutcome } from "../shared/check";
import { Connect } from "../shared/context";
import { deepEqual, diffFields } from "../shared/diff";
import { diffSpec, pickDefined } from "../shared/fields";
import { readUnlessGone } from "../shared/gone";
import { InputError } from "../shared/http/errors";
import { ClientContext } from "../shared/http/request";
import { CheckRules, adoptKey, checkInputs, diffKey, readResult } from "../shared/lifecycle";
import { dropsPrevious, keepsPrevious } from "../shared/overlap";
import { plain } from "../shared/plain";
import { assertNoPreviousLeft, dropPrevious, previousOf, refreshPrevious } from "../shared/previous-key";
import type { Created, Read, Updated } from "../shared/results";
import { rotationChange } from "../shared/rotation";
import * as api from "./api";
import { accessKeyFields } from "./fields";
import { NotConfiguredError, RecordedKeyError, settle, warnNotConfigured } from "./configured";
import { createKey, deleteKey, generateCredentials, goneCheck } from "./keys";
import { KEPT_OUTPUTS, currentKeyId, patchPrevious, previousKeys, rotateKeepingPrevious } from "./overlap";
import { connectKatapult, credentialsDeadlineMs, defaultOrganization, defaultRegion, provisioningContext, waitUntilConfigured } from "./settings";
import {
  credentialsOf, flattenKey, getProperties, getUpdateBody, inputsFromOutputs, refreshedKey, wireProperties, withEchoed,
} from "./model";
import { AccessKeyInputs, AccessKeyOutputs, ApiKey, keyInputs } from "./schemas";

const ORGANIZATION_REQUIRED = {
  property: "organization",
  reason: "organization is required: set it on the resource ({ subDomain } or { id }), or run `pulumi config set katapult:organization <sub-domain or org_ id>`, or set KATAPULT_ORGANIZATION",
};

/**
 * A key that exists but has no credentials yet: recorded by the engine (see PartialCreateError),
 * and the next `pulumi up` calls `update`, which finishes it.
 */
export class IncompleteCreateError extends RecordedKeyError {
  static override readonly kind = "IncompleteCreateError";
  constructor(id: string, properties: AccessKeyOutputs, cause: Error) {
    const message = `Katapult key ${id} ("${properties.name}") was created, but its credentials could not be generated: ${cause.message}. ` +
      "The key is recorded in the stack without credentials; run `pulumi up` again to generate them.";
    super(id, properties, message, cause);
  }
}

export class AccessKeyProvider implements pulumi.dynamic.ResourceProvider<AccessKeyInputs, AccessKeyOutputs> {
  /** `now` is the clock `check` reads for the rotation schedule (injected by tests). */
  constructor(private readonly connect: Connect = connectKatapult, private readonly now: () => number = Date.now) {}

  /** Offline. Defaults (organization, region) come from settings so the stored inputs are explicit. */
  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<CheckOutcome<AccessKeyInputs>> {
    return checkInputs(CHECK_RULES, olds, news, this.now());
  }

  async diff(id: string, olds: AccessKeyOutputs, news: AccessKeyInputs): Promise<pulumi.dynamic.DiffResult> {
    const pick = (o: Partial<AccessKeyInputs>) => ({
      organization: o.organization, region: o.region, name: o.name, rotation: o.rotation,
      allBucketsRead: o.allBucketsRead, allObjectsRead: o.allObjectsRead, allObjectsWrite: o.allObjectsWrite,
    });
    // A key cannot move between organizations or regions; everything else changes in place.
    // A due rotation is new credentials for the same key, in place (update), like `rotation`, or
    // with keepPreviousForHours a second key in the same resource (overlap.ts); a create that
    // could not generate credentials is finished by the next update.
    return diffKey(diffFields(DIFF_SPEC, pick(olds), pick(news)), olds, news, {
      id, rotationReplaces: false, unfinished: credentialsOf(olds) === undefined || olds.secretRevoked === true,
    });
  }

  async create(inputs: AccessKeyInputs): Promise<Created<AccessKeyOutputs>> {
    const ctx = this.connect(inputs.credentials);
    waitUntilConfigured(); // a bad setting fails here, before a key exists
    if (inputs.existingKeyId !== undefined) return this.adopt(ctx, inputs.existingKeyId, inputs);
    return this.finishCreate(ctx, await createKey(ctx, inputs), inputs);
  }

  async read(id: string, props?: AccessKeyOutputs): Promise<Read<AccessKeyOutputs>> {
    const ctx = this.connect(props?.credentials);
    const keyId = currentKeyId(id, props);
    const key = await readUnlessGone(() => api.getAccessKey(ctx, keyId), goneCheck(ctx, keyId, props));
    const previous = previousKeys(ctx, props);
    if (key === undefined) await assertNoPreviousLeft(props, keyId, previous);
    // The API never returns the secret again: keep the stored one (docs/pulumi-engine.md#secrets-the-cloud-never-returns).
    const outs = key && { ...refreshedKey(key, props ?? {}), ...pickDefined(props, ["keyId"]), ...previousOf(props, previous) };
    return readResult(id, outs && (await refreshPrevious(outs, previous)), inputsFromOutputs);
  }

  async update(id: string, olds: AccessKeyOutputs, news: AccessKeyInputs): Promise<Updated<AccessKeyOutputs>> {
    // Only a working secret is kept: a key without credentials, or with a revoked secret, is repaired in place.
    if (keepsPrevious(olds, news) && credentialsOf(olds) !== undefined && olds.secretRevoked !== true) {
      waitUntilConfigured(); // a bad setting fails before any key is made
      return { outs: await rotateKeepingPrevious(this.connect(news.credentials), id, olds, news) };
    }
    const keyId = currentKeyId(id, olds);
    // The previous key's time is up: it goes first, so a failure after it leaves nothing unrecorded.
    const kept = dropsPrevious(olds, news) ? await dropPrevious(olds, previousKeys(this.connect(news.credentials), olds)) : olds;
    const previous = credentialsOf(kept);
    const rotate = previous === undefined || kept.secretRevoked === true ||
      (news.rotation !== undefined && news.rotation !== kept.rotation) || rotationChange(kept, news).rotate;
    const body = getUpdateBody(keyId, getProperties(kept), news);
    if (body === undefined && !rotate) return { outs: plain(withEchoed(kept, news)) };
    const ctx = this.connect(news.credentials);
    if (rotate) waitUntilConfigured(); // a bad setting fails before the old secret is revoked
    // Right after a create or a PATCH, Katapult answers 422 provisioning errors for a while.
    const provisioning = provisioningContext(ctx, credentialsDeadlineMs());
    const patched = body === undefined ? kept : await patchPrevious(ctx, kept, body);
    const key = body === undefined ? undefined : await api.updateAccessKey(provisioning, body);
    const carried = pickDefined(patched, KEPT_OUTPUTS);
    if (!rotate) return { outs: plain({ ...flattenKey(key!, news, previous), ...carried }) };
    const issuedSince = ctx.now();
    const issued = plain(flattenKey(await api.generateCredentials(provisioning, keyId), news, undefined));
    const settled = await settle(ctx, keyId, issued, issuedSince);
    const outs = plain({ ...settled.outs, ...carried });
    if (settled.failure) warnNotConfigured(keyId, outs, settled.failure);
    return { outs };
  }

  async delete(id: string, props?: AccessKeyOutputs): Promise<void> {
    const ctx = this.connect(props?.credentials);
    // The previous key first: if the current one then fails, the stack still holds it.
    if (props !== undefined) await dropPrevious(props, previousKeys(ctx, props));
    await deleteKey(ctx, currentKeyId(id, props), props);
  }

  /** Generates the new key's credentials; if that fails, the key is reported, never orphaned. */
  private async finishCreate(ctx: ClientContext, key: ApiKey, inputs: AccessKeyInputs): Promise<Created<AccessKeyOutputs>> {
    let withCredentials: ApiKey;
    const issuedSince = ctx.now();
    try {
      withCredentials = await generateCredentials(ctx, key.id);
    } catch (err) {
      throw new IncompleteCreateError(key.id, plain(flattenKey(key, inputs, undefined)), err as Error);
    }
    const { outs, failure } = await settle(ctx, key.id, plain(flattenKey(withCredentials, inputs, undefined)), issuedSince);
    if (failure) throw new NotConfiguredError(key.id, outs, failure);
    return { id: key.id, outs };
  }

  /**
   * Takes over a key made outside Pulumi (Pulumi's `import` option cannot work for dynamic
   * resources, docs/pulumi-engine.md#import). Its secret cannot be read back, and generating new
   * credentials would break whoever uses the key, so the secret stays empty until `rotation`
   * is changed; a key that has no credentials at all gets them now.
   */
  private async adopt(ctx: ClientContext, keyId: string, inputs: AccessKeyInputs): Promise<Created<AccessKeyOutputs>> {
    const { key } = await adoptKey({
      read: () => api.getAccessKey(ctx, keyId),
      refusal: (found) => found.region === inputs.region ? undefined : new InputError(
        `adopt Katapult key ${keyId}: the key is in region "${found.region}", not "${inputs.region}"; set region to "${found.region}"`,
        "region",
      ),
      changes: (found) => getUpdateBody(keyId, wireProperties(found), inputs),
      update: (_found, body) => api.updateAccessKey(provisioningContext(ctx, credentialsDeadlineMs()), body),
    });
    if (!key.s3_access_key_id) return this.finishCreate(ctx, key, inputs);
    return { id: keyId, outs: plain(flattenKey(key, inputs, { accessKeyId: key.s3_access_key_id, secretAccessKey: "" })) };
  }
}

const DIFF_SPEC = diffSpec(accessKeyFields);

const CHECK_RULES: CheckRules<typeof keyInputs> = {
  schema: keyInputs,
  // Katapult documents no name limit; generated names stay short and readable.
  naming: { field: "name", maxLength: 63 },
  prepare: (given) => ({ organization: given.organization ?? defaultOrganization(), region: given.region ?? defaultRegion() }),
  failures: (_given, prepared, found) => prepared.organization !== undefined ? found : [ORGANIZATION_REQUIRED, ...found.filter((f) => f.property !== "organization")],
  reissues,
  replaces: moves,
  // A new `rotation` is a rotation, so with keepPreviousForHours it keeps the previous key; new
  // credentials for a secret a refresh found revoked only repair it (the old secret is dead already).
  rotatesInPlace: (olds, news) => news.rotation !== undefined && news.rotation !== olds.rotation && olds.secretRevoked !== true,
  rotationReplaces: false,
  overlap: true,
};

/**
 * Moving the key (organization, region), setting a new `rotation`, or a secret a refresh found
 * revoked (`secretRevoked` in the refreshed inputs) issues new credentials anyway.
 */
function reissues(olds: Record<string, unknown>, news: AccessKeyInputs): boolean {
  if (Object.keys(olds).length === 0) return false;
  const rotated = news.rotation !== undefined && news.rotation !== olds.rotation;
  return rotated || olds.secretRevoked === true || moves(olds, news);
}

/** A key cannot move between organizations or regions: moving it replaces it. */
function moves(olds: Record<string, unknown>, news: AccessKeyInputs): boolean {
  return Object.keys(olds).length > 0 && (!deepEqual(olds.organization, news.organization) || olds.region !== news.region);
}
