/**
 * Katapult's rotation that keeps the previous key (provider/katapult/overlap.ts), against the
 * emulator on an injected clock: what counts as a rotation (a due schedule, a `rotation` change;
 * not a move, a secret found revoked or an adopted key), the bucket-ACL refusal, credentials that
 * cannot be had for the second key, PATCHes that reach both keys, and state without an overlap
 * (0.1.0 and today's) that makes no extra call. test/shared/overlap.test.ts holds what every cloud shares.
 */
import { KatapultCloud } from "../../emulator/katapult";
import { HOUR_MS } from "../../provider/shared/overlap";
import { DAY_MS } from "../../provider/shared/rotation";
import { generateCredentials } from "../../provider/katapult/api";
import { AccessKeyProvider } from "../../provider/katapult/provider";
import { AccessKeyInputs, AccessKeyOutputs } from "../../provider/katapult/schemas";
import { fileEmulator, testContext, TOKENS } from "../helpers/emulator";
import { ROUTES } from "./routes";

const T0 = Date.parse("2026-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(ms).toISOString();
const emulator = fileEmulator();
const katapult = emulator.cloud<KatapultCloud>("katapult");
const clock = { now: T0 };
const context = () => testContext(emulator.url("katapult"), `Bearer ${TOKENS.katapult}`);
const provider = new AccessKeyProvider(context, () => clock.now);
const program = { logicalName: "key", organization: { subDomain: "emulator" }, allBucketsRead: true, rotation: 1, rotateAfterDays: 1, keepPreviousForHours: 2 };
const ids = () => katapult.inventory().map((k) => String(k.id)).sort();
const stored = (id: unknown) => katapult.inventory().find((k) => k.id === id)!;
const OVERLAP = ["keyId", "previousKeyId", "previousAccessKeyId", "previousSecretAccessKey", "previousExpiresAt"];

async function checked(olds: object, news: object = program): Promise<AccessKeyInputs> {
  const result = await provider.check(olds as Record<string, unknown>, news as Record<string, unknown>);
  expect(result.failures).toEqual([]);
  return result.inputs;
}

/** A key created now, and the inputs of the next `up` a day later (its rotation due). */
async function dueKey(news: object = program) {
  const inputs = await checked({}, news);
  const { id, outs } = await provider.create(inputs);
  clock.now += DAY_MS;
  return { id, outs, due: await checked(outs, news) };
}

/** The error a call failed with (the test fails if it did not). */
async function failureOf(call: Promise<unknown>): Promise<Error & { field?: string; code?: string }> {
  const outcome = await call.then(() => undefined, (e: unknown) => e as Error & { field?: string; code?: string });
  if (outcome === undefined) throw new Error("the call was expected to fail");
  return outcome;
}

beforeEach(() => {
  clock.now = T0;
  katapult.provisioning.createRejections = 0;
});

describe("what counts as a rotation that keeps the previous key", () => {
  it("a rotation change stamps the expiry and makes a second key, like a due schedule", async () => {
    const inputs = await checked({});
    const { id, outs } = await provider.create(inputs);
    clock.now += HOUR_MS;
    const bumped = await checked(outs, { ...program, rotation: 2 });
    expect(bumped).toMatchObject({ rotatedAt: at(clock.now), previousExpiresAt: at(clock.now + 2 * HOUR_MS) });
    expect(await provider.diff(id, outs, bumped)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });

    emulator.resetCounts();
    const { outs: rotated } = await provider.update(id, outs, bumped);
    expect(emulator.requestCounts()).toEqual({ [ROUTES.get]: 2, [ROUTES.create]: 1, [ROUTES.generate]: 1 });
    expect(rotated).toMatchObject({
      rotation: 2, previousKeyId: id, previousAccessKeyId: outs.accessKeyId, previousSecretAccessKey: outs.secretAccessKey,
      previousExpiresAt: bumped.previousExpiresAt, state: "configured",
    });
    expect(stored(rotated.keyId)).toMatchObject({ name: outs.name, all_buckets_read: true, s3_secret_access_key: rotated.secretAccessKey });
    expect(stored(id).s3_secret_access_key).toBe(outs.secretAccessKey);
  });

  it("not a move (a replacement deletes both keys), an adopted key, or a secret found revoked", async () => {
    const { id, outs } = await dueKey();
    const moved = await checked(outs, { ...program, organization: { subDomain: "elsewhere" } });
    expect(moved.previousExpiresAt).toBeUndefined();
    expect((await provider.diff(id, outs, moved)).replaces).toEqual(["organization"]);
    expect((await checked(outs, { ...program, rotation: 2, existingKeyId: id })).previousExpiresAt).toBeUndefined();
    expect((await checked({ ...outs, secretRevoked: true }, { ...program, rotation: 2 })).previousExpiresAt).toBeUndefined();
  });

  it("a secret found revoked is regenerated in place, and a previous key still kept stays", async () => {
    const { id, outs, due } = await dueKey();
    const { outs: rotated } = await provider.update(id, outs, due);
    // Credentials regenerated outside the stack: the refresh marks the stored secret revoked.
    await generateCredentials(context(), String(rotated.keyId));
    const refreshed = await provider.read(id, rotated);
    expect(refreshed.props).toMatchObject({ secretRevoked: true, previousKeyId: id });
    clock.now += HOUR_MS;
    const repair = await checked(refreshed.inputs!);
    expect(repair).toMatchObject({ rotatedAt: at(clock.now), previousExpiresAt: due.previousExpiresAt });

    emulator.resetCounts();
    const { outs: repaired } = await provider.update(id, refreshed.props, repair);
    expect(emulator.requestCounts()).toEqual({ [ROUTES.generate]: 1, [ROUTES.get]: 1 });
    expect(repaired).toMatchObject({ keyId: rotated.keyId, previousKeyId: id, previousSecretAccessKey: outs.secretAccessKey });
    expect(repaired).not.toHaveProperty("secretRevoked");
    expect(stored(rotated.keyId).s3_secret_access_key).toBe(repaired.secretAccessKey);
    expect(stored(id).s3_secret_access_key).toBe(outs.secretAccessKey);
  });
});

describe("the rotation's safeguards", () => {
  it("refuses a rotation while bucket ACLs grant the key access, before changing anything", async () => {
    const { id, outs, due } = await dueKey();
    katapult.edit(id, { read_buckets: ["logs"], write_buckets: ["uploads"] });
    emulator.resetCounts();
    const refused = await failureOf(provider.update(id, outs, due));
    expect(refused.message).toMatch(/bucket ACL grants \(read: logs; write: uploads\).*allObjectsRead \/ allObjectsWrite.*unset keepPreviousForHours/);
    expect(refused.field).toBe("keepPreviousForHours");
    expect(emulator.requestCounts()).toEqual({ [ROUTES.get]: 1 });
    expect(ids()).toEqual([id]);
    // Without keepPreviousForHours the same rotation regenerates in place, and the grants stay with the key.
    const { keepPreviousForHours: _k, ...unset } = program;
    const { outs: regenerated } = await provider.update(id, outs, await checked(outs, unset));
    expect(regenerated).toMatchObject({ readBuckets: ["logs"], writeBuckets: ["uploads"] });
    expect(regenerated.secretAccessKey).not.toBe(outs.secretAccessKey);
  });

  it("deletes the second key when its credentials cannot be had: the key in use and its secret stay, the next up rotates", async () => {
    const { id, outs, due } = await dueKey();
    emulator.inject({ kind: "status", status: 400, cloud: "katapult", method: "POST", route: "generate_credentials" });
    emulator.resetCounts();
    await expect(provider.update(id, outs, due)).rejects.toThrow(`was deleted again; Katapult key ${id} and its secret are unchanged in the stack`);
    expect(emulator.requestCounts()).toEqual({ [ROUTES.get]: 1, [ROUTES.create]: 1, [ROUTES.generate]: 1, [ROUTES.delete]: 1 });
    expect(ids()).toEqual([id]);
    expect(stored(id).s3_secret_access_key).toBe(outs.secretAccessKey);

    const { outs: rotated } = await provider.update(id, outs, due);
    expect(rotated).toMatchObject({ previousKeyId: id, previousSecretAccessKey: outs.secretAccessKey });
    expect(ids()).toEqual([id, String(rotated.keyId)].sort());
  });

  it("names the second key when deleting it fails too, so it is never silently lost", async () => {
    const { id, outs, due } = await dueKey();
    emulator.inject({ kind: "status", status: 400, cloud: "katapult", method: "POST", route: "generate_credentials" });
    emulator.inject({ kind: "status", status: 400, cloud: "katapult", method: "DELETE" });
    const failed = await failureOf(provider.update(id, outs, due));
    const made = ids().find((k) => k !== id)!;
    expect(failed.code).toBe("ERR_ACCESS_KEYS_UNCERTAIN_CREATE");
    expect(failed.message).toContain(`Katapult key ${made} exists but is in no stack`);
    expect(failed.message).toContain("pulumi-access-keys audit");
    expect(failed.message).toContain(`Katapult key ${id} and its secret are unchanged`);
  });

  it("sends a name or flag change to both keys while the previous one is kept; a previous key gone is dropped", async () => {
    const { id, outs, due } = await dueKey();
    const { outs: rotated } = await provider.update(id, outs, due);
    const cut = await checked(due, { ...program, allBucketsRead: false });
    expect(cut.previousExpiresAt).toBe(due.previousExpiresAt);
    emulator.resetCounts();
    const { outs: patched } = await provider.update(id, rotated, cut);
    expect(emulator.requestCounts()).toEqual({ [ROUTES.patch]: 2 });
    expect([stored(id).all_buckets_read, stored(rotated.keyId).all_buckets_read]).toEqual([false, false]);
    expect(patched).toMatchObject({ allBucketsRead: false, ...Object.fromEntries(OVERLAP.map((k) => [k, (rotated as unknown as Record<string, unknown>)[k]])) });

    katapult.remove(id);
    emulator.resetCounts();
    const { outs: dropped } = await provider.update(id, patched, await checked(cut, program));
    expect(emulator.requestCounts()).toEqual({ [ROUTES.patch]: 2, [ROUTES.list]: 1 });
    expect(dropped).toMatchObject({ allBucketsRead: true, keyId: rotated.keyId });
    for (const k of ["previousKeyId", "previousAccessKeyId", "previousSecretAccessKey"]) expect(dropped).not.toHaveProperty(k);
  });
});

describe("state without an overlap", () => {
  it("today's and 0.1.0's (no rotatedAt) read, update and delete with the same calls; setting keepPreviousForHours rotates nothing", async () => {
    const { keepPreviousForHours: _k, rotateAfterDays: _r, ...before } = program;
    const { id, outs } = await provider.create(await checked({}, before));
    const v010 = Object.fromEntries(Object.entries(outs).filter(([k]) => k !== "rotatedAt")) as AccessKeyOutputs;
    for (const state of [outs, v010]) {
      emulator.resetCounts();
      expect((await provider.read(id, state)).props).toEqual(state);
      expect(emulator.requestCounts()).toEqual({ [ROUTES.get]: 1 });
      const news = await checked(state, program);
      expect(news.previousExpiresAt).toBeUndefined();
      emulator.resetCounts();
      const { outs: updated } = await provider.update(id, state, news);
      expect(emulator.requestCounts()).toEqual({});
      expect(updated).toMatchObject({ keepPreviousForHours: 2, rotateAfterDays: 1, secretAccessKey: outs.secretAccessKey });
      for (const k of OVERLAP) expect(updated).not.toHaveProperty(k);
    }
    emulator.resetCounts();
    await provider.delete(id, v010);
    expect(emulator.requestCounts()).toEqual({ [ROUTES.delete]: 1 });
  });
});
