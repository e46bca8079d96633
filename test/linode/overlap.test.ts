/**
 * Linode's rotation that keeps the previous key (`keepPreviousForHours`), provider against the
 * emulator on an injected clock: what check stamps, what diff decides, the calls of each step, and
 * refresh when a key was deleted out of band. The engine test (overlap-engine.test.ts) runs the
 * same through Pulumi.
 */
import { LinodeCloud } from "../../emulator/linode";
import { ObjectStorageKeyProvider } from "../../provider/linode/provider";
import { ObjectStorageKeyInputs, ObjectStorageKeyOutputs } from "../../provider/linode/schemas";
import { HOUR_MS } from "../../provider/shared/overlap";
import { DAY_MS } from "../../provider/shared/rotation";
import { fileEmulator, testContext, TOKENS } from "../helpers/emulator";

const emulator = fileEmulator();
const linode = emulator.cloud<LinodeCloud>("linode");
const clock = { now: Date.parse("2026-01-01T00:00:00.000Z") };
const provider = new ObjectStorageKeyProvider(() => testContext(emulator.url("linode"), `Bearer ${TOKENS.linode}`), () => clock.now);
const program = { logicalName: "key", rotateAfterDays: 1, keepPreviousForHours: 2 };
const DELETE = "linode DELETE /v4/object-storage/keys/{keyId}";
const READ = "linode GET /v4/object-storage/keys/{keyId}";

async function checked(olds: Record<string, unknown>, news: Record<string, unknown> = program): Promise<ObjectStorageKeyInputs> {
  const result = await provider.check(olds, news);
  expect(result.failures).toEqual([]);
  return result.inputs as ObjectStorageKeyInputs;
}

/** A key created now, then rotated a day later: the state after the rotation's update. */
async function rotatedKey() {
  const inputs = await checked({});
  const { id, outs } = await provider.create(inputs);
  clock.now += DAY_MS;
  const news = await checked(inputs);
  const rotated = (await provider.update(id, outs, news)).outs;
  return { id, created: outs, news, rotated };
}

beforeEach(() => {
  clock.now = Date.parse("2026-01-01T00:00:00.000Z");
});

test("keepPreviousForHours must be a positive number of hours, reported before any call", async () => {
  const result = await provider.check({}, { ...program, keepPreviousForHours: -1 });
  expect(result.failures).toEqual([{ property: "keepPreviousForHours", reason: "keepPreviousForHours must be a positive number of hours" }]);
  expect(emulator.requestCounts()).toEqual({});
});

test("a due rotation is an update that makes a second key and keeps the first as the previous one", async () => {
  const inputs = await checked({});
  expect(inputs.previousExpiresAt).toBeUndefined();
  const { id, outs } = await provider.create(inputs);
  clock.now += DAY_MS;
  const news = await checked(inputs);
  expect(news.previousExpiresAt).toBe(new Date(clock.now + 2 * HOUR_MS).toISOString());
  expect(await provider.diff(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  // Without keepPreviousForHours the same rotation replaces the key, as before.
  const { keepPreviousForHours: _k, ...unset } = program;
  const plain = await checked(inputs, unset);
  expect(plain.previousExpiresAt).toBeUndefined();
  expect((await provider.diff(id, outs, plain)).replaces).toEqual(["rotatedAt"]);

  emulator.resetCounts();
  const { outs: rotated } = await provider.update(id, outs, news);
  expect(emulator.requestCounts()).toEqual({ "linode POST /v4/object-storage/keys": 1 });
  expect(rotated).toMatchObject({
    previousKeyId: outs.keyId, previousAccessKey: outs.accessKey, previousSecretKey: outs.secretKey,
    previousExpiresAt: news.previousExpiresAt, rotatedAt: news.rotatedAt, label: outs.label,
  });
  expect(rotated.keyId).not.toBe(outs.keyId);
  expect(linode.inventory().map((k) => k.secret_key).sort()).toEqual([outs.secretKey, rotated.secretKey].sort());
});

test("refresh reads both keys and deletes nothing; the first check after the expiry drops it and update deletes it", async () => {
  const { id, news, rotated } = await rotatedKey();
  emulator.resetCounts();
  const read = await provider.read(id, rotated);
  expect(emulator.requestCounts()).toEqual({ [READ]: 2 });
  expect(read.props).toEqual(rotated);
  expect(read.inputs).toMatchObject({ previousExpiresAt: news.previousExpiresAt, keepPreviousForHours: 2 });

  clock.now += HOUR_MS;
  expect((await checked(news)).previousExpiresAt).toBe(news.previousExpiresAt);
  clock.now += HOUR_MS;
  const expired = await checked(news);
  expect(expired.previousExpiresAt).toBeUndefined();
  expect(await provider.diff(id, rotated, expired)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  emulator.resetCounts();
  const { outs } = await provider.update(id, rotated, expired);
  expect(emulator.requestCounts()).toEqual({ [DELETE]: 1 });
  expect(outs).toEqual(Object.fromEntries(Object.entries(rotated).filter(([k]) => !k.startsWith("previous"))));
  expect(linode.inventory().map((k) => k.id)).toEqual([rotated.keyId]);
});

test("a previous key deleted out of band leaves the outputs on refresh, without an error", async () => {
  const { id, rotated } = await rotatedKey();
  linode.remove(String(rotated.previousKeyId));
  const read = await provider.read(id, rotated);
  expect(read.id).toBe(id);
  for (const k of ["previousKeyId", "previousAccessKey", "previousSecretKey", "previousExpiresAt"]) {
    expect(read.props).not.toHaveProperty(k);
    expect(read.inputs).not.toHaveProperty(k);
  }
  expect(read.props.secretKey).toBe(rotated.secretKey);
});

test("a current key gone while the previous one exists fails the refresh instead of orphaning the previous key", async () => {
  const { id, rotated } = await rotatedKey();
  linode.remove(String(rotated.keyId));
  await expect(provider.read(id, rotated)).rejects.toThrow(`previous key ${rotated.previousKeyId} this resource keeps still exists`);
});

test("a rotation due while a previous key is kept deletes that one first; destroy deletes both keys", async () => {
  const { id, news, rotated } = await rotatedKey();
  clock.now += DAY_MS;
  const again = await checked(news);
  emulator.resetCounts();
  const { outs } = await provider.update(id, rotated, again);
  expect(emulator.requestCounts()).toEqual({ [DELETE]: 1, "linode POST /v4/object-storage/keys": 1 });
  expect(outs).toMatchObject({ previousKeyId: rotated.keyId, previousSecretKey: rotated.secretKey });
  expect(linode.inventory().map((k) => k.id).sort()).toEqual([rotated.keyId, outs.keyId].sort());

  emulator.resetCounts();
  await provider.delete(id, outs as ObjectStorageKeyOutputs);
  expect(emulator.requestCounts()).toEqual({ [DELETE]: 2 });
  expect(linode.inventory()).toEqual([]);
});
