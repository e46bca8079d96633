/**
 * One access key on each cloud, every secret exported as a Pulumi secret.
 * The root Pulumi.yaml runs this program; `npm run demo` points it at the bundled emulator.
 *
 * Config (all optional): linodeLabel.
 */
import * as pulumi from "@pulumi/pulumi";
import { linode } from "pulumi-access-keys";

const config = new pulumi.Config();

const linodeKey = new linode.ObjectStorageKey("linode-backups", {
  label: config.get("linodeLabel"),
  bucketAccess: [{ bucketName: "backups", region: "us-east", permissions: "read_write" }],
});

export const linodeKeyId = linodeKey.id;
export const linodeLabel = linodeKey.label;
export const linodeAccessKey = linodeKey.accessKey;
export const linodeSecretKey = linodeKey.secretKey;
