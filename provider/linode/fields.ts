/**
 * Every field of `linode.ObjectStorageKey`, once (shared/fields.ts): its input rules, its public
 * types, whether it is stored, echoed or secret, and how a change applies. Wire facts:
 * docs/api/linode.md.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { nameText } from "../shared/check";
import { credentialToken, credentialUrl } from "../shared/credentials";
import {
  ArgsOf, Assert, FieldTable, LookupOf, OutputsOf, Same, credentialsField, echoKeys, keepPreviousForHoursField, namingFields,
  previousExpiresAtField, rotateAfterDaysField, rotatedAtField, typed,
} from "../shared/fields";
import type {
  BucketAccess, BucketAccessArgs, LinodeCredentials, LinodeCredentialsArgs, ObjectStorageKeyArgs, ObjectStorageKeyProperties, ObjectStorageKeyState,
  RegionEndpoint,
} from "./types";

export type { BucketAccess, BucketAccessArgs, LinodeCredentials, LinodeCredentialsArgs, ObjectStorageKeyArgs, ObjectStorageKeyState } from "./types";

export const PERMISSIONS = ["read_only", "read_write"] as const;

export const bucketAccessInput = z.object({
  /** Bucket label: S3 rules, 3..63 characters. */
  bucketName: nameText("bucketName", 3, 63),
  region: nameText("region", 1),
  permissions: z.enum(PERMISSIONS),
});

/** Another account's token and URL (`linode:token`, `linode:url`); a bare host gets /v4 (docs/api/linode.md#base-url-and-auth). */
export const credentialsInput = z.object({ token: credentialToken("credentials.token"), url: credentialUrl("credentials.url", "/v4").optional() }).strict();

export const objectStorageKeyFields = {
  ...namingFields,
  /** Key label, 3..50 characters. Default: the resource name plus a random suffix. Updates in place. */
  label: {
    // The Linode console enforces 3..50 characters (docs/api/linode.md#limits-and-validation).
    input: nameText("label", 3, 50),
    arg: typed<pulumi.Input<string>>(), state: typed<string>(), shown: true, diff: "update",
  },
  /**
   * Makes the key a limited key with access to exactly these buckets (at most 25). Omit for an
   * unlimited key; an empty list makes a limited key with no bucket access. Changing it replaces
   * the key (Linode cannot change bucket access after creation). As an output: the bucket
   * permissions of a limited key, null for an unlimited key.
   */
  bucketAccess: {
    // A limited key covers at most 25 buckets (docs/api/linode.md#limits-and-validation).
    input: z.array(bucketAccessInput).max(25, "a limited key covers at most 25 buckets").optional(),
    arg: typed<pulumi.Input<pulumi.Input<BucketAccessArgs>[]>>(), state: typed<BucketAccess[] | null>(), shown: true, diff: "replace",
  },
  /** Regions the key works in. Bucket regions are always included. Updates in place. As an output: region ids, sorted. */
  regions: {
    input: z.array(z.string().min(1, "region ids are non-empty")).optional(),
    arg: typed<pulumi.Input<pulumi.Input<string>[]>>(), state: typed<string[]>(), shown: true, diff: "update",
  },
  /**
   * Adopt an existing key (by numeric id) instead of creating one. Its secret cannot be read
   * back, so `secretKey` is empty for an adopted key. Pulumi's `import` option cannot work for
   * dynamic resources; this is the way to bring a key under management.
   */
  existingKeyId: { input: z.number().int().positive().optional(), arg: typed<pulumi.Input<number>>() },
  /**
   * The account to manage this key in, for several accounts in one stack. Default: the
   * `linode:token` / `linode:url` settings. Always stored as a secret (you need not call
   * `pulumi.secret`). Changing it calls no API: the new token is used from then on, by refresh and
   * destroy too.
   */
  credentials: credentialsField(credentialsInput, typed<pulumi.Input<LinodeCredentialsArgs>>()),
  /**
   * Rotate the secret on a schedule: once this many days (fractions allowed) have passed since
   * `rotatedAt`, the next `pulumi preview` shows the rotation and `pulumi up` does it. Linode cannot reissue a secret, so this replaces the key: the new key is created first, dependents are updated, then the old key is deleted. Meant
   * for a scheduled `pulumi up` (e.g. nightly CI). Setting or changing it rotates nothing that
   * is not due; a refresh never rotates. No effect while `existingKeyId` is set.
   */
  rotateAfterDays: rotateAfterDaysField,
  /**
   * When the current secret was issued (ISO 8601): at create or at the last rotation, stamped by
   * `check` (shared/rotation.ts). Unset for adopted keys and state written by 0.1.0.
   */
  rotatedAt: rotatedAtField,
  /**
   * Keep the previous key working for this many hours (fractions allowed) after a scheduled
   * rotation, instead of deleting it in the same `pulumi up`. The rotation then creates the new key
   * in place (the resource id stays), records the old one as `previousKeyId` / `previousAccessKey`
   * / `previousSecretKey`, and the first `pulumi up` after `previousExpiresAt` deletes it
   * (docs/rotation-overlap.md). Unset: a rotation replaces the key, as without it.
   */
  keepPreviousForHours: keepPreviousForHoursField,
  /** When the previous key stops being kept (ISO 8601), stamped by `check` at the rotation; unset when there is none. */
  previousExpiresAt: previousExpiresAtField,
  /** The program left `regions` unset (absent in state written by 0.1.0). */
  regionsFromCloud: { state: typed<boolean>(), optional: true },
  /**
   * A fingerprint of the token the key was made, adopted or last updated with (shared/context.ts).
   * Linode's answers never name an account, so a "not found" through another token is not trusted:
   * that token may be another account's (docs/api/linode.md#accounts). Absent in older state.
   */
  tokenFingerprint: { state: typed<string>(), optional: true },
  /**
   * Numeric id of the current key: the resource id as a number, until a rotation that keeps the
   * previous key (`keepPreviousForHours`) makes a new current key in place.
   */
  keyId: { state: typed<number>(), shown: true },
  /** S3 access key id. Not secret. */
  accessKey: { state: typed<string>(), shown: true },
  /** S3 secret key: a Pulumi secret. Only known when this stack created the key: empty for an adopted or looked-up key. */
  secretKey: { state: typed<string>(), shown: true, secret: true },
  /** Numeric id of the previous key during an overlap (`keepPreviousForHours`); unset otherwise. */
  previousKeyId: { state: typed<number>(), optional: true, shown: true },
  /** The previous key's S3 access key id during an overlap; unset otherwise. */
  previousAccessKey: { state: typed<string>(), optional: true, shown: true },
  /** The previous key's S3 secret key during an overlap: a Pulumi secret; unset otherwise. */
  previousSecretKey: { state: typed<string>(), optional: true, shown: true, secret: true },
  /** True when the key is limited to `bucketAccess`. */
  limited: { state: typed<boolean>(), shown: true },
  /** The S3 endpoint (hostname) for each region. */
  regionEndpoints: { state: typed<RegionEndpoint[]>(), shown: true },
} as const satisfies FieldTable;

/** The plain public interfaces (types.ts) are the table's types: the build fails when one drifts. */
export type PublicTypesMatchTable = [
  Assert<Same<ObjectStorageKeyArgs, ArgsOf<typeof objectStorageKeyFields>>>,
  Assert<Same<ObjectStorageKeyState, LookupOf<typeof objectStorageKeyFields>>>,
  Assert<Same<ObjectStorageKeyProperties, OutputsOf<typeof objectStorageKeyFields>>>,
  Assert<Same<BucketAccess, z.infer<typeof bucketAccessInput>>>,
  Assert<Same<LinodeCredentials, z.infer<typeof credentialsInput>>>,
];

/** Fields copied from the checked inputs into the outputs and back (logical name, credentials, rotation). */
export const ECHOED = echoKeys(objectStorageKeyFields);
