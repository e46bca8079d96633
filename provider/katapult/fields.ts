/**
 * Every field of `katapult.ObjectStorageAccessKey`, once (shared/fields.ts): its input rules, its
 * public types, whether it is stored, echoed or secret, and how a change applies. Wire facts:
 * docs/api/katapult.md.
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
  KatapultCredentials, KatapultCredentialsArgs, ObjectStorageAccessKeyArgs, ObjectStorageAccessKeyProperties, ObjectStorageAccessKeyState,
  OrganizationArgs, OrganizationRef,
} from "./types";

export type {
  KatapultCredentials, KatapultCredentialsArgs, ObjectStorageAccessKeyArgs, ObjectStorageAccessKeyState, OrganizationArgs, OrganizationRef,
} from "./types";

/** An organization, by id (`org_...`) or by sub-domain: exactly one (the API's lookups are mutually exclusive). */
export const organizationInput = z
  .object({
    id: nameText("organization id", 1).optional(),
    subDomain: nameText("organization subDomain", 1).optional(),
  })
  .strict()
  .refine((o) => (o.id === undefined) !== (o.subDomain === undefined), {
    message: "give exactly one of organization.id or organization.subDomain",
  });

/** Another account's API key and URL, named like `katapult:apiKey` and `katapult:apiUrl`. */
export const credentialsInput = z.object({ apiKey: credentialToken("credentials.apiKey"), apiUrl: credentialUrl("credentials.apiUrl").optional() }).strict();

/** A permission flag: default false, changed in place. */
const flag = () => ({ input: z.boolean().default(false), arg: typed<pulumi.Input<boolean>>(), state: typed<boolean>(), shown: true, diff: "update" }) as const;

export const accessKeyFields = {
  ...namingFields,
  /**
   * The organization that owns the key. Default: stack config `katapult:organization` or the
   * KATAPULT_ORGANIZATION environment variable (a value starting `org_` is an id, anything else
   * a sub-domain). Changing it replaces the key. As an output: as given (`{id}` or `{subDomain}`).
   */
  organization: {
    input: organizationInput, arg: typed<pulumi.Input<OrganizationArgs>>(), state: typed<OrganizationRef>(), shown: true, echo: true, lookup: true, diff: "replace",
  },
  /**
   * Object storage region, e.g. `uk-lon-1`. Default: `katapult:region` / KATAPULT_REGION, else
   * `uk-lon-1` (Katapult's only object storage region). Changing it replaces the key.
   */
  region: {
    input: nameText("region", 1), arg: typed<pulumi.Input<string>>(), state: typed<string>(), shown: true, diff: "replace",
  },
  /** Key name. Default: the resource name plus a random suffix. Updates in place. */
  name: { input: nameText("name", 1), arg: typed<pulumi.Input<string>>(), state: typed<string>(), shown: true, diff: "update" },
  /** Global access to list all buckets (some S3 clients need it to connect). Default false. Updates in place. */
  allBucketsRead: flag(),
  /** Global read access to objects in all buckets. Default false. Updates in place. */
  allObjectsRead: flag(),
  /** Global write access (create and delete objects) in all buckets. Default false. Updates in place. */
  allObjectsWrite: flag(),
  /**
   * Any value; setting or changing it generates new S3 credentials for the same key, in place
   * (the old secret stops working), or, with `keepPreviousForHours`, a second key that keeps the
   * old one working for that long. E.g. a date, or a counter you bump.
   */
  rotation: {
    input: z.union([z.string(), z.number()]).optional(), arg: typed<pulumi.Input<string | number>>(),
    state: typed<string | number>(), optional: true, shown: true, echo: true, diff: "update",
  },
  /**
   * Adopt an existing key (`objkey_...`) instead of creating one. Pulumi's `import` option cannot
   * work for dynamic resources; this is the way to bring a key under management. Its secret cannot
   * be read back, so `secretAccessKey` stays empty until `rotation` is set or changed.
   */
  existingKeyId: {
    // Key ids look like `objkey_` + 16 alphanumerics (docs/api/katapult.md#key-object); the prefix catches an S3 access
    // key id given by mistake.
    input: z.string().regex(/^objkey_\w+$/, "existingKeyId is a Katapult key id such as objkey_AbC123..., not an S3 access key id").optional(),
    arg: typed<pulumi.Input<string>>(), state: typed<string>(), optional: true, shown: true, echo: true,
  },
  /**
   * The account to manage this key with, for several accounts in one stack. Default: the
   * `katapult:apiKey` / `katapult:apiUrl` settings. Always stored as a secret (you need not call
   * `pulumi.secret`). Changing it calls no API: the new key is used from then on, by refresh and
   * destroy too.
   */
  credentials: credentialsField(credentialsInput, typed<pulumi.Input<KatapultCredentialsArgs>>()),
  /**
   * Rotate the secret on a schedule: once this many days (fractions allowed) have passed since
   * `rotatedAt`, the next `pulumi preview` shows the rotation and `pulumi up` does it. New credentials are generated for the same key, in place, as with `rotation` (with `keepPreviousForHours`: a second key). Meant
   * for a scheduled `pulumi up` (e.g. nightly CI). Setting or changing it rotates nothing that
   * is not due; a refresh never rotates. No effect while `existingKeyId` is set.
   */
  rotateAfterDays: rotateAfterDaysField,
  /**
   * When the current credentials were issued (ISO 8601): at create or at the last rotation, stamped
   * by `check` (shared/rotation.ts). Unset for adopted keys and state written by 0.1.0.
   */
  rotatedAt: rotatedAtField,
  /**
   * Keep the previous secret working for this many hours (fractions allowed) after a rotation (a
   * due `rotateAfterDays` or a `rotation` change), instead of regenerating credentials in place.
   * The rotation then creates a second key with the same name and flags in the same resource (the
   * resource id stays; `keyId` names the new key), records the old one as `previousKeyId` /
   * `previousAccessKeyId` / `previousSecretAccessKey`, and the first `pulumi up` after
   * `previousExpiresAt` deletes it (docs/rotation-overlap.md). Refused while the key has bucket
   * ACL grants (`readBuckets` / `writeBuckets`), which a new key would not have. Unset: credentials
   * are regenerated in place, as without it.
   */
  keepPreviousForHours: keepPreviousForHoursField,
  /** When the previous key stops being kept (ISO 8601), stamped by `check` at the rotation; unset when there is none. */
  previousExpiresAt: previousExpiresAtField,
  /** `configured` once Katapult has applied the credentials (waited for after issuing them, unless `katapult:waitUntilConfigured` is false); `pending` while it works. */
  state: { state: typed<string>(), shown: true },
  /**
   * S3 access key id. Not secret. Empty when the key has no credentials; absent from the state,
   * together with `secretAccessKey`, only while a create that could not generate credentials
   * awaits the next `pulumi up` to finish it.
   */
  accessKeyId: { state: typed<string>(), optional: true, shown: typed<string>() },
  /**
   * S3 secret access key: a Pulumi secret. Only ever known from a generate-credentials answer:
   * empty for an adopted key until `rotation` changes.
   */
  secretAccessKey: { state: typed<string>(), optional: true, shown: typed<string>(), secret: true },
  /** `host:port` as Katapult gives it, e.g. `uk-lon-1.katapultobjects.com:443`; empty until credentials exist. */
  serverUrl: { state: typed<string>(), shown: true },
  /** The S3 endpoint URL, e.g. `https://uk-lon-1.katapultobjects.com`; empty until credentials exist. */
  s3Endpoint: { state: typed<string>(), shown: true },
  /** Buckets this key can read through bucket ACLs (empty when `allObjectsRead`). Output only. */
  readBuckets: { state: typed<string[]>(), shown: true },
  /** Buckets this key can write through bucket ACLs (empty when `allObjectsWrite`). Output only. */
  writeBuckets: { state: typed<string[]>(), shown: true },
  /** ISO 8601 creation time. */
  createdAt: { state: typed<string>(), shown: true },
  /**
   * The id (`objkey_...`) of the key in use once a rotation that keeps the previous key made a
   * second key (the resource id stays the first key's); unset while the key in use is the resource id.
   */
  keyId: { state: typed<string>(), optional: true, shown: true },
  /** The previous key's id (`objkey_...`) during an overlap (`keepPreviousForHours`); unset otherwise. */
  previousKeyId: { state: typed<string>(), optional: true, shown: true },
  /** The previous key's S3 access key id during an overlap; unset otherwise. Not secret. */
  previousAccessKeyId: { state: typed<string>(), optional: true, shown: true },
  /** The previous key's S3 secret access key during an overlap: a Pulumi secret; unset otherwise. */
  previousSecretAccessKey: { state: typed<string>(), optional: true, shown: true, secret: true },
  /**
   * The stored secret no longer works: Katapult shows another access key id than the one issued
   * with it (credentials regenerated outside this stack, or an interrupted regeneration). Set by
   * a refresh, kept in the refreshed inputs so the next preview shows `-secretRevoked` and `up`
   * generates new credentials in place (docs/api/katapult.md#secrets).
   */
  secretRevoked: { state: typed<boolean>(), optional: true },
} as const satisfies FieldTable;

/** The plain public interfaces (types.ts) are the table's types: the build fails when one drifts. */
export type PublicTypesMatchTable = [
  Assert<Same<ObjectStorageAccessKeyArgs, ArgsOf<typeof accessKeyFields>>>,
  Assert<Same<ObjectStorageAccessKeyState, LookupOf<typeof accessKeyFields>>>,
  Assert<Same<ObjectStorageAccessKeyProperties, OutputsOf<typeof accessKeyFields>>>,
  Assert<Same<OrganizationRef, z.infer<typeof organizationInput>>>,
  Assert<Same<KatapultCredentials, z.infer<typeof credentialsInput>>>,
];

/** Fields copied from the checked inputs into the outputs and back (what the user asked for, as checked). */
export const ECHOED = echoKeys(accessKeyFields);
