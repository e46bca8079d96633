/**
 * A token rotated in stack config, the old one revoked, through the real engine (one key per
 * cloud, settings from stack config): `pulumi refresh` uses the settings stored at the last
 * `pulumi up`, so the cloud refuses the old token, and the error says what to do; `pulumi refresh
 * --run-program` then works with the new token, and so does `pulumi destroy` after it.
 */
import { DEFAULT_ACCOUNT } from "../../emulator/accounts";
import { Emulator } from "../../emulator";
import { emulatorSettings, emulatorStackConfig, storedSecrets, testedClouds, tokenOf } from "../helpers/clouds";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { startEmulator } from "../helpers/emulator";

jest.setTimeout(240_000);

const CLOUDS = testedClouds();
const rotatedToken = (name: string) => `${name}-rotated-token-0002`;
const ALL_TOKENS = CLOUDS.flatMap((c) => [tokenOf(c), rotatedToken(c.name)]);

let emulator: Emulator;
let s: EngineStack;

beforeAll(async () => {
  emulator = await startEmulator();
  for (const cloud of CLOUDS) cloud.harness.prepare?.(emulator);
  s = await engineStack(
    "stored-settings",
    async () => Object.fromEntries(CLOUDS.map(({ name, short, harness }) => [name, harness.engine.declare(short, {}).id])),
    Object.assign({}, ...CLOUDS.map((cloud) => emulatorStackConfig(cloud, emulator, emulatorSettings(cloud)))),
    // Only stack config: no token from the environment could make the stale one work.
    Object.fromEntries(CLOUDS.map((c) => [c.descriptor.credentials.token.envVar, ""])),
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

const keyCount = () => CLOUDS.map((c) => emulator.cloud(c.name).inventory().length);

test("refresh after a token rotation says to run `pulumi refresh --run-program` (or `pulumi up` first), which then works", async () => {
  const up = await s.stack.up(recording(s));
  expect(up.summary.resourceChanges).toMatchObject({ create: CLOUDS.length + 1 });
  const secrets = CLOUDS.flatMap((c) => storedSecrets(c, emulator));
  // What refresh will use: the stack's settings as the default provider's inputs, tokens encrypted.
  const providers = JSON.parse(s.rawState()).checkpoint.latest.resources.filter((r: { type: string }) => r.type === "pulumi:providers:pulumi-nodejs");
  expect(providers).toHaveLength(1);
  for (const c of CLOUDS) expect({ cloud: c.name, encrypted: isCiphertext(providers[0].inputs[c.descriptor.credentials.token.configKey]) }).toEqual({ cloud: c.name, encrypted: true });

  // The token is rotated as a user does it: a new one in the cloud and in stack config, the old one revoked.
  for (const c of CLOUDS) {
    emulator.cloud(c.name).accounts.addToken(DEFAULT_ACCOUNT, rotatedToken(c.name));
    emulator.cloud(c.name).accounts.revokeToken(tokenOf(c));
    await s.stack.setConfig(c.descriptor.credentials.token.configKey, { value: rotatedToken(c.name), secret: true });
  }

  const refused = await s.stack.refresh(recording(s)).then(() => undefined, (e: Error) => e);
  expect(refused).toBeInstanceOf(Error);
  const message = String(refused!.message);
  expect(message).toMatch(/\b40[13]\b/);
  expect(message).toContain("uses the settings stored at the last `pulumi up`");
  expect(message).toContain("run `pulumi refresh --run-program`, or `pulumi up` first");
  expect(keyCount()).toEqual(CLOUDS.map(() => 1));

  const rerun = await s.stack.refresh({ ...recording(s), runProgram: true });
  expect(rerun.summary.result).toBe("succeeded");
  expect(keyCount()).toEqual(CLOUDS.map(() => 1));

  await s.stack.destroy(recording(s));
  expect(keyCount()).toEqual(CLOUDS.map(() => 0));
  expectNoLeaks(s, [...ALL_TOKENS, ...secrets]);
});
