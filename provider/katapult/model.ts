/**
 * Pure conversions between our inputs/outputs and Katapult's wire shapes.
 */
import { pickDefined } from "../shared/fields";
import { withEchoed as replaceEchoed } from "../shared/lifecycle";
import { ECHOED, OrganizationRef } from "./fields";
import {
  AccessKeyCreateBody,
  AccessKeyInputs,
  AccessKeyOutputs,
  AccessKeyProperties,
  AccessKeyUpdateBody,
  ApiKey,
  OrganizationLookup,
} from "./schemas";

export function organizationLookup(org: OrganizationRef): OrganizationLookup {
  return org.id !== undefined ? { id: org.id } : { sub_domain: org.subDomain! };
}

/**
 * The default organization from a setting: a value starting `org_` is an id (Katapult's id
 * prefix), anything else a sub-domain (what Katapult's Terraform provider sends, docs/api/katapult.md#organizations-and-regions).
 */
export function parseOrganization(value: string): OrganizationRef {
  return value.startsWith("org_") ? { id: value } : { subDomain: value };
}

export function getProperties(inputs: Pick<AccessKeyInputs, "name" | "allBucketsRead" | "allObjectsRead" | "allObjectsWrite">): AccessKeyProperties {
  return {
    name: inputs.name,
    all_buckets_read: inputs.allBucketsRead,
    all_objects_read: inputs.allObjectsRead,
    all_objects_write: inputs.allObjectsWrite,
  };
}

export function getCreateBody(inputs: AccessKeyInputs): AccessKeyCreateBody {
  return {
    organization: organizationLookup(inputs.organization),
    object_storage_cluster: { region: inputs.region },
    properties: getProperties(inputs),
  };
}

/**
 * All four properties when any of them changed (PATCH requires `name`, docs/api/katapult.md#update-a-key); `undefined`
 * when none did, so no call is made.
 */
export function getUpdateBody(id: string, olds: AccessKeyProperties, news: AccessKeyInputs): AccessKeyUpdateBody | undefined {
  const wanted = getProperties(news);
  const changed = (Object.keys(wanted) as (keyof AccessKeyProperties)[]).some((k) => wanted[k] !== olds[k]);
  return changed ? { access_key: { id }, properties: wanted } : undefined;
}

/** The four properties a key has on the wire. */
export function wireProperties(key: ApiKey): AccessKeyProperties {
  return {
    name: key.name,
    all_buckets_read: key.all_buckets_read,
    all_objects_read: key.all_objects_read,
    all_objects_write: key.all_objects_write,
  };
}

/** `uk-lon-1.katapultobjects.com:443` -> `https://uk-lon-1.katapultobjects.com` (docs/api/katapult.md#key-object). */
export function s3EndpointOf(serverUrl: string | null | undefined): string {
  if (!serverUrl) return "";
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(serverUrl) ? serverUrl : `https://${serverUrl}`;
  try {
    return `https://${new URL(withScheme).hostname}`;
  } catch {
    return "";
  }
}

/** Input fields echoed into outputs: what the user asked for, as checked. */
export type Echoed = Pick<AccessKeyInputs, (typeof ECHOED)[number]>;

/** Credentials to put in outputs; `undefined` leaves both absent (credentials still to come). */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The echoed input fields, without undefined ones (the engine cannot carry `undefined`).
 * Credentials included, so read and delete use them; secret in state (docs/pulumi-engine.md#what-the-engine-does).
 */
export function echo(e: Partial<Echoed>): Echoed {
  return pickDefined(e, ECHOED) as Echoed;
}

/**
 * API -> outputs. The secret comes from a generate-credentials answer or, since the API never
 * returns it again, from the previous outputs.
 */
export function flattenKey(key: ApiKey, echoed: Echoed, previous: Credentials | undefined): AccessKeyOutputs {
  const secret = key.s3_secret_access_key || previous?.secretAccessKey;
  const live: AccessKeyOutputs = {
    ...echo(echoed),
    region: key.region,
    name: key.name,
    allBucketsRead: key.all_buckets_read,
    allObjectsRead: key.all_objects_read,
    allObjectsWrite: key.all_objects_write,
    state: key.state,
    serverUrl: key.server_url ?? "",
    s3Endpoint: s3EndpointOf(key.server_url),
    readBuckets: key.read_buckets ?? [],
    writeBuckets: key.write_buckets ?? [],
    createdAt: new Date(key.created_at * 1000).toISOString(),
  };
  // The access key id is readable on every GET (docs/api/katapult.md#secrets); only the secret is not.
  const accessKeyId = key.s3_access_key_id || previous?.accessKeyId;
  return {
    ...live,
    ...(accessKeyId || secret !== undefined ? { accessKeyId: accessKeyId ?? "" } : {}),
    ...(secret !== undefined ? { secretAccessKey: secret } : {}),
  };
}

/** The credentials recorded in outputs, or `undefined` when a create has not finished yet. */
export function credentialsOf(outs: Partial<AccessKeyOutputs> | undefined): Credentials | undefined {
  if (!outs || typeof outs.secretAccessKey !== "string") return undefined;
  return { accessKeyId: outs.accessKeyId ?? "", secretAccessKey: outs.secretAccessKey };
}

/** Outputs with the echoed input fields taken from `news` (a field dropped from the inputs is dropped). */
export function withEchoed(olds: AccessKeyOutputs, news: Echoed): AccessKeyOutputs {
  return replaceEchoed(olds, ECHOED, echo(news));
}

/**
 * The outputs of a read: the stored credentials kept (the API never returns the secret again);
 * when Katapult shows another access key id than the one stored with a secret, the secret was
 * replaced elsewhere: the stored pair is kept as it is and marked revoked.
 */
export function refreshedKey(key: ApiKey, props: Partial<AccessKeyOutputs>): AccessKeyOutputs {
  const stored = credentialsOf(props);
  const live = flattenKey(key, props as Echoed, stored);
  if (!stored?.secretAccessKey || !key.s3_access_key_id || key.s3_access_key_id === stored.accessKeyId) return live;
  return { ...live, accessKeyId: stored.accessKeyId, secretRevoked: true };
}

/** Inputs rebuilt from what the cloud has, for refresh. Never the secret; a revoked one is named, so the next `check` reissues. */
export function inputsFromOutputs(outs: AccessKeyOutputs): Partial<AccessKeyInputs> & Pick<AccessKeyOutputs, "secretRevoked"> {
  return {
    ...(outs.secretRevoked ? { secretRevoked: true } : {}),
    ...echo(outs),
    region: outs.region,
    name: outs.name,
    allBucketsRead: outs.allBucketsRead,
    allObjectsRead: outs.allObjectsRead,
    allObjectsWrite: outs.allObjectsWrite,
  };
}
