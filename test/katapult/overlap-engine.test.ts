/**
 * Katapult's rotation that keeps the previous key through the real Pulumi engine, beyond what
 * test/engine/overlap.test.ts runs for every cloud: a `rotation` change with
 * `keepPreviousForHours`, refused while bucket ACLs grant the key access (no key made), and one
 * whose new key cannot get credentials (that key deleted again, the stack's key and secret
 * unchanged, the next `up` rotates); then the expiry and destroy. Times come from the stamps in state.
 */
import { Emulator } from "../../emulator";
import { KatapultCloud } from "../../emulator/katapult";
import { katapult } from "../../provider";
import { HOUR_MS } from "../../provider/shared/overlap";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { startEmulator, TOKENS } from "../helpers/emulator";
import { ROUTES } from "./routes";

jest.setTimeout(240_000);

const KEEP_MS = 10_000;
const args: katapult.ObjectStorageAccessKeyArgs = { allBucketsRead: true, rotation: 1, keepPreviousForHours: KEEP_MS / HOUR_MS };

let emulator: Emulator;
let cloud: KatapultCloud;
let s: EngineStack;

beforeAll(async () => {
  emulator = await startEmulator();
  cloud = emulator.cloud<KatapultCloud>("katapult");
  cloud.provisioning.createRejections = 0;
  s = await engineStack(
    "katapult-overlap",
    async () => {
      const k = new katapult.ObjectStorageAccessKey("k", args);
      return {
        id: k.id, keyId: k.keyId, accessKeyId: k.accessKeyId, secret: k.secretAccessKey, state: k.state, rotatedAt: k.rotatedAt,
        previousKeyId: k.previousKeyId, previousAccessKeyId: k.previousAccessKeyId, previousSecret: k.previousSecretAccessKey,
        previousExpiresAt: k.previousExpiresAt,
      };
    },
    {
      "katapult:apiKey": { value: TOKENS.katapult, secret: true },
      "katapult:apiUrl": { value: emulator.url("katapult") },
      "katapult:organization": { value: "emulator" },
      "katapult:credentialsTimeoutSeconds": { value: "20" },
    },
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

type Outputs = Record<string, string | undefined>;
const plainOutputs = (outputs: Record<string, { value: unknown }>) => Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value])) as Outputs;
const ids = () => cloud.inventory().map((k) => String(k.id)).sort();
const works = (id: unknown, secret: unknown) => cloud.inventory().some((k) => k.id === id && k.s3_secret_access_key === secret);
const until = (iso: string) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(iso) - Date.now()) + 500));

test("a rotation change keeps the previous key, refused while bucket ACLs grant access, a failed one loses and orphans nothing", async () => {
  const first = plainOutputs((await s.stack.up(recording(s))).outputs);
  expect(first).toMatchObject({ state: "configured" });
  expect(first.keyId).toBeUndefined();
  args.rotation = 2;

  // Bucket ACL grants belong to the key object: the rotation is refused before any change.
  cloud.edit(first.id!, { read_buckets: ["logs"] });
  emulator.resetCounts();
  await expect(s.stack.up(recording(s))).rejects.toThrow(/has bucket ACL grants \(read: logs\)/);
  expect(emulator.requestCounts()).toEqual({ [ROUTES.get]: 1 });
  expect(plainOutputs(await s.stack.outputs())).toEqual(first);
  cloud.edit(first.id!, { read_buckets: [] });

  // The new key's credentials cannot be had: it is deleted again, the stack keeps the key in use.
  emulator.inject({ kind: "status", status: 400, cloud: "katapult", method: "POST", route: "generate_credentials" });
  emulator.resetCounts();
  await expect(s.stack.up(recording(s))).rejects.toThrow(/was deleted again/);
  expect(emulator.requestCounts()).toEqual({ [ROUTES.get]: 1, [ROUTES.create]: 1, [ROUTES.generate]: 1, [ROUTES.delete]: 1 });
  expect(plainOutputs(await s.stack.outputs())).toEqual(first);
  expect(ids()).toEqual([first.id]);
  expect(works(first.id, first.secret)).toBe(true);

  const lines: string[] = [];
  await s.stack.preview({ onOutput: (line: string) => (lines.push(line), s.output.push(line)) });
  expect(lines.join("")).toContain("k update [diff: +previousExpiresAt~rotatedAt,rotation]");
  emulator.resetCounts();
  const rotated = plainOutputs((await s.stack.up(recording(s))).outputs);
  expect(emulator.requestCounts()).toEqual({ [ROUTES.get]: 2, [ROUTES.create]: 1, [ROUTES.generate]: 1 });
  expect(rotated).toMatchObject({ id: first.id, previousKeyId: first.id, previousAccessKeyId: first.accessKeyId, previousSecret: first.secret, state: "configured" });
  expect(Date.parse(rotated.previousExpiresAt!) - Date.parse(rotated.rotatedAt!)).toBe(KEEP_MS);
  expect([works(first.id, first.secret), works(rotated.keyId, rotated.secret)]).toEqual([true, true]);
  const stored = s.resources().find((r) => r.type.endsWith("katapult:ObjectStorageAccessKey"))!;
  expect([isCiphertext(stored.outputs.secretAccessKey), isCiphertext(stored.outputs.previousSecretAccessKey)]).toEqual([true, true]);

  await until(rotated.previousExpiresAt!);
  emulator.resetCounts();
  const expired = plainOutputs((await s.stack.up(recording(s))).outputs);
  expect(emulator.requestCounts()).toEqual({ [ROUTES.delete]: 1 });
  expect(expired).toEqual({ id: first.id, keyId: rotated.keyId, accessKeyId: rotated.accessKeyId, secret: rotated.secret, state: "configured", rotatedAt: rotated.rotatedAt });
  expect(ids()).toEqual([rotated.keyId]);

  emulator.resetCounts();
  await s.stack.destroy(recording(s));
  expect(emulator.requestCounts()).toEqual({ [ROUTES.delete]: 1 });
  expect(ids()).toEqual([]);
  expectNoLeaks(s, [first.secret!, rotated.secret!]);
});
