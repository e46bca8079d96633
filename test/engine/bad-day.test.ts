/**
 * A real cloud's bad day, through the real engine, one key per cloud in one stack:
 * - a gateway answers 504 at once while the cloud still makes the key: one key per resource;
 * - a proxy answers an HTML 404 for one key's own path while listing works: refresh fails and
 *   the key and its secret stay in state;
 * - an error page echoes the Authorization header: nothing printed or stored carries the token;
 * - a server clock an hour ahead while rate limited: nothing waits the hour.
 */
import { CloudName, Emulator } from "../../emulator";
import { BIRD_EMULATOR_ORGANIZATION } from "../../emulator/bird";
import { KatapultCloud } from "../../emulator/katapult";
import { bird, katapult, linode } from "../../provider";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { startEmulator, TOKENS } from "../helpers/emulator";

jest.setTimeout(240_000);

let emulator: Emulator;
let s: EngineStack;
const CLOUDS: CloudName[] = ["linode", "katapult", "bird"];

beforeAll(async () => {
  emulator = await startEmulator();
  emulator.cloud<KatapultCloud>("katapult").provisioning.createRejections = 0;
  s = await engineStack(
    "bad-day",
    async () => {
      // Auto-named, so a key a lost create made is known to be ours (a chosen name is only reported).
      const l = new linode.ObjectStorageKey("l", {});
      const k = new katapult.ObjectStorageAccessKey("k", {});
      const b = new bird.AccessKey("b", {});
      return { l: l.id, k: k.id, b: b.id };
    },
    {
      "linode:token": { value: TOKENS.linode, secret: true },
      "linode:url": { value: emulator.url("linode") },
      "katapult:apiKey": { value: TOKENS.katapult, secret: true },
      "katapult:apiUrl": { value: emulator.url("katapult") },
      "katapult:organization": { value: "emulator" },
      "bird:accessKey": { value: TOKENS.bird, secret: true },
      "bird:apiUrl": { value: emulator.url("bird") },
      "bird:organizationId": { value: BIRD_EMULATOR_ORGANIZATION },
    },
    // Short request timeouts keep the settle window after a lost create (three timeouts) short.
    { PULUMI_ACCESS_KEYS_TIMEOUT_MS: "1000" },
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

const keyCount = () => CLOUDS.map((c) => emulator.cloud(c).inventory().length);
const managed = () => s.resources().map((r) => ({ type: r.type, id: r.id, secretIsCiphertext: Object.values(r.outputs).some(isCiphertext) }));

test("gateway 504s on create, a proxy's HTML 404, echoed credentials and a skewed clock leave one key per resource and state intact", async () => {
  // Every create answers 504 at once while the cloud goes on and makes the key 300 ms later.
  for (const cloud of CLOUDS) emulator.inject({ kind: "gateway", status: 504, delayMs: 300, cloud, method: "POST", route: "keys" });
  const up = await s.stack.up(recording(s));
  await emulator.settled();
  expect(up.summary.resourceChanges).toMatchObject({ create: 4 });
  expect(keyCount()).toEqual([1, 1, 1]);
  const before = managed();
  expect(before.every((r) => r.secretIsCiphertext)).toBe(true);

  // A proxy answers an HTML 404 for the Bird key's own path; listing still works.
  const birdId = String(up.outputs.b.value);
  emulator.inject({ kind: "html-404", cloud: "bird", path: birdId, times: 10 });
  const refresh = await s.stack.refresh(recording(s)).catch((e: Error) => e);
  expect(refresh).toBeInstanceOf(Error);
  expect(String((refresh as Error).message)).toMatch(/not Bird's own "not found" error/);
  expect(managed()).toEqual(before);
  emulator.faults.clear();

  // An error page quotes the Authorization header back at us.
  emulator.inject({ kind: "echo-auth", status: 401, cloud: "linode", method: "GET", times: 10 });
  const echoed = await s.stack.refresh(recording(s)).catch((e: Error) => e);
  expect(echoed).toBeInstanceOf(Error);
  expect(String((echoed as Error).message)).toContain("***");
  expect(String((echoed as Error).message)).not.toContain(TOKENS.linode);
  emulator.faults.clear();

  // The server's clock runs an hour ahead while it rate-limits: nothing waits the hour.
  for (const cloud of CLOUDS) emulator.inject({ kind: "clock-skew", limited: true, cloud, method: "GET" });
  const started = Date.now();
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  expect(Date.now() - started).toBeLessThan(60_000);
  expect(managed()).toEqual(before);

  expectNoLeaks(s, [TOKENS.linode, TOKENS.katapult, TOKENS.bird, ...CLOUDS.flatMap((c) => emulator.cloud(c).inventory().map((k) => String(k.secret_key ?? k.s3_secret_access_key ?? k.token ?? "")))]);
  await s.stack.destroy(recording(s));
  expect(keyCount()).toEqual([0, 0, 0]);
});
