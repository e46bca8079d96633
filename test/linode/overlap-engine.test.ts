/**
 * Rotation that keeps the previous key (`keepPreviousForHours`) through the real Pulumi engine,
 * with a schedule worth seconds: the rotation is an update that keeps the resource id, both
 * secrets work until `previousExpiresAt`, refresh and preview never delete, the first `up` after
 * the expiry deletes the previous key, a failed or lost create during a rotation loses and orphans
 * nothing, and destroy deletes both keys. Times are derived from the stamps in state.
 */
import { LinodeCloud } from "../../emulator/linode";
import { Emulator } from "../../emulator";
import { linode } from "../../provider";
import { HOUR_MS } from "../../provider/shared/overlap";
import { DAY_MS } from "../../provider/shared/rotation";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { startEmulator, TOKENS } from "../helpers/emulator";

jest.setTimeout(300_000);

/** Long enough for an `up` and a preview to finish before the key is due. */
const ROTATE_AFTER_MS = 10_000;
const KEEP_MS = 15_000;
const POST = "linode POST /v4/object-storage/keys";
const DELETE = "linode DELETE /v4/object-storage/keys/{keyId}";
const READ = "linode GET /v4/object-storage/keys/{keyId}";

let emulator: Emulator;
let cloud: LinodeCloud;
let s: EngineStack;
const args: linode.ObjectStorageKeyArgs = { rotateAfterDays: ROTATE_AFTER_MS / DAY_MS, keepPreviousForHours: KEEP_MS / HOUR_MS };

beforeAll(async () => {
  emulator = await startEmulator();
  cloud = emulator.cloud<LinodeCloud>("linode");
  s = await engineStack(
    "linode-overlap",
    async () => {
      const key = new linode.ObjectStorageKey("rotating", args);
      return {
        id: key.id, keyId: key.keyId, accessKey: key.accessKey, secretKey: key.secretKey, rotatedAt: key.rotatedAt,
        previousKeyId: key.previousKeyId, previousAccessKey: key.previousAccessKey, previousSecretKey: key.previousSecretKey,
        previousExpiresAt: key.previousExpiresAt,
      };
    },
    { "linode:token": { value: TOKENS.linode, secret: true }, "linode:url": { value: emulator.url("linode") } },
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

type Outs = Record<string, unknown>;
const plainOutputs = (outputs: Record<string, { value: unknown }>): Outs => Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
const until = (iso: unknown) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(String(iso)) - Date.now()) + 500));
/** The key with this access key exists and takes this secret (the emulator stores both). */
const works = (accessKey: unknown, secret: unknown) => cloud.inventory().some((k) => k.access_key === accessKey && k.secret_key === secret);
const keyIds = () => cloud.inventory().map((k) => k.id).sort();
const counts = () => emulator.requestCounts();

test("a rotation keeps the previous key until previousExpiresAt, then the next up deletes it", async () => {
  const first = plainOutputs((await s.stack.up(recording(s))).outputs);
  expect(first.previousKeyId).toBeUndefined();
  expect(first.keyId).toBe(Number(first.id));

  await until(new Date(Date.parse(String(first.rotatedAt)) + ROTATE_AFTER_MS).toISOString());
  // Refresh never rotates; the preview shows an update (not a replacement) that stamps the expiry.
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  const lines: string[] = [];
  const preview = await s.stack.preview({ diff: true, onOutput: (line: string) => (lines.push(line), s.output.push(line)) });
  expect(preview.changeSummary).toEqual({ update: 1, same: 1 });
  expect(lines.join("")).toMatch(/rotating update \[diff: ~rotatedAt, \+previousExpiresAt\]|\+ previousExpiresAt/);

  emulator.resetCounts();
  const rotated = plainOutputs((await s.stack.up(recording(s))).outputs);
  expect(counts()).toEqual({ [POST]: 1 });
  expect(rotated).toMatchObject({
    id: first.id, previousKeyId: first.keyId, previousAccessKey: first.accessKey, previousSecretKey: first.secretKey,
  });
  expect(rotated.keyId).not.toBe(first.keyId);
  expect(Date.parse(String(rotated.previousExpiresAt)) - Date.parse(String(rotated.rotatedAt))).toBe(KEEP_MS);
  expect(works(first.accessKey, first.secretKey) && works(rotated.accessKey, rotated.secretKey)).toBe(true);
  expect(keyIds()).toEqual([first.keyId, rotated.keyId].sort());
  const [state] = s.resources();
  expect(isCiphertext(state.outputs.previousSecretKey) && isCiphertext(state.outputs.secretKey)).toBe(true);
  expect(state.inputs.previousExpiresAt).toBe(rotated.previousExpiresAt);

  // No more rotations for now; the previous key's time runs out. Refresh and preview delete nothing.
  args.rotateAfterDays = 1;
  await until(rotated.previousExpiresAt);
  emulator.resetCounts();
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  expect(counts()).toEqual({ [READ]: 2 });
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ update: 1, same: 1 });
  expect(keyIds()).toHaveLength(2);

  emulator.resetCounts();
  const expired = plainOutputs((await s.stack.up(recording(s))).outputs);
  expect(counts()).toEqual({ [DELETE]: 1 });
  expect(expired).toMatchObject({ id: first.id, keyId: rotated.keyId, secretKey: rotated.secretKey });
  for (const k of ["previousKeyId", "previousAccessKey", "previousSecretKey", "previousExpiresAt"]) expect(expired[k]).toBeUndefined();
  expect(keyIds()).toEqual([rotated.keyId]);
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: 2 });
  expectNoLeaks(s, [String(first.secretKey), String(rotated.secretKey)]);
});

test("a create that fails or is lost during a rotation loses and orphans nothing; destroy deletes both keys", async () => {
  const before = plainOutputs(await s.stack.outputs());
  args.rotateAfterDays = ROTATE_AFTER_MS / DAY_MS;
  await until(new Date(Date.parse(String(before.rotatedAt)) + ROTATE_AFTER_MS).toISOString());

  // Refused: the up fails, the current key and its secret stay as they were.
  emulator.inject({ kind: "status", status: 400, cloud: "linode", method: "POST", route: "POST /v4/object-storage/keys" });
  await expect(s.stack.up(recording(s))).rejects.toThrow();
  const [state] = s.resources();
  expect(state.outputs).toMatchObject({ keyId: before.keyId, accessKey: before.accessKey });
  expect(plainOutputs(await s.stack.outputs()).secretKey).toBe(before.secretKey);
  expect(keyIds()).toEqual([before.keyId]);

  // Lost: the key is made but the answer never comes; it is found by label and replaced, so the
  // cloud holds exactly the two keys the stack records.
  emulator.inject({ kind: "lost", cloud: "linode", method: "POST", route: "POST /v4/object-storage/keys" });
  const rotated = plainOutputs((await s.stack.up(recording(s))).outputs);
  expect(rotated).toMatchObject({ previousKeyId: before.keyId, previousSecretKey: before.secretKey });
  expect(keyIds()).toEqual([before.keyId, rotated.keyId].sort());
  expect(works(rotated.accessKey, rotated.secretKey) && works(before.accessKey, before.secretKey)).toBe(true);

  emulator.resetCounts();
  await s.stack.destroy(recording(s));
  expect(counts()).toEqual({ [DELETE]: 2 });
  expect(keyIds()).toEqual([]);
  expectNoLeaks(s, [String(before.secretKey), String(rotated.secretKey)]);
});
