/** What bird/fields.ts says about each field: how a change applies, what is secret, the inputs' order. */
import { accessKeyFields } from "../../provider/bird/fields";
import { accessKeyInputs } from "../../provider/bird/schemas";
import { diffSpec } from "../../provider/shared/fields";
import { resourceOptions } from "../../provider/shared/resource";

test("name, description and roles update in place; another organization replaces the key", () => {
  expect(diffSpec(accessKeyFields)).toEqual({ updatable: ["name", "description", "roleRefs", "roleIds"], replacing: ["organizationId"] });
});

test("the token is a secret output, and so are credentials when given", () => {
  expect(resourceOptions(accessKeyFields, { credentials: { accessKey: "k" } }, {}).additionalSecretOutputs).toEqual(["accessKey", "previousAccessKey", "credentials"]);
});

test("the inputs schema keeps the order of earlier versions", () => {
  expect(Object.keys(accessKeyInputs.shape)).toEqual([
    "logicalName", "autoNamed", "organizationId", "name", "description", "roleRefs", "roleIds", "existingKeyId", "credentials",
    "rotateAfterDays", "rotatedAt", "keepPreviousForHours", "previousExpiresAt",
  ]);
});
