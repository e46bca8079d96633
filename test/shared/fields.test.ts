/**
 * The field tables (provider/<cloud>/fields.ts) drive each resource's diff, props, secret outputs
 * and lookups: these pin what the tables say, so a table edit that changes how a field is applied
 * or stored is a test failure rather than a surprise in a user's stack.
 */
import { accessKeyFields as birdFields } from "../../provider/bird/fields";
import { accessKeyInputs as birdInputs } from "../../provider/bird/schemas";
import { accessKeyFields as katapultFields } from "../../provider/katapult/fields";
import { objectStorageKeyFields as linodeFields } from "../../provider/linode/fields";
import { keyInputs as linodeInputs } from "../../provider/linode/schemas";
import { diffSpec, echoKeys, pickDefined } from "../../provider/shared/fields";
import { lookupArgs, resourceOptions, resourceProps } from "../../provider/shared/resource";

describe("diff behaviour comes from the tables", () => {
  it.each([
    ["linode", linodeFields, ["label", "regions"], ["bucketAccess"]],
    ["katapult", katapultFields, ["name", "allBucketsRead", "allObjectsRead", "allObjectsWrite", "rotation"], ["organization", "region"]],
    ["bird", birdFields, ["name", "description", "roleRefs", "roleIds"], ["organizationId"]],
  ] as const)("%s: updates in place and replaces exactly the documented fields", (_cloud, fields, updatable, replacing) => {
    expect(diffSpec(fields)).toEqual({ updatable: [...updatable], replacing: [...replacing] });
  });
});

describe("resource props", () => {
  it("seed every shown argument and every output the provider writes, and keep the given arguments", () => {
    const props = resourceProps(linodeFields, "ci", { label: "ci-key" });
    expect(props).toEqual({
      logicalName: "ci", label: "ci-key", bucketAccess: undefined, regions: undefined, rotateAfterDays: undefined, credentials: undefined,
      keyId: undefined, accessKey: undefined, secretKey: undefined, limited: undefined, regionEndpoints: undefined, rotatedAt: undefined,
    });
  });

  it("never let an argument fill an output the provider writes", () => {
    expect(resourceProps(birdFields, "b", { accessKey: "from the program" } as object).accessKey).toBeUndefined();
  });

  it("mark the generated secret always, and credentials only when given", () => {
    expect(resourceOptions(katapultFields, {}, {}).additionalSecretOutputs).toEqual(["secretAccessKey"]);
    expect(resourceOptions(birdFields, { credentials: { accessKey: "k" } }, {}).additionalSecretOutputs).toEqual(["accessKey", "credentials"]);
  });
});

describe("inputs, echoes and lookups", () => {
  it("keep the inputs schema's fields in table order, naming fields first", () => {
    expect(Object.keys(linodeInputs.shape)).toEqual([
      "logicalName", "autoNamed", "label", "bucketAccess", "regions", "existingKeyId", "credentials", "rotateAfterDays", "rotatedAt",
    ]);
    expect(Object.keys(birdInputs.shape)).toEqual([
      "logicalName", "autoNamed", "organizationId", "name", "description", "roleRefs", "roleIds", "existingKeyId", "credentials",
      "rotateAfterDays", "rotatedAt",
    ]);
  });

  it("echo what the user asked for into the outputs, without unset fields", () => {
    expect(echoKeys(katapultFields)).toEqual([
      "logicalName", "autoNamed", "organization", "rotation", "existingKeyId", "credentials", "rotateAfterDays", "rotatedAt",
    ]);
    expect(pickDefined({ logicalName: "k", autoNamed: undefined, label: "x" }, echoKeys(linodeFields) as never[])).toEqual({ logicalName: "k" });
  });

  it("pass only the lookup fields of a get's state on", () => {
    const state = { organization: { subDomain: "acme" }, credentials: { apiKey: "k" }, name: "not a lookup" };
    expect(lookupArgs(katapultFields, state)).toEqual({ organization: { subDomain: "acme" }, credentials: { apiKey: "k" } });
  });
});
