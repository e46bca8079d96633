/**
 * Pure conversions between our inputs/outputs and Linode's wire shapes.
 */
import { pickDefined } from "../shared/fields";
import { sameList, sortedUnique } from "../shared/lists";
import { OverlapFields } from "../shared/overlap";
import { RotationFields } from "../shared/rotation";
import { BucketAccess, ECHOED } from "./fields";
import {
  ApiKey,
  ObjectStorageKeyCreateBody,
  ObjectStorageKeyInputs,
  ObjectStorageKeyOutputs,
  ObjectStorageKeyUpdateBody,
} from "./schemas";

/** View, list and PUT answer this instead of the secret (docs/api/linode.md#secrets). */
export const REDACTED = "[REDACTED]";

export function getCreateBody(inputs: ObjectStorageKeyInputs): ObjectStorageKeyCreateBody {
  const body: ObjectStorageKeyCreateBody = { label: inputs.label };
  if (inputs.regions !== undefined) body.regions = sortedUnique(inputs.regions);
  if (inputs.bucketAccess !== undefined) {
    body.bucket_access = inputs.bucketAccess.map((b) => ({ bucket_name: b.bucketName, region: b.region, permissions: b.permissions }));
  }
  return body;
}

/** Only what changed; `undefined` when nothing did, so no call is made. */
export function getUpdateBody(olds: ObjectStorageKeyOutputs, news: ObjectStorageKeyInputs): ObjectStorageKeyUpdateBody | undefined {
  const body: ObjectStorageKeyUpdateBody = {};
  if (news.label !== olds.label) body.label = news.label;
  const wanted = wantedRegions(news);
  if (wanted !== undefined && !sameList(wanted, olds.regions)) body.regions = wanted;
  return Object.keys(body).length > 0 ? body : undefined;
}

/**
 * The regions a key must have: the ones asked for plus every bucket's region, which Linode adds
 * on its own. `undefined` when the user left regions to the cloud.
 */
export function wantedRegions(inputs: Pick<ObjectStorageKeyInputs, "regions" | "bucketAccess">): string[] | undefined {
  if (inputs.regions === undefined) return undefined;
  return sortedUnique([...inputs.regions, ...(inputs.bucketAccess ?? []).map((b) => b.region)]);
}

/** Order-insensitive, comparable form of bucket access; `null` means an unlimited key. */
export function normalizeBucketAccess(list: BucketAccess[] | null | undefined): BucketAccess[] | null {
  if (list === undefined || list === null) return null;
  return [...list]
    .map((b) => ({ bucketName: b.bucketName, region: b.region, permissions: b.permissions }))
    .sort((a, b) => `${a.region}/${a.bucketName}`.localeCompare(`${b.region}/${b.bucketName}`));
}

/** What outputs carry besides the key itself: naming, the credentials, the rotation schedule and overlap, and whether the program set `regions`. */
export type KeyMeta = Pick<ObjectStorageKeyInputs, "logicalName" | "autoNamed" | "credentials"> & Pick<ObjectStorageKeyOutputs, "regionsFromCloud"> &
  RotationFields & OverlapFields;

/** The meta of a key made or updated from these inputs. */
export function metaOf(inputs: Pick<ObjectStorageKeyInputs, "logicalName" | "autoNamed" | "regions" | "credentials"> & RotationFields & OverlapFields): KeyMeta {
  return { ...pickDefined(inputs, ECHOED), regionsFromCloud: inputs.regions === undefined };
}

/** API -> outputs. `previousSecret` survives because the API never returns it after create. */
export function flattenKey(key: ApiKey, previousSecret: string | undefined, meta: KeyMeta): ObjectStorageKeyOutputs {
  const secret = key.secret_key && key.secret_key !== REDACTED ? key.secret_key : previousSecret ?? "";
  const endpoints = (key.regions ?? []).map((r) => ({
    region: r.id,
    s3Endpoint: r.s3_endpoint ?? "",
    ...(r.endpoint_type ? { endpointType: r.endpoint_type } : {}),
  }));
  return {
    ...pickDefined(meta, ECHOED),
    ...(meta.regionsFromCloud !== undefined ? { regionsFromCloud: meta.regionsFromCloud } : {}),
    keyId: key.id,
    label: key.label,
    accessKey: key.access_key,
    secretKey: secret,
    limited: key.limited,
    bucketAccess: normalizeBucketAccess(
      key.bucket_access?.map((b) => ({ bucketName: b.bucket_name, region: b.region || b.cluster || "", permissions: b.permissions })),
    ),
    regions: sortedUnique(endpoints.map((e) => e.region)),
    regionEndpoints: endpoints,
  };
}

/**
 * Inputs rebuilt from what the cloud has, for refresh and adoption. Never the secret. Regions
 * are left out when the program left them to the cloud (Linode then gives an unlimited key every
 * region, docs/api/linode.md#create-a-key), or, for state written before that was recorded, when
 * they are exactly what Linode gives a limited key by itself (its buckets' regions), so a refresh
 * does not show `+regions` for a program that never set them.
 */
export function inputsFromOutputs(outs: ObjectStorageKeyOutputs): ObjectStorageKeyInputs {
  const bucketRegions = sortedUnique((outs.bucketAccess ?? []).map((b) => b.region));
  const regionsAreDefault = outs.regionsFromCloud === true || (outs.bucketAccess !== null && sameList(bucketRegions, outs.regions));
  return {
    // Credentials included: kept, or a refresh would drop them from the inputs (they stay secret: docs/pulumi-engine.md#what-the-engine-does).
    ...pickDefined(outs, ECHOED),
    label: outs.label,
    ...(outs.bucketAccess !== null ? { bucketAccess: outs.bucketAccess } : {}),
    ...(regionsAreDefault ? {} : { regions: outs.regions }),
  };
}
