/**
 * A Katapult object storage access key that can list and read every bucket, with credentials
 * rotated in place by changing `rotation`.
 *
 *   pulumi config set --secret katapult:apiKey <api token>    # or export KATAPULT_API_KEY
 *   pulumi config set katapult:organization <sub-domain>      # or export KATAPULT_ORGANIZATION
 *   pulumi up
 *   pulumi stack output secretAccessKey --show-secrets
 *   pulumi config set rotation 2; pulumi up                   # new credentials, same key
 */
import * as pulumi from "@pulumi/pulumi";
import { katapult } from "pulumi-access-keys";

const config = new pulumi.Config();

const key = new katapult.ObjectStorageAccessKey("backups", {
  name: config.get("name"),
  allBucketsRead: true,
  allObjectsRead: true,
  allObjectsWrite: config.getBoolean("write") ?? false,
  rotation: config.get("rotation"),
});

export const keyId = key.id;
export const name = key.name;
export const accessKeyId = key.accessKeyId;
// Already a secret output (the resource lists it in additionalSecretOutputs).
export const secretAccessKey = key.secretAccessKey;
export const s3Endpoint = key.s3Endpoint;
