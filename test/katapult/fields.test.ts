/** What katapult/fields.ts says about each field: how a change applies, what is secret, what is echoed. */
import { ECHOED, accessKeyFields } from "../../provider/katapult/fields";
import { diffSpec } from "../../provider/shared/fields";
import { resourceOptions } from "../../provider/shared/resource";

test("a key cannot move between organizations or regions; names, flags and rotation change in place", () => {
  expect(diffSpec(accessKeyFields)).toEqual({
    updatable: ["name", "allBucketsRead", "allObjectsRead", "allObjectsWrite", "rotation"], replacing: ["organization", "region"],
  });
});

test("the secret access keys (the current and the previous one) are secret outputs; credentials only when given", () => {
  expect(resourceOptions(accessKeyFields, {}, {}).additionalSecretOutputs).toEqual(["secretAccessKey", "previousSecretAccessKey"]);
});

test("what the user asked for is echoed into the outputs", () => {
  expect(ECHOED).toEqual(["logicalName", "autoNamed", "organization", "rotation", "existingKeyId", "credentials", "rotateAfterDays", "rotatedAt", "keepPreviousForHours", "previousExpiresAt"]);
});
