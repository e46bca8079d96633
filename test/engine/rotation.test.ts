/**
 * Scheduled rotation through the real Pulumi engine, one key per cloud in one stack, with
 * `rotateAfterDays` worth a few seconds: nothing to do right after `up`; once due, a refresh
 * still shows nothing (it never rotates), a preview shows a replacement for a cloud that cannot
 * regenerate a secret in place and an update for one that can (harness `rotatesInPlace`), and `up`
 * leaves one key per resource with a new secret and a later `rotatedAt`. Each cloud's own checks
 * after `up` run too (`checkUp`: e.g. a key the emulator configures late is configured by then).
 */
import * as pulumi from "@pulumi/pulumi";
import { Emulator } from "../../emulator";
import { DAY_MS } from "../../provider/shared/rotation";
import { emulatorSettings, emulatorStackConfig, inventoryIds, secretInState, storedSecrets, testedClouds } from "../helpers/clouds";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { startEmulator } from "../helpers/emulator";

jest.setTimeout(240_000);

/** Long enough for `up` and a preview to finish before the keys are due. */
const ROTATE_AFTER_MS = 12_000;
const CLOUDS = testedClouds();

let emulator: Emulator;
let s: EngineStack;

beforeAll(async () => {
  emulator = await startEmulator();
  for (const cloud of CLOUDS) cloud.harness.engine.slowProvisioning?.prepare(emulator);
  const rotateAfterDays = ROTATE_AFTER_MS / DAY_MS;
  s = await engineStack(
    "rotation-engine",
    async () => Object.fromEntries(CLOUDS.map(({ name, short, harness }) => {
      const key = harness.engine.declare(short, { rotateAfterDays });
      return [name, pulumi.output({ id: key.id, secret: key.secret, rotatedAt: key.rotatedAt, ...key.extra })];
    })),
    Object.assign({}, ...CLOUDS.map((cloud) => {
      const { slowProvisioning } = cloud.harness.engine;
      return emulatorStackConfig(cloud, emulator, { ...emulatorSettings(cloud), ...slowProvisioning?.stackSettings });
    })),
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

type Key = { id: string; secret: string; rotatedAt: string } & Record<string, unknown>;
const plainOutputs = (outputs: Record<string, { value: unknown }>) =>
  Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value])) as Record<string, Key>;
const keyCounts = () => CLOUDS.map((c) => inventoryIds(c, emulator).length);
/** When a key's rotation falls due, from the stamp in its outputs (never from how long a step took). */
const dueAt = (key: Key) => Date.parse(key.rotatedAt) + ROTATE_AFTER_MS;

/**
 * A preview changes exactly the keys due when it checked them: at least those due when it
 * started, at most those due when it ended. On a quiet machine both are none; on a loaded one
 * the window may run out during the preview, and the keys due by then may show too.
 */
async function expectDueOnly(keys: Record<string, Key>, preview: () => Promise<{ changeSummary: Record<string, number> }>): Promise<void> {
  const started = Date.now();
  const { changeSummary } = await preview();
  const ended = Date.now();
  const changed = CLOUDS.length + 1 - (changeSummary.same ?? 0);
  const surely = CLOUDS.filter((c) => dueAt(keys[c.name]) <= started).length;
  const possibly = CLOUDS.filter((c) => dueAt(keys[c.name]) <= ended).length;
  expect({ changeSummary, changed: Math.min(Math.max(changed, surely), possibly) }).toEqual({ changeSummary, changed });
}

const inPlace = CLOUDS.filter((c) => c.harness.rotatesInPlace);
const replaced = CLOUDS.filter((c) => !c.harness.rotatesInPlace);

test(`keys are rotated once due: ${replaced.map((c) => c.title).join(" and ")} replaced, ${inPlace.map((c) => c.title).join(" and ")} regenerated in place`, async () => {
  emulator.resetCounts();
  const first = plainOutputs((await s.stack.up(recording(s))).outputs);
  for (const cloud of CLOUDS) cloud.harness.engine.checkUp?.(first[cloud.name], emulator, "create");
  for (const key of Object.values(first)) expect(Date.parse(key.rotatedAt)).toBeLessThanOrEqual(Date.now());

  // Right after up: nothing is due, nothing to do, no call.
  emulator.resetCounts();
  await expectDueOnly(first, () => s.stack.preview(recording(s)));
  if (!CLOUDS.some((c) => dueAt(first[c.name]) <= Date.now())) expect(CLOUDS.reduce((sum, c) => sum + emulator.count(c.name), 0)).toBe(0);

  const lastDue = Math.max(...CLOUDS.map((c) => dueAt(first[c.name])));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastDue - Date.now()) + 500));

  // A refresh reads the keys but never rotates, and an overdue key is not drift.
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);

  const lines: string[] = [];
  const preview = await s.stack.preview({ onOutput: (line: string) => (lines.push(line), s.output.push(line)) });
  expect(preview.changeSummary).toEqual({ replace: replaced.length, update: inPlace.length, same: 1 });
  const shown = lines.join("\n").split("\n").filter((l) => l.includes("pulumi-nodejs:dynamic/"));
  // The engine re-checks a replacement without old inputs, so auto-names change too (~label, ~name).
  for (const c of replaced) expect(shown.filter((l) => new RegExp(` ${c.short} replace \\[diff: .*rotatedAt\\]`).test(l))).toHaveLength(1);
  for (const c of inPlace) {
    const kind = c.descriptor.kinds[0].kind;
    expect(shown.filter((l) => l.includes(`${kind} ${c.short} update [diff: ~rotatedAt]`))).toHaveLength(1);
  }

  emulator.resetCounts();
  const rotated = plainOutputs((await s.stack.up(recording(s))).outputs);
  expect(keyCounts()).toEqual(CLOUDS.map(() => 1));
  for (const c of CLOUDS) {
    const [was, now] = [first[c.name], rotated[c.name]];
    if (c.harness.rotatesInPlace) expect(now.id).toBe(was.id);
    else expect(now.id).not.toBe(was.id);
    expect(now.secret).toBe(storedSecrets(c, emulator)[0]);
    expect(now.secret).not.toBe(was.secret);
    expect(Date.parse(now.rotatedAt)).toBeGreaterThan(Date.parse(was.rotatedAt));
    c.harness.engine.checkUp?.(now, emulator, "rotation");
  }
  for (const r of s.resources()) expect(r.outputs.rotatedAt).toEqual(r.inputs.rotatedAt);
  for (const r of s.resources()) expect(isCiphertext(secretInState(r))).toBe(true);

  // Rotated: nothing due again.
  await expectDueOnly(rotated, () => s.stack.preview(recording(s)));
  expectNoLeaks(s, CLOUDS.flatMap((c) => [rotated[c.name].secret, first[c.name].secret]));

  await s.stack.destroy(recording(s));
  expect(keyCounts()).toEqual(CLOUDS.map(() => 0));
});
