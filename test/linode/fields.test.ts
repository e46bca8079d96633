/** What linode/fields.ts says about each field: how a change applies, what is secret, the inputs' order. */
import { objectStorageKeyFields } from "../../provider/linode/fields";
import { keyInputs } from "../../provider/linode/schemas";
import { diffSpec } from "../../provider/shared/fields";
import { resourceOptions } from "../../provider/shared/resource";

test("label and regions update in place; bucket access replaces the key (docs/api/linode.md#update-a-key)", () => {
  expect(diffSpec(objectStorageKeyFields)).toEqual({ updatable: ["label", "regions"], replacing: ["bucketAccess"] });
});

test("the secret key is a secret output, and so are credentials when given", () => {
  expect(resourceOptions(objectStorageKeyFields, { credentials: { token: "t" } }, {}).additionalSecretOutputs).toEqual(["secretKey", "previousSecretKey", "credentials"]);
});

test("the inputs schema keeps the order of earlier versions", () => {
  expect(Object.keys(keyInputs.shape)).toEqual([
    "logicalName", "autoNamed", "label", "bucketAccess", "regions", "existingKeyId", "credentials", "rotateAfterDays", "rotatedAt",
    "keepPreviousForHours", "previousExpiresAt",
  ]);
});
