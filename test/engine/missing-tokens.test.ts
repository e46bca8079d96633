/**
 * A stack with a key on every cloud and no token set anywhere, through the real engine: the
 * first `pulumi preview` names every missing token (the engine stops at the first resource that
 * fails check, so that failure lists the others), before any API call.
 */
import { Emulator } from "../../emulator";
import { emulatorSettings, testedClouds } from "../helpers/clouds";
import { EngineStack, engineStack, recording } from "../helpers/engine";
import { startEmulator } from "../helpers/emulator";

jest.setTimeout(240_000);

const CLOUDS = testedClouds();
let emulator: Emulator;
let s: EngineStack;

beforeAll(async () => {
  emulator = await startEmulator();
  const config = Object.assign({}, ...CLOUDS.map((c) => ({
    [c.descriptor.credentials.url.configKey]: { value: emulator.url(c.name) },
    ...Object.fromEntries(Object.entries(emulatorSettings(c)).map(([k, v]) => [k, { value: v }])),
  })));
  s = await engineStack(
    "missing-tokens",
    async () => Object.fromEntries(CLOUDS.map(({ name, short, harness }) => [name, harness.engine.declare(short, {}).id])),
    config,
    Object.fromEntries(CLOUDS.map((c) => [c.descriptor.credentials.token.envVar, ""])),
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

test("one preview names every cloud's missing token, and calls no API", async () => {
  emulator.resetCounts();
  const failed = await s.stack.preview(recording(s)).then(() => undefined, (e: Error) => e);
  expect(failed).toBeInstanceOf(Error);
  const message = String(failed!.message);
  for (const c of CLOUDS) {
    const { configKey, envVar } = c.descriptor.credentials.token;
    expect({ cloud: c.name, named: message.includes(configKey) && message.includes(envVar) }).toEqual({ cloud: c.name, named: true });
  }
  expect(message).toContain("is not set: run `pulumi config set --secret");
  expect(CLOUDS.reduce((sum, c) => sum + emulator.count(c.name), 0)).toBe(0);
});
