/**
 * The rotation schedule, offline, on an injected clock: `check` stamps `rotatedAt`, `diff`
 * compares it with the outputs. No API call anywhere (the connection throws).
 */
import { UNKNOWN } from "../../provider/shared/check";
import { DAY_MS, isDue, rotationChange, stampRotation } from "../../provider/shared/rotation";
import { testedClouds } from "../helpers/clouds";

const T0 = Date.parse("2026-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(ms).toISOString();
const OLD = { logicalName: "key", label: "key-abcdefg", autoNamed: true };

describe("stampRotation", () => {
  const stamp = (olds: Record<string, unknown> | undefined, news: Record<string, unknown>, now = T0, reissued = false) =>
    stampRotation({ olds, news, now, reissued });

  it("stamps a new resource, with or without rotateAfterDays", () => {
    expect(stamp({}, {})).toBe(at(T0));
    expect(stamp(undefined, { rotateAfterDays: 30 })).toBe(at(T0));
  });
  it("keeps the stamp until rotatedAt + rotateAfterDays has passed, then stamps now", () => {
    const olds = { ...OLD, rotatedAt: at(T0) };
    expect(stamp(olds, { rotateAfterDays: 1.5 }, T0 + 1.5 * DAY_MS - 1)).toBe(at(T0));
    expect(stamp(olds, { rotateAfterDays: 1.5 }, T0 + 1.5 * DAY_MS)).toBe(at(T0 + 1.5 * DAY_MS));
    expect(stamp(olds, {}, T0 + 1_000 * DAY_MS)).toBe(at(T0));
  });
  it("never makes a key due on an unknown rotateAfterDays (preview)", () => {
    expect(stamp({ ...OLD, rotatedAt: at(T0) }, { rotateAfterDays: UNKNOWN as never }, T0 + 9 * DAY_MS)).toBe(at(T0));
  });
  it("0.1.0 state: no stamp until rotateAfterDays is set, then the clock starts now", () => {
    expect(stamp(OLD, {}, T0)).toBeUndefined();
    expect(stamp(OLD, { rotateAfterDays: 7 }, T0)).toBe(at(T0));
  });
  it("adopted keys carry no stamp: their secret was issued outside the stack", () => {
    expect(stamp({}, { existingKeyId: 12, rotateAfterDays: 1 })).toBeUndefined();
    expect(stamp({ ...OLD, rotatedAt: at(T0) }, { existingKeyId: 12, rotateAfterDays: 1 }, T0 + 5 * DAY_MS)).toBeUndefined();
  });
  it("restamps a change that issues a new secret anyway", () => {
    expect(stamp({ ...OLD, rotatedAt: at(T0) }, {}, T0 + 1_000, true)).toBe(at(T0 + 1_000));
  });
  it("treats an unreadable rotatedAt as due", () => {
    expect(isDue("not a date", 30, T0)).toBe(true);
  });
  it("treats a rotatedAt later than now as due: early, never late (a runner with a fast clock wrote it)", () => {
    expect(isDue(at(T0 + 1), 30, T0)).toBe(true);
    expect(stamp({ ...OLD, rotatedAt: at(T0 + DAY_MS) }, { rotateAfterDays: 30 }, T0)).toBe(at(T0));
    expect(isDue(at(T0), 30, T0)).toBe(false);
  });
});

describe("rotationChange", () => {
  it("rotates only when a stamped key gets a new stamp", () => {
    expect(rotationChange({ rotatedAt: at(T0) }, { rotatedAt: at(T0 + 1) })).toEqual({ rotate: true, record: false });
    expect(rotationChange({ rotatedAt: at(T0) }, { rotatedAt: at(T0) })).toEqual({ rotate: false, record: false });
  });
  it("records without rotating: the clock starting, or rotateAfterDays set or changed", () => {
    expect(rotationChange({}, { rotatedAt: at(T0), rotateAfterDays: 3 })).toEqual({ rotate: false, record: true });
    expect(rotationChange({ rotatedAt: at(T0) }, { rotatedAt: at(T0), rotateAfterDays: 3 })).toEqual({ rotate: false, record: true });
  });
});

describe.each(testedClouds())("$title schedule", ({ harness }) => {
  const clock = { now: T0 };
  // Any API call fails the test.
  const offline = () => {
    throw new Error("no API call expected");
  };
  const provider = () => harness.provider(offline, () => clock.now);
  const program = { logicalName: "key", ...harness.offline.least };
  const { id } = harness.offline;
  /** A key created at T0 with rotateAfterDays 2: its stored inputs and outputs. */
  async function created() {
    clock.now = T0;
    const inputs = (await provider().check({}, { ...program, rotateAfterDays: 2 })).inputs as Record<string, unknown>;
    return { inputs, outputs: { ...inputs, ...harness.offline.created } };
  }

  it("names rotateAfterDays when it is not a positive number", async () => {
    for (const bad of [0, -1, "30"]) {
      const { failures } = await provider().check({}, { ...program, rotateAfterDays: bad });
      expect(failures?.map((f) => f.property)).toEqual(["rotateAfterDays"]);
    }
  });

  it("shows nothing before the key is due, and a rotation once it is", async () => {
    const { inputs, outputs } = await created();
    expect(inputs.rotatedAt).toBe(at(T0));
    clock.now = T0 + 2 * DAY_MS - 1;
    const notDue = (await provider().check(inputs, { ...program, rotateAfterDays: 2 })).inputs as Record<string, unknown>;
    expect(await provider().diff(id, outputs, notDue)).toMatchObject({ changes: false, replaces: [] });
    clock.now = T0 + 2 * DAY_MS;
    const due = (await provider().check(inputs, { ...program, rotateAfterDays: 2 })).inputs as Record<string, unknown>;
    expect(due.rotatedAt).toBe(at(clock.now));
    // A cloud that cannot reissue a secret makes a new key; one that can regenerates it in place.
    const replaces = harness.rotatesInPlace ? [] : ["rotatedAt"];
    expect(await provider().diff(id, outputs, due)).toMatchObject({ changes: true, replaces });
    // A generated name is generated afresh for a replacement, so the new key never shares the
    // live key's name (a lost create could not be told from it); in place, it stays.
    const name = harness.consumer.nameOutput;
    expect(notDue[name]).toBe(inputs[name]);
    const fresh = inputs.autoNamed === true && !harness.rotatesInPlace;
    expect({ fresh, renamed: due[name] !== inputs[name] }).toEqual({ fresh, renamed: fresh });
  });

  it("refresh's diff (refreshed outputs against stored inputs) never shows an overdue key", async () => {
    const { inputs, outputs } = await created();
    clock.now = T0 + 100 * DAY_MS;
    expect(await provider().diff(id, outputs, inputs)).toMatchObject({ changes: false, replaces: [] });
  });

  it("setting or changing rotateAfterDays on a key that is not due rewrites outputs with no call", async () => {
    const { inputs, outputs } = await created();
    clock.now = T0 + DAY_MS;
    const longer = (await provider().check(inputs, { ...program, rotateAfterDays: 30 })).inputs as Record<string, unknown>;
    expect(await provider().diff(id, outputs, longer)).toMatchObject({ changes: true, replaces: [] });
    const { outs } = await provider().update(id, outputs, longer);
    expect(outs).toMatchObject({ rotateAfterDays: 30, rotatedAt: at(T0) });
  });

  it("0.1.0 state (no rotatedAt) is never rotated on upgrade: rotateAfterDays starts the clock", async () => {
    const { inputs, outputs } = await created();
    const { rotatedAt: _i, rotateAfterDays: _d, ...oldInputs } = inputs;
    const { rotatedAt: _o, rotateAfterDays: _e, ...oldOutputs } = outputs;
    clock.now = T0 + 400 * DAY_MS;
    const unchanged = (await provider().check(oldInputs, program)).inputs as Record<string, unknown>;
    expect(unchanged.rotatedAt).toBeUndefined();
    expect(await provider().diff(id, oldOutputs, unchanged)).toMatchObject({ changes: false });
    const opted = (await provider().check(oldInputs, { ...program, rotateAfterDays: 1 })).inputs as Record<string, unknown>;
    expect(opted.rotatedAt).toBe(at(clock.now));
    expect(await provider().diff(id, oldOutputs, opted)).toMatchObject({ changes: true, replaces: [] });
    expect((await provider().update(id, oldOutputs, opted)).outs).toMatchObject({ rotatedAt: at(clock.now), rotateAfterDays: 1 });
  });
});
