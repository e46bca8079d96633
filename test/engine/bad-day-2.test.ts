/**
 * A real cloud's bad day, part 2, through the real engine: one stack on one emulator (Linode with
 * two accounts), the cases in turn.
 * - A 5xx the cloud did not act on hits the create of a same-name replacement (Linode: new bucket
 *   access; Bird: a due rotation of a key minutes old): the create is sent again, and the live key
 *   is never taken for the lost one; when the create did land, only the new key is named.
 * - A blank name or label fails preview, naming the field, before any API call.
 * - A `rotatedAt` in the future (a runner with a fast clock wrote it) is due.
 * - Katapult credentials regenerated outside Pulumi: refresh marks the stored secret revoked, the
 *   preview shows it, `up` issues new credentials in place.
 * - Another Linode account's token (the `linode:token` setting, or `credentials`): refresh,
 *   `up --refresh` and destroy fail, and the keys stay in the stack and in the cloud.
 */
import * as pulumi from "@pulumi/pulumi";
import { createEmulator, Emulator } from "../../emulator";
import { DAY_MS } from "../../provider/shared/rotation";
import { emulatorSettings, emulatorStackConfig, Props, storedSecrets, TestedCloud, testedClouds, tokenOf } from "../helpers/clouds";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { testToken } from "../helpers/emulator";

jest.setTimeout(300_000);

const CLOUDS = testedClouds();
const cloud = (name: string): TestedCloud => CLOUDS.find((c) => c.name === name)!;
const [linode, bird, katapult] = [cloud("linode"), cloud("bird"), cloud("katapult")];
/** A token of another Linode account: it sees none of the first account's keys. */
const OTHER_LINODE_TOKEN = "linode-other-account-0001";
const BUCKET = (permissions: string) => [{ bucketName: "backups", region: "us-east", permissions }];
/** Bird's key is due this long after it is made. */
const BIRD_ROTATION_MS = 4_000;

let emulator: Emulator;
let s: EngineStack;
/** The program: resource name -> its cloud and args. */
let keys: Record<string, { cloud: TestedCloud; args: Props }> = {};

beforeAll(async () => {
  const options = Object.fromEntries(CLOUDS.map((c) => [c.name, { tokens: [testToken(c.name)] }]));
  options.linode = { accounts: { one: [tokenOf(linode)], two: [OTHER_LINODE_TOKEN] } } as never;
  emulator = createEmulator(options as Parameters<typeof createEmulator>[0]);
  await emulator.start();
  for (const c of CLOUDS) c.harness.prepare?.(emulator);
  s = await engineStack(
    "bad-day-2",
    async () => Object.fromEntries(Object.entries(keys).map(([name, { cloud: c, args }]) => {
      const key = c.harness.engine.declare(name, args);
      return [name, pulumi.output({ id: key.id, name: key.name, secret: key.secret, rotatedAt: key.rotatedAt })];
    })),
    Object.assign({}, ...CLOUDS.map((c) => emulatorStackConfig(c, emulator, emulatorSettings(c)))),
    // Short request timeouts keep the settle window after a lost create (three timeouts) short.
    { PULUMI_ACCESS_KEYS_TIMEOUT_MS: "1000" },
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

type Key = { id: string; name: string; secret: string; rotatedAt: string };
const outputsOf = async (): Promise<Record<string, Key>> =>
  Object.fromEntries(Object.entries(await s.stack.outputs()).map(([k, v]) => [k, v.value as Key]));
const inventory = (c: TestedCloud) => emulator.cloud(c.name).inventory();
const stateOf = (id: string) => s.resources().find((r) => r.id === id)!;
const failure = async (run: Promise<unknown>): Promise<string> => {
  const result = await run.catch((e: Error) => e);
  expect(result).toBeInstanceOf(Error);
  return String((result as Error).message);
};

test("a 5xx during a same-name replacement is retried, never pointing at the live key", async () => {
  keys = {
    l1: { cloud: linode, args: { label: "backups-key", bucketAccess: BUCKET("read_only") } },
    b1: { cloud: bird, args: { name: "backups-key", rotateAfterDays: BIRD_ROTATION_MS / DAY_MS } },
    k1: { cloud: katapult, args: { rotateAfterDays: 30 } },
  };
  const first = (await s.stack.up(recording(s))).outputs;
  const live = { l1: first.l1.value.id as string, b1: first.b1.value.id as string };
  // Bird's key comes due (minutes old, well inside the 10 minutes its clock skew allowance covers).
  await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(first.b1.value.rotatedAt) + BIRD_ROTATION_MS - Date.now() + 500)));

  keys.l1.args = { ...keys.l1.args, bucketAccess: BUCKET("read_write") };
  for (const c of [linode, bird]) {
    emulator.inject({ kind: "status", status: 503, cloud: c.name, method: "POST", route: c.harness.routes.create.route });
  }
  emulator.resetCounts();
  const replaced = await s.stack.up(recording(s));
  expect(replaced.summary.resourceChanges).toMatchObject({ replace: 2 });
  for (const c of [linode, bird]) {
    const name = c === linode ? "l1" : "b1";
    const now = replaced.outputs[name].value as Key;
    // The 503 and the create sent again once the settle window showed no new key.
    expect({ cloud: c.name, posts: emulator.count(c.name, c.harness.routes.create.route) }).toEqual({ cloud: c.name, posts: 2 });
    expect(now.id).not.toBe(live[name as "l1" | "b1"]);
    expect(inventory(c).map((k) => String(k.id))).toEqual([now.id]);
    expect(now.name).toBe("backups-key");
  }
  keys.b1.args = { name: "backups-key", rotateAfterDays: 3650 };

  // When the create did land (a gateway's 504 while Linode goes on), only the new key is named.
  const liveId = (await outputsOf()).l1.id;
  keys.l1.args = { ...keys.l1.args, bucketAccess: BUCKET("read_only") };
  emulator.inject({ kind: "gateway", status: 504, delayMs: 300, cloud: "linode", method: "POST", route: linode.harness.routes.create.route });
  const landed = await failure(s.stack.up(recording(s)));
  await emulator.settled();
  const made = inventory(linode).map((k) => String(k.id)).filter((id) => id !== liveId);
  expect(made).toHaveLength(1);
  expect(landed).toContain(`the request may have created Linode key ${made[0]} ("backups-key") with the same name`);
  expect(landed).not.toContain(`Linode key ${liveId} `);
  expect(s.resources().map((r) => r.id)).toContain(liveId);
  // What a user does with it: delete it (here, out of band), then run `up` again.
  emulator.cloud(linode.name).remove(made[0]);
  await s.stack.up(recording(s));
});

test("a blank name or label fails preview, naming the field, before any API call", async () => {
  const before = keys;
  // The engine's failure line reads "...bird:AccessKey resource 'blank'", which the leak scan's
  // `AccessKey <credential>` pattern would flag: this output is scanned for the tokens themselves.
  const printed: string[] = [];
  try {
    for (const [c, field] of [[katapult, "name"], [linode, "label"], [bird, "name"]] as const) {
      keys = { ...before, blank: { cloud: c, args: { [field]: "   " } } };
      emulator.resetCounts();
      const message = await failure(s.stack.preview({ onOutput: (line: string) => printed.push(line) }));
      expect(message).toContain(`${field} must not be blank (only spaces)`);
      expect(emulator.requestCounts()).toEqual({});
    }
  } finally {
    keys = before;
  }
  for (const token of CLOUDS.map(tokenOf)) expect(printed.join("\n")).not.toContain(token);
});

test("a rotatedAt in the future (a runner with a fast clock wrote it) is due", async () => {
  const k1 = (await outputsOf()).k1;
  const future = new Date(Date.now() + DAY_MS).toISOString();
  const exported = await s.stack.exportStack();
  const resource = (exported.deployment.resources as { id?: string; inputs: Props; outputs: Props }[]).find((r) => r.id === k1.id)!;
  resource.inputs.rotatedAt = future;
  resource.outputs.rotatedAt = future;
  await s.stack.importStack(exported);

  const preview = await s.stack.preview(recording(s));
  expect(preview.changeSummary).toMatchObject({ update: 1 });
  expect(preview.stdout).toMatch(/ObjectStorageAccessKey k1 update \[diff: ~rotatedAt\]/);
  const rotated = (await s.stack.up(recording(s))).outputs.k1.value as Key;
  expect(Date.parse(rotated.rotatedAt)).toBeLessThanOrEqual(Date.now());
  expect(rotated.secret).not.toBe(k1.secret);
});

test("Katapult credentials regenerated outside Pulumi: refresh sees the revoked secret, up issues new credentials in place", async () => {
  const k1 = (await outputsOf()).k1;
  const storedAccessKeyId = stateOf(k1.id).outputs.accessKeyId;
  // The console (or an interrupted regeneration) issued new credentials.
  const regenerated = await fetch(`${emulator.url("katapult")}/object_storage/access_keys/access_key/generate_credentials`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokenOf(katapult)}`, "content-type": "application/json" },
    body: JSON.stringify({ access_key: { id: k1.id } }),
  });
  expect(regenerated.status).toBe(200);
  // The console shows the key until Katapult reports it configured.
  const shown = `${emulator.url("katapult")}/object_storage/access_keys/access_key?access_key%5Bid%5D=${k1.id}`;
  const stateNow = async () => ((await (await fetch(shown, { headers: { authorization: `Bearer ${tokenOf(katapult)}` } })).json()) as {
    object_storage_access_key: { state: string };
  }).object_storage_access_key.state;
  while (await stateNow() !== "configured") await new Promise((r) => setTimeout(r, 200));
  const cloudKey = () => inventory(katapult).find((k) => k.id === k1.id)!;
  expect(cloudKey().s3_access_key_id).not.toBe(storedAccessKeyId);

  const refresh = await s.stack.refresh(recording(s));
  expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(stateOf(k1.id).outputs).toMatchObject({ accessKeyId: storedAccessKeyId, secretRevoked: true });
  // Refresh compares with what the program wants (docs/pulumi-engine.md#drift): a dead secret stays a change until `up`.
  await failure(s.stack.refresh({ ...recording(s), expectNoChanges: true } as never));
  expect(stateOf(k1.id).outputs).toMatchObject({ accessKeyId: storedAccessKeyId, secretRevoked: true });

  const preview = await s.stack.preview({ ...recording(s), diff: true });
  expect(preview.changeSummary).toMatchObject({ update: 1 });
  expect(preview.stdout).toMatch(/- secretRevoked *: true/);
  const up = await s.stack.up(recording(s));
  expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
  expect((up.outputs.k1.value as Key).id).toBe(k1.id);
  expect((up.outputs.k1.value as Key).secret).toBe(cloudKey().s3_secret_access_key);
  expect(stateOf(k1.id).outputs.accessKeyId).toBe(cloudKey().s3_access_key_id);
  expect(stateOf(k1.id).outputs).not.toHaveProperty("secretRevoked");
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
});

test("another Linode account's token: refresh, up --refresh and destroy fail and keep the keys", async () => {
  keys.l3 = { cloud: linode, args: { credentials: { token: tokenOf(linode), url: emulator.url("linode") } } };
  await s.stack.up(recording(s));
  const ids = [(await outputsOf()).l1.id, (await outputsOf()).l3.id];
  const managed = () => s.resources().filter((r) => ids.includes(String(r.id))).map((r) => ({ id: r.id, secret: isCiphertext(r.outputs.secretKey) }))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const before = managed();
  expect(before).toHaveLength(2);

  // l1 follows the `linode:token` setting, l3 its own `credentials`: both now another account's.
  await s.stack.setConfig("linode:token", { value: OTHER_LINODE_TOKEN, secret: true });
  keys.l3.args = { credentials: { token: OTHER_LINODE_TOKEN, url: emulator.url("linode") } };
  await s.stack.up(recording(s));

  const refresh = await failure(s.stack.refresh(recording(s)));
  expect(ids.filter((id) => refresh.includes(`Linode key ${id} is not treated as deleted and stays in the stack: the token in use is not the one the key was made with`))).not.toEqual([]);
  const upRefresh = await failure(s.stack.up({ ...recording(s), refresh: true }));
  expect(upRefresh).toContain("the token in use is not the one the key was made with");
  const destroy = await failure(s.stack.destroy(recording(s)));
  expect(destroy).toContain("the token in use is not the one the key was made with");
  expect(managed()).toEqual(before);
  expect(inventory(linode).map((k) => String(k.id)).sort()).toEqual([...ids].sort());

  // Back to the key's own account: everything works, and destroy leaves every cloud empty.
  await s.stack.setConfig("linode:token", { value: tokenOf(linode), secret: true });
  keys.l3.args = { credentials: { token: tokenOf(linode), url: emulator.url("linode") } };
  await s.stack.up(recording(s));
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  expectNoLeaks(s, [OTHER_LINODE_TOKEN, ...CLOUDS.map(tokenOf), ...CLOUDS.flatMap((c) => storedSecrets(c, emulator))]);
  await s.stack.destroy(recording(s));
  expect(CLOUDS.map((c) => inventory(c).length)).toEqual(CLOUDS.map(() => 0));
});
