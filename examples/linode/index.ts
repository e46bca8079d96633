/**
 * A limited Linode Object Storage key with read-write access to one bucket.
 *
 *   pulumi config set --secret linode:token <token>     # or export LINODE_TOKEN
 *   pulumi up
 *   pulumi stack output secretKey --show-secrets
 */
import * as pulumi from "@pulumi/pulumi";
import { linode } from "pulumi-access-keys";

const config = new pulumi.Config();
const region = config.get("region") ?? "us-east";

const key = new linode.ObjectStorageKey("backups", {
  bucketAccess: [{ bucketName: config.get("bucket") ?? "backups", region, permissions: "read_write" }],
  label: config.get("label"),
});

export const keyId = key.id;
export const label = key.label;
export const accessKey = key.accessKey;
// Already a secret output (the resource lists it in additionalSecretOutputs).
export const secretKey = key.secretKey;
export const endpoints = key.regionEndpoints;
