/**
 * Katapult's bad day, through the real engine: one key in one stack on one emulator (the cases
 * every cloud shares are in test/engine/bad-day-2.test.ts).
 * - A `rotatedAt` in the future (a runner with a fast clock wrote it) is due.
 * - Credentials regenerated outside Pulumi: refresh marks the stored secret revoked, the preview
 *   shows it, `up` issues new credentials in place.
 */
import { Emulator } from "../../emulator";
import { DAY_MS } from "../../provider/shared/rotation";
import { storedSecrets, testedClouds, tokenOf } from "../helpers/clouds";
import { expectNoLeaks, recording } from "../helpers/engine";
import { startEmulator } from "../helpers/emulator";
import { failure, KeyOutputs, KeysStack, keysStack } from "../helpers/keys-stack";

jest.setTimeout(300_000);

const katapult = testedClouds().find((c) => c.name === "katapult")!;

let emulator: Emulator;
let s: KeysStack;

beforeAll(async () => {
  emulator = await startEmulator();
  s = await keysStack("katapult-bad-day", emulator, [katapult]);
  s.keys = { k1: { cloud: katapult, args: { rotateAfterDays: 30 } } };
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

const inventory = () => emulator.cloud(katapult.name).inventory();

test("a rotatedAt in the future (a runner with a fast clock wrote it) is due", async () => {
  await s.stack.up(recording(s));
  const k1 = (await s.outputsOf()).k1;
  const future = new Date(Date.now() + DAY_MS).toISOString();
  const exported = await s.stack.exportStack();
  const resource = (exported.deployment.resources as { id?: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[])
    .find((r) => r.id === k1.id)!;
  resource.inputs.rotatedAt = future;
  resource.outputs.rotatedAt = future;
  await s.stack.importStack(exported);

  const preview = await s.stack.preview(recording(s));
  expect(preview.changeSummary).toMatchObject({ update: 1 });
  expect(preview.stdout).toMatch(/ObjectStorageAccessKey k1 update \[diff: ~rotatedAt\]/);
  const rotated = (await s.stack.up(recording(s))).outputs.k1.value as KeyOutputs;
  expect(Date.parse(rotated.rotatedAt)).toBeLessThanOrEqual(Date.now());
  expect(rotated.secret).not.toBe(k1.secret);
});

test("credentials regenerated outside Pulumi: refresh sees the revoked secret, up issues new credentials in place", async () => {
  const k1 = (await s.outputsOf()).k1;
  const storedAccessKeyId = s.stateOf(k1.id).outputs.accessKeyId;
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
  const cloudKey = () => inventory().find((k) => k.id === k1.id)!;
  expect(cloudKey().s3_access_key_id).not.toBe(storedAccessKeyId);

  const refresh = await s.stack.refresh(recording(s));
  expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(s.stateOf(k1.id).outputs).toMatchObject({ accessKeyId: storedAccessKeyId, secretRevoked: true });
  // Refresh compares with what the program wants (docs/pulumi-engine.md#drift): a dead secret stays a change until `up`.
  await failure(s.stack.refresh({ ...recording(s), expectNoChanges: true } as never));
  expect(s.stateOf(k1.id).outputs).toMatchObject({ accessKeyId: storedAccessKeyId, secretRevoked: true });

  const preview = await s.stack.preview({ ...recording(s), diff: true });
  expect(preview.changeSummary).toMatchObject({ update: 1 });
  expect(preview.stdout).toMatch(/- secretRevoked *: true/);
  const up = await s.stack.up(recording(s));
  expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
  expect((up.outputs.k1.value as KeyOutputs).id).toBe(k1.id);
  expect((up.outputs.k1.value as KeyOutputs).secret).toBe(cloudKey().s3_secret_access_key);
  expect(s.stateOf(k1.id).outputs.accessKeyId).toBe(cloudKey().s3_access_key_id);
  expect(s.stateOf(k1.id).outputs).not.toHaveProperty("secretRevoked");
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);

  expectNoLeaks(s, [tokenOf(katapult), ...storedSecrets(katapult, emulator)]);
  await s.stack.destroy(recording(s));
  expect(inventory()).toEqual([]);
});
