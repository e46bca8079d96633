/**
 * A real cloud's bad day, through the real engine, one key per cloud in one stack:
 * - a gateway answers 504 at once while the cloud still makes the key: one key per resource;
 * - a proxy answers an HTML 404 for a key's own path while listing works (each cloud in turn):
 *   refresh fails and the key and its secret stay in state;
 * - an error page echoes the Authorization header (each cloud in turn): nothing printed or
 *   stored carries the token;
 * - a server clock an hour ahead while rate limited: nothing waits the hour.
 */
import { Emulator } from "../../emulator";
import { emulatorSettings, emulatorStackConfig, storedSecrets, testedClouds, tokenOf } from "../helpers/clouds";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { startEmulator } from "../helpers/emulator";

jest.setTimeout(420_000);

let emulator: Emulator;
let s: EngineStack;
const CLOUDS = testedClouds();

beforeAll(async () => {
  emulator = await startEmulator();
  for (const cloud of CLOUDS) cloud.harness.prepare?.(emulator);
  s = await engineStack(
    "bad-day",
    // Auto-named, so a key a lost create made is known to be ours (a chosen name is only reported).
    async () => Object.fromEntries(CLOUDS.map(({ name, short, harness }) => [name, harness.engine.declare(short, {}).id])),
    Object.assign({}, ...CLOUDS.map((cloud) => emulatorStackConfig(cloud, emulator, emulatorSettings(cloud)))),
    // Short request timeouts keep the settle window after a lost create (three timeouts) short.
    { PULUMI_ACCESS_KEYS_TIMEOUT_MS: "1000" },
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

const keyCount = () => CLOUDS.map((c) => emulator.cloud(c.name).inventory().length);
const managed = () => s.resources().map((r) => ({ type: r.type, id: r.id, secretIsCiphertext: Object.values(r.outputs).some(isCiphertext) }));

test("gateway 504s on create, a proxy's HTML 404, echoed credentials and a skewed clock leave one key per resource and state intact", async () => {
  // Every create answers 504 at once while the cloud goes on and makes the key 300 ms later.
  for (const cloud of CLOUDS) {
    emulator.inject({ kind: "gateway", status: 504, delayMs: 300, cloud: cloud.name, method: "POST", route: cloud.harness.routes.create.route });
  }
  const up = await s.stack.up(recording(s));
  await emulator.settled();
  expect(up.summary.resourceChanges).toMatchObject({ create: CLOUDS.length + 1 });
  expect(keyCount()).toEqual(CLOUDS.map(() => 1));
  const before = managed();
  expect(before.every((r) => r.secretIsCiphertext)).toBe(true);

  for (const cloud of CLOUDS) {
    // A proxy answers an HTML 404 for the key's own path; listing still works.
    emulator.inject({ kind: "html-404", cloud: cloud.name, path: String(up.outputs[cloud.name].value), times: 10 });
    const refresh = await s.stack.refresh(recording(s)).catch((e: Error) => e);
    expect(refresh).toBeInstanceOf(Error);
    expect(String((refresh as Error).message)).toContain(`not ${cloud.title}'s own "not found" error`);
    expect(managed()).toEqual(before);
    emulator.faults.clear();

    // An error page quotes the Authorization header back at us.
    emulator.inject({ kind: "echo-auth", status: 401, cloud: cloud.name, method: "GET", times: 10 });
    const echoed = await s.stack.refresh(recording(s)).catch((e: Error) => e);
    expect(echoed).toBeInstanceOf(Error);
    expect(String((echoed as Error).message)).toContain("***");
    expect(String((echoed as Error).message)).not.toContain(tokenOf(cloud));
    emulator.faults.clear();
  }

  // The server's clock runs an hour ahead while it rate-limits: nothing waits the hour. A wait is
  // capped at one rate window (a minute), so the bound leaves room for that window plus the
  // refresh itself on a loaded 2-core machine, and still fails far below the skewed hour.
  for (const cloud of CLOUDS) emulator.inject({ kind: "clock-skew", limited: true, cloud: cloud.name, method: "GET" });
  const started = Date.now();
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  expect(Date.now() - started).toBeLessThan(180_000);
  expect(managed()).toEqual(before);

  expectNoLeaks(s, [...CLOUDS.map(tokenOf), ...CLOUDS.flatMap((c) => storedSecrets(c, emulator))]);
  await s.stack.destroy(recording(s));
  expect(keyCount()).toEqual(CLOUDS.map(() => 0));
});
