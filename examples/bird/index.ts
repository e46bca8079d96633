/**
 * A Bird organization access key for a CI system.
 *
 *   pulumi config set --secret bird:accessKey <token>        # or export BIRD_ACCESS_KEY
 *   pulumi config set bird:organizationId <organization uuid> # or export BIRD_ORGANIZATION_ID
 *   pulumi up
 *   pulumi stack output token --show-secrets
 */
import * as pulumi from "@pulumi/pulumi";
import { bird } from "pulumi-access-keys";

const config = new pulumi.Config();

const key = new bird.AccessKey("ci", {
  // Unset: the resource name plus a random suffix, e.g. "ci-4kq0z7m".
  name: config.get("name"),
  description: config.get("description") ?? "CI pipeline deploys",
  // Set `existingKeyId` to adopt a key made in the Bird dashboard instead of creating one.
  existingKeyId: config.get("existingKeyId"),
});

export const keyId = key.id;
export const name = key.name;
export const suffix = key.suffix;
export const organizationId = key.organizationId;
// Already a secret output (the resource lists it in additionalSecretOutputs).
export const token = key.accessKey;
