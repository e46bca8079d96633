/**
 * Linode Object Storage key lifecycle. Calls per operation: check 0, diff 0, create 1, read 1,
 * update 1 (0 when nothing changed), delete 1; a 404 on read or delete costs one list of keys
 * (every page) before the key counts as gone (shared/gone.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import { validateInputs, containsUnknown } from "../shared/check";
import { Connect } from "../shared/context";
import { CredentialsSpec, connectWith, credentialsHint } from "../shared/credentials";
import { deepEqual, diffFields } from "../shared/diff";
import { GoneCheck, deleteUnlessGone, readUnlessGone } from "../shared/gone";
import { InputError } from "../shared/http/errors";
import type { ClientContext } from "../shared/http/request";
import { anyItem, findAll } from "../shared/http/pagination";
import { chooseName } from "../shared/naming";
import { plain } from "../shared/plain";
import type { Created, Read, Updated } from "../shared/results";
import { createWithRecovery } from "../shared/recovery";
import { rotationChange, rotationFields, stampRotation } from "../shared/rotation";
import * as api from "./api";
import { flattenKey, getCreateBody, getUpdateBody, inputsFromOutputs, metaOf, normalizeBucketAccess, wantedRegions } from "./model";
import { ApiKey, LinodeCredentials, ObjectStorageKeyInputs, ObjectStorageKeyOutputs, keyInputs } from "./schemas";

export const LINODE_TOKEN = { configKey: "linode:token", envVar: "LINODE_TOKEN" };
export const LINODE_URL = { configKey: "linode:url", envVar: "LINODE_URL" };
export const LINODE_DEFAULT_URL = "https://api.linode.com/v4";
/**
 * Linode's own clients (linodego, the Terraform provider) take the URL as a host and add the
 * version themselves, so `LINODE_URL=https://api.linode.com` is common: a bare host gets `/v4`
 * (docs/api/linode.md#base-url-and-auth).
 */
export const LINODE_API_VERSION_PATH = "/v4";

/** `credentials: { token, url? }`, named like `linode:token` and `linode:url`. */
export const LINODE_CREDENTIALS: CredentialsSpec = {
  what: "The Linode API token", tokenField: "token", urlField: "url", token: LINODE_TOKEN, url: LINODE_URL,
  defaultUrl: LINODE_DEFAULT_URL, pathWhenBare: LINODE_API_VERSION_PATH, scheme: "Bearer",
};

/** The resource's credentials, else the token and URL settings read at call time (never at load). */
export const connectLinode: Connect = connectWith(LINODE_CREDENTIALS);

const LABEL_MAX = 50;

export class ObjectStorageKeyProvider implements pulumi.dynamic.ResourceProvider<ObjectStorageKeyInputs, ObjectStorageKeyOutputs> {
  /** `now` is the clock `check` reads for the rotation schedule (injected by tests). */
  constructor(private readonly connect: Connect = connectLinode, private readonly now: () => number = Date.now) {}

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<ObjectStorageKeyInputs>> {
    const { __provider: _ignored, rotatedAt: _stamped, ...given } = news;
    const label = chooseName(given.label, olds ?? {}, "label", given.logicalName, LABEL_MAX);
    const outcome = validateInputs(keyInputs, { ...given, label, autoNamed: given.label === undefined });
    if (outcome.failures.length > 0) return plain(outcome);
    // New bucket access means a new key, hence a new secret (see diff).
    const reissued = containsUnknown(outcome.inputs.bucketAccess) ||
      !deepEqual(normalizeBucketAccess(olds?.bucketAccess as never), normalizeBucketAccess(outcome.inputs.bucketAccess));
    const rotatedAt = stampRotation({ olds, news: outcome.inputs, now: this.now(), reissued: reissued && Object.keys(olds ?? {}).length > 0 });
    return plain({ ...outcome, inputs: { ...outcome.inputs, rotatedAt } });
  }

  async diff(id: string, olds: ObjectStorageKeyOutputs, news: ObjectStorageKeyInputs): Promise<pulumi.dynamic.DiffResult> {
    const outcome = diffFields<ObjectStorageKeyInputs>(
      // Bucket access never changes after creation (docs/api/linode.md#update-a-key): a change means a new key.
      { updatable: ["label", "regions"], replacing: ["bucketAccess"] },
      { label: olds.label, regions: olds.regions, bucketAccess: normalizeBucketAccess(olds.bucketAccess) },
      comparableInputs(news),
    );
    // Naming another key to adopt means this resource becomes that key; naming this one is a no-op.
    const adoptsAnother = news.existingKeyId !== undefined && (containsUnknown(news.existingKeyId) || String(news.existingKeyId) !== id);
    // A due rotation is a new key (Linode cannot reissue a secret), made before the old one
    // goes, so consumers in the stack are updated in between; reported on `rotatedAt`, the input
    // `check` moved, so the preview reads `[diff: ~rotatedAt]`.
    const rotation = rotationChange(olds, news);
    const replaces = [...outcome.replaces, ...(adoptsAnother ? ["existingKeyId"] : []), ...(rotation.rotate ? ["rotatedAt"] : [])];
    // New credentials (a rotated token, another URL for the same account) are stored by an update that calls nothing.
    const credentialsChanged = !deepEqual(olds.credentials, news.credentials);
    return { changes: outcome.changes || replaces.length > 0 || rotation.record || credentialsChanged, replaces, deleteBeforeReplace: false };
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
      subject: `Linode key labelled "${inputs.label}"`,
      ctx,
    });
    return { id: String(key.id), outs: plain(flattenKey(key, undefined, metaOf(inputs))) };
  }

  async read(id: string, props?: ObjectStorageKeyOutputs): Promise<Read<ObjectStorageKeyOutputs>> {
    const keyId = parseKeyId(id);
    const ctx = this.connect(props?.credentials);
    const key = await readUnlessGone(() => api.getObjectStorageKey(ctx, keyId), goneCheck(ctx, keyId, props?.credentials));
    if (key === undefined) return { id: "", props: {} as ObjectStorageKeyOutputs };
    // rotatedAt is kept: a refresh never rotates, and never shows a due rotation as drift.
    const outs = flattenKey(key, props?.secretKey, {
      logicalName: props?.logicalName, autoNamed: props?.autoNamed, regionsFromCloud: props?.regionsFromCloud, credentials: props?.credentials,
      ...rotationFields(props),
    });
    // ReadResult types `inputs` as outputs; the host only forwards them (docs/pulumi-engine.md#readresult-inputs).
    return plain({ id, props: outs, inputs: inputsFromOutputs(outs) as unknown as ObjectStorageKeyOutputs });
  }

  async update(id: string, olds: ObjectStorageKeyOutputs, news: ObjectStorageKeyInputs): Promise<Updated<ObjectStorageKeyOutputs>> {
    const body = getUpdateBody(olds, news);
    // `credentials` undefined drops the stored ones (plain() removes undefined members).
    const meta = metaOf(news);
    const { rotateAfterDays: _days, rotatedAt: _at, ...kept } = olds;
    // The clock starting or rotateAfterDays changing rewrites outputs only: no call.
    if (body === undefined) return { outs: plain({ ...kept, ...meta }) };
    // Linode requires regions to keep covering every bucket's region: getUpdateBody ensures it.
    const key = await api.updateObjectStorageKey(this.connect(news.credentials), parseKeyId(id), body);
    return { outs: plain(flattenKey(key, olds.secretKey, meta)) };
  }

  async delete(id: string, props?: ObjectStorageKeyOutputs): Promise<void> {
    const keyId = parseKeyId(id);
    const ctx = this.connect(props?.credentials);
    await deleteUnlessGone(() => api.deleteObjectStorageKey(ctx, keyId), goneCheck(ctx, keyId, props?.credentials));
  }

  /** Takes over a key made outside Pulumi. Its secret cannot be read back, so it stays empty. */
  private async adopt(keyId: number, inputs: ObjectStorageKeyInputs): Promise<Created<ObjectStorageKeyOutputs>> {
    const ctx = this.connect(inputs.credentials);
    const existing = flattenKey(await api.getObjectStorageKey(ctx, keyId), undefined, metaOf(inputs));
    const diff = await this.diff(String(keyId), existing, inputs);
    if (diff.replaces?.length) {
      throw new InputError(
        `adopt Linode key ${keyId}: its bucket access differs from the inputs, and Linode cannot change bucket access ` +
          "on an existing key; make bucketAccess match the key, or drop existingKeyId to create a new key",
        "bucketAccess",
      );
    }
    const body = getUpdateBody(existing, inputs);
    const outs = body ? flattenKey(await api.updateObjectStorageKey(ctx, keyId, body), undefined, metaOf(inputs)) : existing;
    return { id: String(keyId), outs: plain(outs) };
  }
}

/** A 404 for a key counts only if the key list at the same address works and lacks it. */
function goneCheck(ctx: ClientContext, keyId: number, credentials: LinodeCredentials | undefined): GoneCheck {
  return {
    subject: `Linode key ${keyId}`,
    isListed: () => anyItem(1, (page) => api.listObjectStorageKeys(ctx, page), (k) => k.id === keyId),
    settingsHint: credentialsHint(LINODE_CREDENTIALS, credentials),
  };
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
