/**
 * Linode Object Storage key lifecycle. Calls per operation: check 0, diff 0, create 1, read 1,
 * update 1 (0 when nothing changed), delete 1.
 */
import type * as pulumi from "@pulumi/pulumi";
import { validateInputs, containsUnknown } from "../shared/check";
import { Connect, clientContext } from "../shared/context";
import { diffFields } from "../shared/diff";
import { NotFoundError } from "../shared/http/errors";
import { findAll } from "../shared/http/pagination";
import { chooseName } from "../shared/naming";
import { plain } from "../shared/plain";
import type { Created, Read, Updated } from "../shared/results";
import { createWithRecovery } from "../shared/recovery";
import { requireCredential, resolveBaseUrl } from "../shared/settings";
import * as api from "./api";
import { flattenKey, getCreateBody, getUpdateBody, inputsFromOutputs, normalizeBucketAccess, wantedRegions } from "./model";
import { ApiKey, ObjectStorageKeyInputs, ObjectStorageKeyOutputs, keyInputs } from "./schemas";

export const LINODE_TOKEN = { configKey: "linode:token", envVar: "LINODE_TOKEN" };
export const LINODE_URL = { configKey: "linode:url", envVar: "LINODE_URL" };
export const LINODE_DEFAULT_URL = "https://api.linode.com/v4";

/** Reads the token and URL at call time: never at load, never from inputs. */
export const connectLinode: Connect = () =>
  clientContext(
    resolveBaseUrl(LINODE_URL, LINODE_DEFAULT_URL),
    `Bearer ${requireCredential("The Linode API token", LINODE_TOKEN)}`,
  );

const LABEL_MAX = 50;

export class ObjectStorageKeyProvider implements pulumi.dynamic.ResourceProvider<ObjectStorageKeyInputs, ObjectStorageKeyOutputs> {
  constructor(private readonly connect: Connect = connectLinode) {}

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<ObjectStorageKeyInputs>> {
    const { __provider: _ignored, ...given } = news;
    const label = chooseName(given.label, olds ?? {}, "label", given.logicalName, LABEL_MAX);
    return plain(validateInputs(keyInputs, { ...given, label, autoNamed: given.label === undefined }));
  }

  async diff(_id: string, olds: ObjectStorageKeyOutputs, news: ObjectStorageKeyInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffFields<ObjectStorageKeyInputs>(
      // Bucket access never changes after creation (NOTES.md): a change means a new key.
      { updatable: ["label", "regions"], replacing: ["bucketAccess"] },
      { label: olds.label, regions: olds.regions, bucketAccess: normalizeBucketAccess(olds.bucketAccess) },
      comparableInputs(news),
    );
  }

  async create(inputs: ObjectStorageKeyInputs): Promise<Created<ObjectStorageKeyOutputs>> {
    const ctx = this.connect();
    if (inputs.existingKeyId !== undefined) return this.adopt(inputs.existingKeyId, inputs);
    const key = await createWithRecovery<ApiKey>({
      create: () => api.createObjectStorageKey(ctx, getCreateBody(inputs)),
      findCandidates: () => findAll(1, (page) => api.listObjectStorageKeys(ctx, page), (k) => k.label === inputs.label),
      // The secret of a key made by a lost create is gone for good: remove it and try again.
      resolve: async (k) => {
        await this.delete(String(k.id));
        return undefined;
      },
      nameIsUnique: inputs.autoNamed === true,
      describe: (k) => `Linode key ${k.id} ("${k.label}")`,
      ctx,
    });
    return { id: String(key.id), outs: plain(flattenKey(key, undefined, inputs)) };
  }

  async read(id: string, props?: ObjectStorageKeyOutputs): Promise<Read<ObjectStorageKeyOutputs>> {
    let key: ApiKey;
    try {
      key = await api.getObjectStorageKey(this.connect(), parseKeyId(id));
    } catch (err) {
      if (err instanceof NotFoundError) return { id: "", props: {} as ObjectStorageKeyOutputs };
      throw err;
    }
    const outs = flattenKey(key, props?.secretKey, { logicalName: props?.logicalName, autoNamed: props?.autoNamed });
    // ReadResult types `inputs` as outputs; the host only forwards them (PULUMI.md section 3).
    return plain({ id, props: outs, inputs: inputsFromOutputs(outs) as unknown as ObjectStorageKeyOutputs });
  }

  async update(id: string, olds: ObjectStorageKeyOutputs, news: ObjectStorageKeyInputs): Promise<Updated<ObjectStorageKeyOutputs>> {
    const body = getUpdateBody(olds, news);
    const meta = { logicalName: news.logicalName, autoNamed: news.autoNamed };
    if (body === undefined) return { outs: plain({ ...olds, ...meta }) };
    // Linode requires regions to keep covering every bucket's region: getUpdateBody ensures it.
    const key = await api.updateObjectStorageKey(this.connect(), parseKeyId(id), body);
    return { outs: plain(flattenKey(key, olds.secretKey, meta)) };
  }

  async delete(id: string, _props?: ObjectStorageKeyOutputs): Promise<void> {
    try {
      await api.deleteObjectStorageKey(this.connect(), parseKeyId(id));
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }

  /** Takes over a key made outside Pulumi. Its secret cannot be read back, so it stays empty. */
  private async adopt(keyId: number, inputs: ObjectStorageKeyInputs): Promise<Created<ObjectStorageKeyOutputs>> {
    const ctx = this.connect();
    const existing = flattenKey(await api.getObjectStorageKey(ctx, keyId), undefined, inputs);
    const diff = await this.diff(String(keyId), existing, inputs);
    if (diff.replaces?.length) {
      throw new Error(
        `adopt Linode key ${keyId}: its bucket access differs from the inputs, and Linode cannot change bucket access ` +
          "on an existing key; make bucketAccess match the key, or drop existingKeyId to create a new key",
      );
    }
    const body = getUpdateBody(existing, inputs);
    const outs = body ? flattenKey(await api.updateObjectStorageKey(ctx, keyId, body), undefined, inputs) : existing;
    return { id: String(keyId), outs: plain(outs) };
  }
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
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Linode key id must be a positive integer, got "${id}"`);
  return n;
}
