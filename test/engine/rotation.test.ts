/**
 * Scheduled rotation through the real Pulumi engine, one key per cloud in one stack, with
 * `rotateAfterDays` worth a few seconds: nothing to do right after `up`; once due, a refresh
 * still shows nothing (it never rotates), a preview shows a replacement for Linode and Bird and
 * an update for Katapult, and `up` leaves one key per resource with a new secret and a later
 * `rotatedAt`. Katapult keys end `up` configured (the emulator configures them after a delay).
 */
import { Emulator } from "../../emulator";
import { BIRD_EMULATOR_ORGANIZATION, BirdCloud } from "../../emulator/bird";
import { KatapultCloud } from "../../emulator/katapult";
import { LinodeCloud } from "../../emulator/linode";
import { bird, katapult, linode } from "../../provider";
import { DAY_MS } from "../../provider/shared/rotation";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { startEmulator, TOKENS } from "../helpers/emulator";

jest.setTimeout(240_000);

/** Long enough for `up` and a preview to finish before the keys are due. */
const ROTATE_AFTER_MS = 12_000;

let emulator: Emulator;
let s: EngineStack;

beforeAll(async () => {
  emulator = await startEmulator();
  emulator.cloud<KatapultCloud>("katapult").configureDelayMs = 1_500;
  const rotateAfterDays = ROTATE_AFTER_MS / DAY_MS;
  s = await engineStack(
    "rotation-engine",
    async () => {
      const l = new linode.ObjectStorageKey("l", { rotateAfterDays });
      const k = new katapult.ObjectStorageAccessKey("k", { rotateAfterDays });
      const b = new bird.AccessKey("b", { rotateAfterDays });
      return {
        l: { id: l.id, secret: l.secretKey, rotatedAt: l.rotatedAt },
        k: { id: k.id, secret: k.secretAccessKey, rotatedAt: k.rotatedAt, state: k.state },
        b: { id: b.id, secret: b.accessKey, rotatedAt: b.rotatedAt },
      };
    },
    {
      "linode:token": { value: TOKENS.linode, secret: true },
      "linode:url": { value: emulator.url("linode") },
      "katapult:apiKey": { value: TOKENS.katapult, secret: true },
      "katapult:apiUrl": { value: emulator.url("katapult") },
      "katapult:organization": { value: "emulator" },
      "katapult:credentialsTimeoutSeconds": { value: "20" },
      "bird:accessKey": { value: TOKENS.bird, secret: true },
      "bird:apiUrl": { value: emulator.url("bird") },
      "bird:organizationId": { value: BIRD_EMULATOR_ORGANIZATION },
    },
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

type Keys = Record<"l" | "k" | "b", { id: string; secret: string; rotatedAt: string; state?: string }>;
const plainOutputs = (outputs: Record<string, { value: unknown }>) =>
  Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value])) as Keys;
const inventories = () => ({
  l: emulator.cloud<LinodeCloud>("linode").inventory(),
  k: emulator.cloud<KatapultCloud>("katapult").inventory(),
  b: emulator.cloud<BirdCloud>("bird").inventory(),
});

test("keys are rotated once due: Linode and Bird replaced, Katapult regenerated in place", async () => {
  emulator.resetCounts();
  const first = plainOutputs((await s.stack.up(recording(s))).outputs);
  // Katapult: create, credentials (after two provisioning refusals), then reads until configured.
  expect(first.k.state).toBe("configured");
  expect(emulator.count("katapult", "GET /core/v1/object_storage/access_keys/access_key")).toBeGreaterThanOrEqual(2);
  for (const key of Object.values(first)) expect(Date.parse(key.rotatedAt)).toBeLessThanOrEqual(Date.now());

  // Right after up: nothing is due, nothing to do, no call.
  emulator.resetCounts();
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: 4 });
  expect(emulator.count("linode") + emulator.count("katapult") + emulator.count("bird")).toBe(0);

  const dueAt = Math.max(...Object.values(first).map((k) => Date.parse(k.rotatedAt))) + ROTATE_AFTER_MS;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt - Date.now()) + 500));

  // A refresh reads the keys but never rotates, and an overdue key is not drift.
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);

  const lines: string[] = [];
  const preview = await s.stack.preview({ onOutput: (line: string) => (lines.push(line), s.output.push(line)) });
  expect(preview.changeSummary).toEqual({ replace: 2, update: 1, same: 1 });
  const shown = lines.join("\n").split("\n").filter((l) => /dynamic\/(linode|katapult|bird)/.test(l));
  // The engine re-checks a replacement without old inputs, so auto-names change too (~label, ~name).
  expect(shown.filter((l) => / (l|b) replace \[diff: .*rotatedAt\]/.test(l))).toHaveLength(2);
  expect(shown.filter((l) => /katapult:ObjectStorageAccessKey k update \[diff: ~rotatedAt\]/.test(l))).toHaveLength(1);

  emulator.resetCounts();
  const rotated = plainOutputs((await s.stack.up(recording(s))).outputs);
  const live = inventories();
  expect([live.l.length, live.k.length, live.b.length]).toEqual([1, 1, 1]);
  expect(rotated.l.id).not.toBe(first.l.id);
  expect(rotated.b.id).not.toBe(first.b.id);
  expect(rotated.k.id).toBe(first.k.id);
  expect(rotated.l.secret).toBe(live.l[0].secret_key);
  expect(rotated.k.secret).toBe(live.k[0].s3_secret_access_key);
  expect(rotated.b.secret).toBe(live.b[0].token);
  for (const c of ["l", "k", "b"] as const) {
    expect(rotated[c].secret).not.toBe(first[c].secret);
    expect(Date.parse(rotated[c].rotatedAt)).toBeGreaterThan(Date.parse(first[c].rotatedAt));
  }
  expect(rotated.k.state).toBe("configured");
  for (const r of s.resources()) expect(r.outputs.rotatedAt).toEqual(r.inputs.rotatedAt);
  for (const r of s.resources()) expect(isCiphertext(r.outputs.secretKey ?? r.outputs.secretAccessKey ?? r.outputs.accessKey)).toBe(true);

  // Rotated: nothing due again.
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: 4 });
  expectNoLeaks(s, [rotated.l.secret, rotated.k.secret, rotated.b.secret, first.l.secret, first.k.secret, first.b.secret]);

  await s.stack.destroy(recording(s));
  const gone = inventories();
  expect([gone.l.length, gone.k.length, gone.b.length]).toEqual([0, 0, 0]);
});
