/**
 * Rotation that keeps the previous key (`keepPreviousForHours`): the stamp `check` writes
 * (shared/overlap.ts), then each cloud that takes it against the emulator on an injected clock:
 * what diff decides, the calls of each step, and refresh when a key was deleted out of band.
 * test/engine/overlap.test.ts runs the same through Pulumi.
 */
import { z } from "zod";
import { UNKNOWN } from "../../provider/shared/check";
import { CheckRules, checkInputs } from "../../provider/shared/lifecycle";
import { HOUR_MS, stampPreviousExpiry } from "../../provider/shared/overlap";
import { DAY_MS } from "../../provider/shared/rotation";
import { Props, authorizationOf, testedClouds } from "../helpers/clouds";
import { fileEmulator, testContext } from "../helpers/emulator";

const T0 = Date.parse("2026-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(ms).toISOString();

describe("stampPreviousExpiry", () => {
  const rotated = { rotatedAt: at(T0 + DAY_MS), keepPreviousForHours: 2 };
  const stamp = (olds: Props, news: Props, now = T0 + DAY_MS, replaced = false, repaired = false) => stampPreviousExpiry({ olds, news, now, replaced, repaired });

  it("stamps now + the hours on a rotation, and nothing without the hours", () => {
    expect(stamp({ rotatedAt: at(T0) }, rotated)).toBe(at(T0 + DAY_MS + 2 * HOUR_MS));
    expect(stamp({ rotatedAt: at(T0) }, { rotatedAt: rotated.rotatedAt })).toBeUndefined();
  });
  it("never on a new resource, a replacement, an adopted key, or hours not known yet (preview)", () => {
    expect(stamp({}, rotated)).toBeUndefined();
    expect(stamp({ rotatedAt: at(T0) }, rotated, T0 + DAY_MS, true)).toBeUndefined();
    expect(stamp({ rotatedAt: at(T0) }, { ...rotated, existingKeyId: 7 })).toBeUndefined();
    expect(stamp({ rotatedAt: at(T0) }, { ...rotated, keepPreviousForHours: UNKNOWN as never })).toBeUndefined();
  });
  it("never on a repair (an in-place reissue that is no rotation), which keeps a previous key still kept", () => {
    expect(stamp({ rotatedAt: at(T0) }, rotated, T0 + DAY_MS, false, true)).toBeUndefined();
    const kept = { rotatedAt: at(T0), previousExpiresAt: at(T0 + DAY_MS + HOUR_MS) };
    expect(stamp(kept, rotated, T0 + DAY_MS, false, true)).toBe(kept.previousExpiresAt);
  });
  it("keeps the stamp until it has passed, whatever the hours say now", () => {
    const olds = { rotatedAt: at(T0), previousExpiresAt: at(T0 + HOUR_MS) };
    expect(stamp(olds, { rotatedAt: at(T0) }, T0 + HOUR_MS - 1)).toBe(at(T0 + HOUR_MS));
    expect(stamp(olds, { rotatedAt: at(T0), keepPreviousForHours: 9 }, T0 + HOUR_MS)).toBeUndefined();
  });
});

/** Clouds whose keys take `keepPreviousForHours`. */
const CLOUDS = testedClouds().filter((c) => c.harness.keepsPrevious);

describe.each(CLOUDS)("$title overlap against the emulator", (cloud) => {
  const emulator = fileEmulator();
  const clock = { now: T0 };
  const provider = cloud.harness.provider(() => testContext(emulator.url(cloud.name), authorizationOf(cloud)), () => clock.now);
  const program = { logicalName: "key", ...cloud.harness.inputs(), rotateAfterDays: 1, keepPreviousForHours: 2 };
  const { secretOutput, storedSecret, routes } = cloud.harness;
  const previousSecret = `previous${secretOutput[0].toUpperCase()}${secretOutput.slice(1)}`;
  const route = (op: string) => `${cloud.name} ${routes[op].route}`;
  /** The calls of a rotation that keeps the previous key, plus these, as the emulator counts them. */
  const rotationCalls = (plus: Record<string, number> = {}) => Object.fromEntries(
    Object.entries({ ...(cloud.harness.overlapRotationCalls ?? { create: 1 }), ...plus }).map(([op, n]) => [route(op), n]));
  /** The key in use: `keyId` where state has it, else the resource id. */
  const current = (id: string, outs: Props) => String(outs.keyId ?? id);
  const inventory = () => emulator.cloud(cloud.name).inventory();
  const ids = () => inventory().map((k) => String(k.id)).sort();

  async function checked(olds: Props, news: Props = program): Promise<Props> {
    const result = await provider.check(olds, news);
    expect(result.failures).toEqual([]);
    return result.inputs as Props;
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
    clock.now = T0;
    cloud.harness.prepare?.(emulator);
  });

  it("refuses a keepPreviousForHours that is not a positive number of hours, before any call", async () => {
    const result = await provider.check({}, { ...program, keepPreviousForHours: -1 });
    expect(result.failures).toEqual([{ property: "keepPreviousForHours", reason: "keepPreviousForHours must be a positive number of hours" }]);
    expect(emulator.requestCounts()).toEqual({});
  });

  it("rotates by an update that makes a second key and keeps the first as the previous one", async () => {
    const inputs = await checked({});
    const { id, outs } = await provider.create(inputs);
    clock.now += DAY_MS;
    const news = await checked(inputs);
    expect(news.previousExpiresAt).toBe(at(clock.now + 2 * HOUR_MS));
    expect(await provider.diff(id, outs, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    // Without keepPreviousForHours the same rotation replaces the key, or regenerates its secret in place, as before.
    const { keepPreviousForHours: _k, ...unset } = program;
    expect((await provider.diff(id, outs, await checked(inputs, unset))).replaces).toEqual(cloud.harness.rotatesInPlace ? [] : ["rotatedAt"]);

    emulator.resetCounts();
    const { outs: rotated } = await provider.update(id, outs, news);
    expect(emulator.requestCounts()).toEqual(rotationCalls());
    expect(rotated).toMatchObject({ previousKeyId: outs.keyId ?? id, [previousSecret]: outs[secretOutput], previousExpiresAt: news.previousExpiresAt });
    expect(current(id, rotated)).not.toBe(current(id, outs));
    expect(inventory().map((k) => k[storedSecret]).sort()).toEqual([outs[secretOutput], rotated[secretOutput]].sort());
  });

  it("refresh reads both keys and deletes nothing; the first check after the expiry drops it and update deletes it", async () => {
    const { id, news, rotated } = await rotatedKey();
    emulator.resetCounts();
    const read = await provider.read(id, rotated);
    expect(emulator.requestCounts()).toEqual({ [route("read")]: 2 });
    expect(read.props).toEqual(rotated);

    clock.now += 2 * HOUR_MS - 1;
    expect((await checked(news)).previousExpiresAt).toBe(news.previousExpiresAt);
    clock.now += 1;
    const expired = await checked(news);
    expect(expired.previousExpiresAt).toBeUndefined();
    expect(await provider.diff(id, rotated, expired)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    emulator.resetCounts();
    const { outs } = await provider.update(id, rotated, expired);
    expect(emulator.requestCounts()).toEqual({ [route("delete")]: 1 });
    expect(outs).toEqual(Object.fromEntries(Object.entries(rotated).filter(([k]) => !k.startsWith("previous"))));
    expect(ids()).toEqual([current(id, rotated)]);
  });

  it("drops a previous key deleted out of band from the outputs on refresh, without an error", async () => {
    const { id, rotated } = await rotatedKey();
    emulator.cloud(cloud.name).remove(String(rotated.previousKeyId));
    const read = await provider.read(id, rotated);
    expect(read.id).toBe(id);
    for (const k of ["previousKeyId", previousSecret, "previousExpiresAt"]) expect(read.props).not.toHaveProperty(k);
    expect(read.props[secretOutput]).toBe(rotated[secretOutput]);
  });

  it("fails the refresh when the key in use is gone but the previous one exists, instead of orphaning it", async () => {
    const { id, rotated } = await rotatedKey();
    emulator.cloud(cloud.name).remove(current(id, rotated));
    await expect(provider.read(id, rotated)).rejects.toThrow(`previous key ${rotated.previousKeyId} this resource keeps still exists`);
  });

  it("deletes a previous key still kept before the next rotation; destroy deletes both keys", async () => {
    const { id, news, rotated } = await rotatedKey();
    clock.now += DAY_MS;
    emulator.resetCounts();
    const { outs } = await provider.update(id, rotated, await checked(news));
    expect(emulator.requestCounts()).toEqual(rotationCalls({ delete: 1 }));
    expect(outs).toMatchObject({ previousKeyId: rotated.keyId, [previousSecret]: rotated[secretOutput] });
    expect(ids()).toEqual([current(id, rotated), current(id, outs)].sort());

    emulator.resetCounts();
    await provider.delete(id, outs);
    expect(emulator.requestCounts()).toEqual({ [route("delete")]: 2 });
    expect(inventory()).toEqual([]);
  });
});

describe("a resource whose rotation cannot keep the previous key (no `overlap` in its check rules)", () => {
  it("refuses keepPreviousForHours by name, before any call", () => {
    const schema = z.object({ logicalName: z.string().optional(), autoNamed: z.boolean().optional(), name: z.string() });
    const rules: CheckRules<typeof schema> = { schema, naming: { field: "name", maxLength: 30 }, reissues: () => false, rotationReplaces: true };
    const result = checkInputs(rules, undefined, { logicalName: "key", keepPreviousForHours: 1 }, T0);
    expect(result.failures).toContainEqual({ property: "keepPreviousForHours", reason: expect.stringContaining("not supported on this resource yet") });
  });
});
