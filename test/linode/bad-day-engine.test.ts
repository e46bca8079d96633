/**
 * Linode's bad day, through the real engine: one stack on one emulator holding two Linode
 * accounts (the cases every cloud shares are in test/engine/bad-day-2.test.ts).
 * - A 5xx the cloud did not act on hits the create of a same-label replacement (new bucket
 *   access): the create is sent again, and the live key is never taken for the lost one; when the
 *   create did land, only the new key is named.
 * - Another Linode account's token (the `linode:token` setting, or `credentials`): refresh,
 *   `up --refresh` and destroy fail, and the keys stay in the stack and in the cloud.
 */
import { createEmulator, Emulator } from "../../emulator";
import { inventoryIds, storedSecrets, testedClouds, tokenOf } from "../helpers/clouds";
import { expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { failure, KeyOutputs, KeysStack, keysStack } from "../helpers/keys-stack";

jest.setTimeout(300_000);

const linode = testedClouds().find((c) => c.name === "linode")!;
/** A token of another Linode account: it sees none of the first account's keys. */
const OTHER_LINODE_TOKEN = "linode-other-account-0001";
const BUCKET = (permissions: string) => [{ bucketName: "backups", region: "us-east", permissions }];

let emulator: Emulator;
let s: KeysStack;

beforeAll(async () => {
  emulator = createEmulator({ linode: { accounts: { one: [tokenOf(linode)], two: [OTHER_LINODE_TOKEN] } } });
  await emulator.start();
  s = await keysStack("linode-bad-day", emulator, [linode]);
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

const inventory = () => inventoryIds(linode, emulator);

test("a 5xx during a same-label replacement is retried, never pointing at the live key", async () => {
  s.keys = { l1: { cloud: linode, args: { label: "backups-key", bucketAccess: BUCKET("read_only") } } };
  const live = (await s.stack.up(recording(s))).outputs.l1.value.id as string;

  s.keys.l1.args = { ...s.keys.l1.args, bucketAccess: BUCKET("read_write") };
  emulator.inject({ kind: "status", status: 503, cloud: "linode", method: "POST", route: linode.harness.routes.create.route });
  emulator.resetCounts();
  const replaced = await s.stack.up(recording(s));
  expect(replaced.summary.resourceChanges).toMatchObject({ replace: 1 });
  const now = replaced.outputs.l1.value as KeyOutputs;
  // The 503 and the create sent again once the settle window showed no new key.
  expect(emulator.count("linode", linode.harness.routes.create.route)).toBe(2);
  expect(now.id).not.toBe(live);
  expect(inventory()).toEqual([now.id]);
  expect(now.name).toBe("backups-key");

  // When the create did land (a gateway's 504 while Linode goes on), only the new key is named.
  s.keys.l1.args = { ...s.keys.l1.args, bucketAccess: BUCKET("read_only") };
  emulator.inject({ kind: "gateway", status: 504, delayMs: 300, cloud: "linode", method: "POST", route: linode.harness.routes.create.route });
  const landed = await failure(s.stack.up(recording(s)));
  await emulator.settled();
  const made = inventory().filter((id) => id !== now.id);
  expect(made).toHaveLength(1);
  expect(landed).toContain(`the request may have created Linode key ${made[0]} ("backups-key") with the same name`);
  expect(landed).not.toContain(`Linode key ${now.id} `);
  expect(s.resources().map((r) => r.id)).toContain(now.id);
  // What a user does with it: delete it (here, out of band), then run `up` again.
  emulator.cloud(linode.name).remove(made[0]);
  await s.stack.up(recording(s));
});

test("another Linode account's token: refresh, up --refresh and destroy fail and keep the keys", async () => {
  s.keys.l3 = { cloud: linode, args: { credentials: { token: tokenOf(linode), url: emulator.url("linode") } } };
  await s.stack.up(recording(s));
  const outputs = await s.outputsOf();
  const ids = [outputs.l1.id, outputs.l3.id];
  const managed = () => s.resources().filter((r) => ids.includes(String(r.id))).map((r) => ({ id: r.id, secret: isCiphertext(r.outputs.secretKey) }))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const before = managed();
  expect(before).toHaveLength(2);

  // l1 follows the `linode:token` setting, l3 its own `credentials`: both now another account's.
  await s.stack.setConfig("linode:token", { value: OTHER_LINODE_TOKEN, secret: true });
  s.keys.l3.args = { credentials: { token: OTHER_LINODE_TOKEN, url: emulator.url("linode") } };
  await s.stack.up(recording(s));

  const refresh = await failure(s.stack.refresh(recording(s)));
  expect(ids.filter((id) => refresh.includes(`Linode key ${id} is not treated as deleted and stays in the stack: the token in use is not the one the key was made with`))).not.toEqual([]);
  const upRefresh = await failure(s.stack.up({ ...recording(s), refresh: true }));
  expect(upRefresh).toContain("the token in use is not the one the key was made with");
  const destroy = await failure(s.stack.destroy(recording(s)));
  expect(destroy).toContain("the token in use is not the one the key was made with");
  expect(managed()).toEqual(before);
  expect(inventory().sort()).toEqual([...ids].sort());

  // Back to the key's own account: everything works, and destroy leaves the cloud empty.
  await s.stack.setConfig("linode:token", { value: tokenOf(linode), secret: true });
  s.keys.l3.args = { credentials: { token: tokenOf(linode), url: emulator.url("linode") } };
  await s.stack.up(recording(s));
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  expectNoLeaks(s, [OTHER_LINODE_TOKEN, tokenOf(linode), ...storedSecrets(linode, emulator)]);
  await s.stack.destroy(recording(s));
  expect(inventory()).toEqual([]);
});
