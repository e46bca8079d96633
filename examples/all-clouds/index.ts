/**
 * One access key on each cloud, every secret exported as a Pulumi secret.
 * Credentials for all three clouds as in the README's Credentials section, then `pulumi up`.
 * The repository's root Pulumi.yaml runs this program too: `npm run demo` points it at the
 * bundled emulator.
 *
 * Config (all optional): linodeLabel, katapultName, birdName, rotateAfterDays (a scheduled
 * `pulumi up`, e.g. nightly CI, then keeps every secret younger than that many days),
 * keepPreviousForHours (a rotation keeps the previous key working that long).
 */
import * as pulumi from "@pulumi/pulumi";
import { bird, katapult, linode } from "pulumi-access-keys";

const config = new pulumi.Config();
/** An output that may be unset, as `null` when it is (Pulumi warns at every `up` about an undefined stack output). */
const orNull = <T>(value: pulumi.Output<T | undefined>) => value.apply((v) => v ?? null);
const rotateAfterDays = config.getNumber("rotateAfterDays");
const keepPreviousForHours = config.getNumber("keepPreviousForHours");

const linodeKey = new linode.ObjectStorageKey("linode-backups", {
  label: config.get("linodeLabel"),
  bucketAccess: [{ bucketName: "backups", region: "us-east", permissions: "read_write" }],
  rotateAfterDays,
  keepPreviousForHours,
});

const katapultKey = new katapult.ObjectStorageAccessKey("katapult-backups", {
  name: config.get("katapultName"),
  allBucketsRead: true,
  allObjectsRead: true,
  rotateAfterDays,
  keepPreviousForHours,
});

const birdKey = new bird.AccessKey("bird-ci", {
  name: config.get("birdName"),
  description: "CI pipeline deploys",
  rotateAfterDays,
  keepPreviousForHours,
});

export const linodeKeyId = linodeKey.id;
export const linodeLabel = linodeKey.label;
export const linodeAccessKey = linodeKey.accessKey;
export const linodeSecretKey = linodeKey.secretKey;
// During an overlap (keepPreviousForHours): the key in use, and the previous one until it expires
// (null when there is none).
export const linodeCurrentKeyId = linodeKey.keyId;
export const linodePreviousKeyId = orNull(linodeKey.previousKeyId);
export const linodePreviousAccessKey = orNull(linodeKey.previousAccessKey);
export const linodePreviousSecretKey = orNull(linodeKey.previousSecretKey);
export const linodePreviousExpiresAt = orNull(linodeKey.previousExpiresAt);

export const katapultKeyId = katapultKey.id;
export const katapultName = katapultKey.name;
export const katapultAccessKeyId = katapultKey.accessKeyId;
export const katapultSecretAccessKey = katapultKey.secretAccessKey;
// During an overlap: the key in use (the resource id until the first such rotation), and the previous one.
export const katapultCurrentKeyId = pulumi.all([katapultKey.keyId, katapultKey.id]).apply(([keyId, id]) => keyId ?? id);
export const katapultPreviousKeyId = orNull(katapultKey.previousKeyId);
export const katapultPreviousAccessKeyId = orNull(katapultKey.previousAccessKeyId);
export const katapultPreviousSecretAccessKey = orNull(katapultKey.previousSecretAccessKey);
export const katapultPreviousExpiresAt = orNull(katapultKey.previousExpiresAt);

export const birdKeyId = birdKey.id;
export const birdName = birdKey.name;
export const birdAccessKey = birdKey.accessKey;
// During an overlap: the key in use (the resource id until the first such rotation), and the previous one.
export const birdCurrentKeyId = pulumi.all([birdKey.keyId, birdKey.id]).apply(([keyId, id]) => keyId ?? id);
export const birdPreviousKeyId = orNull(birdKey.previousKeyId);
export const birdPreviousAccessKey = orNull(birdKey.previousAccessKey);
export const birdPreviousExpiresAt = orNull(birdKey.previousExpiresAt);

export const rotatedAt = { linode: linodeKey.rotatedAt, katapult: katapultKey.rotatedAt, bird: birdKey.rotatedAt };
