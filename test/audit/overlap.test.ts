/**
 * The audit counts every key a resource holds as managed: during a rotation that keeps the
 * previous key (docs/rotation-overlap.md) one resource holds the key it was created with (its id,
 * now the previous key) and a newer key (`keyId`), and after the expiry only the newer one.
 */
import { Account } from "../../provider/audit/accounts";
import { classify } from "../../provider/audit/classify";
import { stackState } from "../../provider/audit/deployment";
import type { Found } from "../../provider/audit/listing";
import { testedClouds } from "../helpers/clouds";

const cloud = testedClouds().find((c) => c.harness.keepsPrevious)!;
const type = `pulumi-nodejs:dynamic/${cloud.descriptor.kinds[0].kind}`;
const urn = `urn:pulumi:prod::keys::${type}::backups`;
const account = { cloud: cloud.descriptor, label: "the settings", inventory: cloud.descriptor.inventory } as unknown as Account;
const found = (id: string): Found => ({ account, where: "the settings", group: 0, key: { id, name: "backups-abcdefg", adoptArgs: {} } });
const statuses = (outputs: Record<string, unknown>) => {
  const stacks = [stackState("prod", "stack prod", { deployment: { resources: [{ urn, type, id: "101", inputs: {}, outputs }] } })];
  return Object.fromEntries(classify(["101", "102", "103"].map(found), stacks).map((r) => [r.key.id, r.key.status]));
};

test(`a ${cloud.title} resource holding the previous key and the key in use makes both managed`, () => {
  expect(statuses({ keyId: 102, previousKeyId: 101 })).toEqual({ 101: "managed", 102: "managed", 103: "unmanaged" });
});

test("after the expiry, the resource id names a deleted key and the key in use stays managed", () => {
  expect(statuses({ keyId: "102" })).toEqual({ 101: "managed", 102: "managed", 103: "unmanaged" });
  expect(statuses({})).toEqual({ 101: "managed", 102: "unmanaged", 103: "unmanaged" });
});
