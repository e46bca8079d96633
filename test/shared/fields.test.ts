/**
 * The field-table machinery (provider/shared/fields.ts, shared/resource.ts) on a table of its
 * own: what a table says about a field is what the diff, the resource's props, its secret outputs,
 * the echo into outputs and `get` do with it.
 */
import { z } from "zod";
import { FieldTable, credentialsField, diffSpec, echoKeys, inputShape, namingFields, pickDefined, rotatedAtField, typed } from "../../provider/shared/fields";
import { lookupArgs, resourceOptions, resourceProps } from "../../provider/shared/resource";

const table = {
  ...namingFields,
  /** Moves the key: a new one. */
  zone: { input: z.string(), arg: typed<string>(), state: typed<string>(), shown: true, lookup: true, diff: "replace" },
  /** Renamed in place. */
  title: { input: z.string().optional(), arg: typed<string>(), state: typed<string>(), shown: true, diff: "update" },
  /** Read at create only. */
  existingKeyId: { input: z.string().optional(), arg: typed<string>() },
  credentials: credentialsField(z.object({ token: z.string() }), typed<{ token: string }>()),
  rotatedAt: rotatedAtField,
  /** Written by the provider. */
  keyId: { state: typed<string>(), shown: true },
  /** Written by the provider, secret. */
  token: { state: typed<string>(), shown: true, secret: true },
  /** Stored, never shown. */
  internal: { state: typed<boolean>(), optional: true },
} as const satisfies FieldTable;

test("the diff spec lists the in-place and the replacing fields, in table order", () => {
  expect(diffSpec(table)).toEqual({ updatable: ["title"], replacing: ["zone"] });
});

test("the inputs schema holds the input fields in table order, the naming pair first", () => {
  expect(Object.keys(z.object(inputShape(table)).shape)).toEqual(["logicalName", "autoNamed", "zone", "title", "existingKeyId", "credentials", "rotatedAt"]);
});

test("props seed every shown argument and every written output, around the given arguments", () => {
  expect(resourceProps(table, "res", { title: "t" })).toEqual({
    logicalName: "res", zone: undefined, title: "t", credentials: undefined, rotatedAt: undefined, keyId: undefined, token: undefined,
  });
  // Written outputs come after the arguments: a program cannot fill them.
  expect(resourceProps(table, "res", { token: "from the program" } as object).token).toBeUndefined();
});

test("the written secret is always a secret output; credentials only when given", () => {
  expect(resourceOptions(table, {}, {}).additionalSecretOutputs).toEqual(["token"]);
  expect(resourceOptions(table, { credentials: { token: "t" } }, {}).additionalSecretOutputs).toEqual(["token", "credentials"]);
});

test("echoes are the naming pair, credentials and rotatedAt, and only the set ones are copied", () => {
  expect(echoKeys(table)).toEqual(["logicalName", "autoNamed", "credentials", "rotatedAt"]);
  expect(pickDefined({ logicalName: "res", autoNamed: undefined, title: "t" }, ["logicalName", "autoNamed"] as const)).toEqual({ logicalName: "res" });
});

test("get passes on only the lookup fields of its state", () => {
  expect(lookupArgs(table, { zone: "z", credentials: { token: "t" }, title: "not a lookup" })).toEqual({ zone: "z", credentials: { token: "t" } });
});
