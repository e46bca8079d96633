/**
 * Rotation that keeps the previous key (`keepPreviousForHours`) through the real Pulumi engine,
 * one key per cloud that takes it (harness `keepsPrevious`) in one stack, with a schedule worth
 * seconds: the rotation is an update that keeps the resource id, both secrets work until
 * `previousExpiresAt`, refresh and preview never delete, the first `up` after the expiry deletes
 * the previous key, a refused or lost create during a rotation loses and orphans nothing, and
 * destroy deletes both keys. Times are derived from the stamps in state, never from how long a
 * step took.
 */
import * as pulumi from "@pulumi/pulumi";
import { Emulator } from "../../emulator";
import { HOUR_MS } from "../../provider/shared/overlap";
import { DAY_MS } from "../../provider/shared/rotation";
import { DeclaredKey, TestedCloud, emulatorSettings, emulatorStackConfig, testedClouds } from "../helpers/clouds";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { startEmulator } from "../helpers/emulator";

jest.setTimeout(300_000);

/** Long enough for an `up` and a preview to finish before the keys are due. */
const ROTATE_AFTER_MS = 12_000;
const KEEP_MS = 15_000;
const args = { rotateAfterDays: ROTATE_AFTER_MS / DAY_MS, keepPreviousForHours: KEEP_MS / HOUR_MS };
const CLOUDS = testedClouds().filter((c) => c.harness.keepsPrevious);

/** The output that holds the previous key's secret: `previous` + the secret output's name. */
const previousSecretOf = (c: TestedCloud) => `previous${c.harness.secretOutput[0].toUpperCase()}${c.harness.secretOutput.slice(1)}`;

/** The outputs the test reads, in the same names on every cloud: `current` is the key in use (`keyId`, else the id). */
function outputsOf(c: TestedCloud, key: DeclaredKey) {
  const outputs = key.resource as unknown as Record<string, pulumi.Output<unknown>>;
  const current = pulumi.all([outputs.keyId, key.id]).apply(([keyId, id]) => keyId ?? id);
  return {
    id: key.id, current, secret: key.secret, rotatedAt: key.rotatedAt,
    previousKeyId: outputs.previousKeyId, previousSecret: outputs[previousSecretOf(c)], previousExpiresAt: outputs.previousExpiresAt,
  };
}

let emulator: Emulator;
let s: EngineStack;

beforeAll(async () => {
  emulator = await startEmulator();
  for (const c of CLOUDS) c.harness.prepare?.(emulator);
  s = await engineStack(
    "overlap-engine",
    async () => Object.fromEntries(CLOUDS.map((c) => [c.name, pulumi.output(outputsOf(c, c.harness.engine.declare(c.short, { ...c.harness.engine.nth(0), ...args })))])),
    Object.assign({}, ...CLOUDS.map((c) => emulatorStackConfig(c, emulator, emulatorSettings(c)))),
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

type Key = Record<string, unknown> & { id: string; current: unknown; secret: string; rotatedAt: string };
type Keys = Record<string, Key>;
const plainOutputs = (outputs: Record<string, { value: unknown }>) => Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value])) as Keys;
/** The latest of these times (ISO 8601 strings or epoch ms). */
const latest = (times: unknown[]) => new Date(Math.max(...times.map((t) => (typeof t === "number" ? t : Date.parse(String(t)))))).toISOString();
const until = (iso: string) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(iso) - Date.now()) + 500));
const dueAt = (keys: Keys) => latest(CLOUDS.map((c) => Date.parse(keys[c.name].rotatedAt) + ROTATE_AFTER_MS));
const keyIds = (cloud: string) => emulator.cloud(cloud).inventory().map((k) => String(k.id)).sort();
/** The cloud holds this key and it takes this secret (the emulator stores both). */
const works = (cloud: TestedCloud, id: unknown, secret: unknown) =>
  emulator.cloud(cloud.name).inventory().some((k) => String(k.id) === String(id) && k[cloud.harness.storedSecret] === secret);
/** Each cloud's calls since the last reset, by operation. */
const calls = (c: TestedCloud) => Object.fromEntries(Object.entries(c.harness.routes)
  .map(([op, r]) => [op, emulator.requestCounts()[`${c.name} ${r.route}`] ?? 0]).filter(([, n]) => n !== 0));

test("a rotation keeps the previous key until previousExpiresAt, then the next up deletes it", async () => {
  const first = plainOutputs((await s.stack.up(recording(s))).outputs);
  for (const c of CLOUDS) expect(String(first[c.name].current)).toBe(first[c.name].id);
  for (const c of CLOUDS) expect(first[c.name].previousKeyId).toBeUndefined();

  await until(dueAt(first));
  // Refresh never rotates; the preview shows an update (never a replacement) that stamps the expiry.
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  const lines: string[] = [];
  const preview = await s.stack.preview({ onOutput: (line: string) => (lines.push(line), s.output.push(line)) });
  expect(preview.changeSummary).toEqual({ update: CLOUDS.length, same: 1 });
  for (const c of CLOUDS) expect(lines.join("")).toContain(`${c.short} update [diff: +previousExpiresAt~rotatedAt]`);

  emulator.resetCounts();
  const rotated = plainOutputs((await s.stack.up(recording(s))).outputs);
  for (const c of CLOUDS) {
    const [was, now] = [first[c.name], rotated[c.name]];
    expect(calls(c)).toEqual(c.harness.overlapRotationCalls ?? { create: 1 });
    expect(now).toMatchObject({ id: was.id, previousKeyId: was.current, previousSecret: was.secret });
    expect(now.current).not.toBe(was.current);
    expect(Date.parse(String(now.previousExpiresAt)) - Date.parse(now.rotatedAt)).toBe(KEEP_MS);
    expect(works(c, was.current, was.secret) && works(c, now.current, now.secret)).toBe(true);
    expect(keyIds(c.name)).toEqual([String(was.current), String(now.current)].sort());
  }
  for (const c of CLOUDS) {
    const r = s.resources().find((res) => res.type.includes(`/${c.name}:`))!;
    expect(r.inputs.previousExpiresAt).toBe(r.outputs.previousExpiresAt);
    expect([isCiphertext(r.outputs[c.harness.secretOutput]), isCiphertext(r.outputs[previousSecretOf(c)])]).toEqual([true, true]);
  }

  // No more rotations for now; the previous keys' time runs out. Refresh and preview delete nothing.
  args.rotateAfterDays = 1;
  await until(latest(CLOUDS.map((c) => rotated[c.name].previousExpiresAt)));
  emulator.resetCounts();
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  for (const c of CLOUDS) expect(calls(c)).toEqual({ read: 2 });
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ update: CLOUDS.length, same: 1 });
  for (const c of CLOUDS) expect(keyIds(c.name)).toHaveLength(2);

  emulator.resetCounts();
  const expired = plainOutputs((await s.stack.up(recording(s))).outputs);
  for (const c of CLOUDS) {
    expect(calls(c)).toEqual({ delete: 1 });
    const now = rotated[c.name];
    expect(expired[c.name]).toEqual({ id: now.id, current: now.current, secret: now.secret, rotatedAt: now.rotatedAt });
    expect(keyIds(c.name)).toEqual([String(now.current)]);
  }
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: CLOUDS.length + 1 });
  expectNoLeaks(s, CLOUDS.flatMap((c) => [first[c.name].secret, rotated[c.name].secret]));
});

test("a create refused or lost during a rotation loses and orphans nothing; destroy deletes both keys", async () => {
  const before = plainOutputs(await s.stack.outputs());
  args.rotateAfterDays = ROTATE_AFTER_MS / DAY_MS;
  await until(dueAt(before));

  // Refused: the up fails, and the key in use and its secret stay as they were. With
  // --continue-on-error every cloud's rotation runs and meets its fault (the engine otherwise stops
  // scheduling after the first failure); the stack's outputs then turn unknown, so the resources'
  // own outputs in state are compared, and the next step checks the secret kept.
  for (const c of CLOUDS) emulator.inject({ kind: "status", status: 400, cloud: c.name as never, method: "POST", route: c.harness.routes.create.route });
  await expect(s.stack.up({ ...recording(s), continueOnError: true })).rejects.toThrow();
  expect(emulator.faults.remaining()).toEqual([]);
  const resources = (await s.stack.exportStack()).deployment.resources as { type: string; outputs?: Record<string, unknown> }[];
  for (const c of CLOUDS) {
    const stored = resources.find((r) => r.type === `pulumi-nodejs:dynamic/${c.descriptor.kinds[0].kind}`)?.outputs;
    expect({ rotatedAt: stored?.rotatedAt, previousKeyId: stored?.previousKeyId }).toEqual({ rotatedAt: before[c.name].rotatedAt, previousKeyId: before[c.name].previousKeyId });
    expect(keyIds(c.name)).toEqual([String(before[c.name].current)]);
  }

  // Lost: the key is made but the answer never comes; it is found by name and replaced, so each
  // cloud holds exactly the two keys the stack records.
  for (const c of CLOUDS) emulator.inject({ kind: "lost", cloud: c.name as never, method: "POST", route: c.harness.routes.create.route });
  const rotated = plainOutputs((await s.stack.up(recording(s))).outputs);
  for (const c of CLOUDS) {
    const [was, now] = [before[c.name], rotated[c.name]];
    expect(now).toMatchObject({ previousKeyId: was.current, previousSecret: was.secret });
    expect(keyIds(c.name)).toEqual([String(was.current), String(now.current)].sort());
    expect(works(c, now.current, now.secret) && works(c, was.current, was.secret)).toBe(true);
  }

  emulator.resetCounts();
  await s.stack.destroy(recording(s));
  for (const c of CLOUDS) {
    expect(calls(c)).toEqual({ delete: 2 });
    expect(keyIds(c.name)).toEqual([]);
  }
  expectNoLeaks(s, CLOUDS.flatMap((c) => [before[c.name].secret, rotated[c.name].secret]));
});
