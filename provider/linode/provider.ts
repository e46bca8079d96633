/**
 * Linode Object Storage key lifecycle. Calls per operation: check 0, diff 0, create 1 (2 with a
 * chosen label: the keys with it are listed first, shared/recovery.ts), read 1, update 1 (0 when
 * nothing changed), delete 1; a 404 on read or delete costs one list of keys (every page) before
 * the key counts as gone, and through another token than the key's it is refused (shared/gone.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown } from "../shared/check";
import { Connect, credentialFingerprint } from "../shared/context";
import { credentialsHint } from "../shared/credentials";
import { deepEqual, diffFields } from "../shared/diff";
import { diffSpec, pickDefined } from "../shared/fields";
import { GoneCheck, deleteUnlessGone, readUnlessGone } from "../shared/gone";
import { InputError } from "../shared/http/errors";
import type { ClientContext } from "../shared/http/request";
import { anyItem, findAll } from "../shared/http/pagination";
import { CheckRules, adoptKey, checkInputs, diffKey, readResult, withEchoed } from "../shared/lifecycle";
import { plain } from "../shared/plain";
import type { Created, Read, Updated } from "../shared/results";
import { createWithRecovery } from "../shared/recovery";
import * as api from "./api";
import { LINODE_CREDENTIALS, connectLinode } from "./settings";
import { ECHOED, objectStorageKeyFields } from "./fields";
import { flattenKey, getCreateBody, getUpdateBody, inputsFromOutputs, metaOf, normalizeBucketAccess, wantedRegions } from "./model";
import { ApiKey, ObjectStorageKeyInputs, ObjectStorageKeyOutputs, keyInputs } from "./schemas";

/** Bucket access never changes after creation (docs/api/linode.md#update-a-key): a change means a new key. */
const DIFF_SPEC = diffSpec(objectStorageKeyFields);

const CHECK_RULES: CheckRules<typeof keyInputs> = {
  schema: keyInputs,
  naming: { field: "label", maxLength: 50 },
  rotationReplaces: true,
  // New bucket access means a new key, hence a new secret (see diff).
  reissues: (olds, news) => Object.keys(olds).length > 0 && (containsUnknown(news.bucketAccess) ||
    !deepEqual(normalizeBucketAccess(olds.bucketAccess as never), normalizeBucketAccess(news.bucketAccess))),
};

export class ObjectStorageKeyProvider implements pulumi.dynamic.ResourceProvider<ObjectStorageKeyInputs, ObjectStorageKeyOutputs> {
  /** `now` is the clock `check` reads for the rotation schedule (injected by tests). */
  constructor(private readonly connect: Connect = connectLinode, private readonly now: () => number = Date.now) {}

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<ObjectStorageKeyInputs>> {
    return checkInputs(CHECK_RULES, olds, news, this.now());
  }

  async diff(id: string, olds: ObjectStorageKeyOutputs, news: ObjectStorageKeyInputs): Promise<pulumi.dynamic.DiffResult> {
    const fields = diffFields(DIFF_SPEC, comparableOutputs(olds), comparableInputs(news));
    // A due rotation is a new key (Linode cannot reissue a secret), made before the old one goes,
    // so consumers in the stack are updated in between.
    return diffKey(fields, olds, news, { id, rotationReplaces: true });
  }

  async create(inputs: ObjectStorageKeyInputs): Promise<Created<ObjectStorageKeyOutputs>> {
    const ctx = this.connect(inputs.credentials);
    if (inputs.existingKeyId !== undefined) return this.adopt(inputs.existingKeyId, inputs);
    const key = await createWithRecovery<ApiKey>({
      create: () => api.createObjectStorageKey(ctx, getCreateBody(inputs)),
      findCandidates: () => findAll(1, (page) => api.listObjectStorageKeys(ctx, page), (k) => k.label === inputs.label),
      // The secret of a key made by a lost create is gone for good: remove it and try again.
      resolve: async (k) => {
        await this.delete(String(k.id), { credentials: inputs.credentials } as ObjectStorageKeyOutputs);
        return undefined;
      },
      nameIsUnique: inputs.autoNamed === true,
      describe: (k) => `Linode key ${k.id} ("${k.label}")`,
      idOf: (k) => String(k.id),
      subject: `Linode key labelled "${inputs.label}"`,
      ctx,
    });
    return { id: String(key.id), outs: plain(madeWith(ctx, flattenKey(key, undefined, metaOf(inputs)))) };
  }

  async read(id: string, props?: ObjectStorageKeyOutputs): Promise<Read<ObjectStorageKeyOutputs>> {
    const keyId = parseKeyId(id);
    const ctx = this.connect(props?.credentials);
    const key = await readUnlessGone(() => api.getObjectStorageKey(ctx, keyId), goneCheck(ctx, keyId, props));
    // rotatedAt is kept: a refresh never rotates, and never shows a due rotation as drift.
    const meta = { ...pickDefined(props, ECHOED), regionsFromCloud: props?.regionsFromCloud };
    const tokenFingerprint = props?.tokenFingerprint;
    return readResult(id, key && { ...flattenKey(key, props?.secretKey, meta), ...(tokenFingerprint ? { tokenFingerprint } : {}) }, inputsFromOutputs);
  }

  async update(id: string, olds: ObjectStorageKeyOutputs, news: ObjectStorageKeyInputs): Promise<Updated<ObjectStorageKeyOutputs>> {
    const body = getUpdateBody(olds, news);
    // `credentials` undefined drops the stored ones (plain() removes undefined members).
    const meta = metaOf(news);
    // The clock starting or rotateAfterDays changing rewrites outputs only: no call.
    if (body === undefined) return { outs: withEchoed(olds, ECHOED, meta) };
    // Linode requires regions to keep covering every bucket's region: getUpdateBody ensures it.
    const ctx = this.connect(news.credentials);
    const key = await api.updateObjectStorageKey(ctx, parseKeyId(id), body);
    // The update worked, so this token sees the key: it is of the key's account.
    return { outs: plain(madeWith(ctx, flattenKey(key, olds.secretKey, meta))) };
  }

  async delete(id: string, props?: ObjectStorageKeyOutputs): Promise<void> {
    const keyId = parseKeyId(id);
    const ctx = this.connect(props?.credentials);
    await deleteUnlessGone(() => api.deleteObjectStorageKey(ctx, keyId), goneCheck(ctx, keyId, props));
  }

  /** Takes over a key made outside Pulumi. Its secret cannot be read back, so it stays empty. */
  private async adopt(keyId: number, inputs: ObjectStorageKeyInputs): Promise<Created<ObjectStorageKeyOutputs>> {
    const ctx = this.connect(inputs.credentials);
    const existing = (key: ApiKey) => flattenKey(key, undefined, metaOf(inputs));
    const { key } = await adoptKey({
      read: () => api.getObjectStorageKey(ctx, keyId),
      // Only what replaces the key can stop an adoption: bucket access (see diff).
      refusal: (found) => (diffFields(DIFF_SPEC, comparableOutputs(existing(found)), comparableInputs(inputs)).replaces.length > 0
        ? bucketAccessMismatch(keyId) : undefined),
      changes: (found) => getUpdateBody(existing(found), inputs),
      update: (_found, body) => api.updateObjectStorageKey(ctx, keyId, body),
    });
    return { id: String(keyId), outs: plain(madeWith(ctx, existing(key))) };
  }
}

/** The outputs with the fingerprint of the token that just made, adopted or updated the key. */
function madeWith(ctx: ClientContext, outs: ObjectStorageKeyOutputs): ObjectStorageKeyOutputs {
  return { ...outs, tokenFingerprint: credentialFingerprint(ctx.authorization) };
}

/**
 * A 404 for a key counts only if the token is the one the key was made with (when state says)
 * and the key list at the same address works and lacks it. Linode keeps each account's keys
 * apart and names the account nowhere in a key answer; its profile endpoint names a user and its
 * account endpoint needs a scope an Object Storage token lacks (docs/api/linode.md#accounts), so
 * another token's "not found" cannot be checked and is refused.
 */
function goneCheck(ctx: ClientContext, keyId: number, props: Partial<ObjectStorageKeyOutputs> | undefined): GoneCheck {
  const recorded = props?.tokenFingerprint;
  return {
    subject: `Linode key ${keyId}`,
    isListed: () => anyItem(1, (page) => api.listObjectStorageKeys(ctx, page), (k) => k.id === keyId),
    settingsHint: credentialsHint(LINODE_CREDENTIALS, props?.credentials),
    anotherAccount: () => (recorded === undefined || recorded === credentialFingerprint(ctx.authorization) ? undefined : ANOTHER_TOKEN),
  };
}

const ANOTHER_TOKEN =
  "the token in use is not the one the key was made with, and Linode cannot say whether both belong to the same account " +
  "(another account's token gets the same \"not found\"). Use the token of the key's account; if the key is really gone, " +
  "remove it from the stack with `pulumi state delete`";

function bucketAccessMismatch(keyId: number): InputError {
  return new InputError(
    `adopt Linode key ${keyId}: its bucket access differs from the inputs, and Linode cannot change bucket access ` +
      "on an existing key; make bucketAccess match the key, or drop existingKeyId to create a new key",
    "bucketAccess",
  );
}

/** Comparable form of the outputs. */
function comparableOutputs(olds: ObjectStorageKeyOutputs) {
  return { label: olds.label, regions: olds.regions, bucketAccess: normalizeBucketAccess(olds.bucketAccess) };
}

/** Comparable form of the inputs; unknown (preview) values are passed through as changes. */
function comparableInputs(news: ObjectStorageKeyInputs) {
  const unknown = containsUnknown(news.regions) || containsUnknown(news.bucketAccess);
  return {
    label: news.label,
    regions: unknown ? news.regions : wantedRegions(news),
    bucketAccess: containsUnknown(news.bucketAccess) ? news.bucketAccess : normalizeBucketAccess(news.bucketAccess),
  };
}

function parseKeyId(id: string): number {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) throw new InputError(`Linode key id must be a positive integer, got "${id}"`, "id");
  return n;
}
