/**
 * Katapult keys through the real Pulumi engine: up (credentials after provisioning retries),
 * no-op preview, rotation in place, drift, a create whose credentials cannot be had (recorded as
 * a partially created resource, finished by the next up), destroy; and no secret in state or
 * in the CLI's output.
 */
import { Emulator, KatapultCloud } from "../../emulator";
import { katapult } from "../../provider";
import { EngineStack, engineStack, isCiphertext, recording } from "../helpers/engine";
import { startEmulator, TOKENS } from "../helpers/emulator";

jest.setTimeout(240_000);

let emulator: Emulator;
let cloud: KatapultCloud;
let s: EngineStack;

type Args = katapult.ObjectStorageAccessKeyArgs;
const program: { main: Args; slow?: Args } = { main: { allBucketsRead: true } };

beforeAll(async () => {
  emulator = await startEmulator();
  cloud = emulator.cloud<KatapultCloud>("katapult");
  s = await engineStack(
    "katapult-engine",
    async () => {
      const main = new katapult.ObjectStorageAccessKey("main", program.main);
      const out: Record<string, unknown> = { mainId: main.id, mainName: main.name, mainSecret: main.secretAccessKey, mainEndpoint: main.s3Endpoint };
      if (program.slow) {
        const slow = new katapult.ObjectStorageAccessKey("slow", program.slow);
        Object.assign(out, { slowId: slow.id, slowSecret: slow.secretAccessKey });
      }
      return out;
    },
    {
      "katapult:apiKey": { value: TOKENS.katapult, secret: true },
      "katapult:apiUrl": { value: emulator.url("katapult") },
      "katapult:organization": { value: "emulator" },
      // Real time here: give up on credentials after two seconds instead of five minutes.
      "katapult:credentialsTimeoutSeconds": { value: "2" },
    },
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

const keyById = (id: unknown) => cloud.inventory().find((k) => k.id === id);

test("the full lifecycle through the engine", async () => {
  // up: credentials after two provisioning refusals; the secret is ciphertext in state
  const up = await s.stack.up(recording(s));
  expect(up.summary.resourceChanges).toMatchObject({ create: 2 });
  const mainId = up.outputs.mainId.value;
  expect(up.outputs.mainSecret).toEqual({ value: keyById(mainId)!.s3_secret_access_key, secret: true });
  expect(up.outputs.mainName.value).toMatch(/^main-[a-z0-9]{7}$/);
  expect(up.outputs.mainEndpoint.value).toBe("https://uk-lon-1.katapultobjects.com");
  const [resource] = s.resources();
  expect(resource.type).toBe("pulumi-nodejs:dynamic/katapult:ObjectStorageAccessKey");
  expect(isCiphertext(resource.outputs.secretAccessKey)).toBe(true);
  expect(resource.inputs).toMatchObject({ organization: { subDomain: "emulator" }, region: "uk-lon-1", allObjectsRead: false });

  // no-op preview: no changes and no API calls
  emulator.resetCounts();
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: 2 });
  expect(emulator.count("katapult")).toBe(0);

  // rotation: new credentials for the same key, one call
  program.main = { ...program.main, rotation: 1 };
  const rotated = await s.stack.up(recording(s));
  expect(rotated.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(rotated.outputs.mainId.value).toBe(mainId);
  expect(rotated.outputs.mainSecret.value).toBe(keyById(mainId)!.s3_secret_access_key);
  expect(rotated.outputs.mainSecret.value).not.toBe(up.outputs.mainSecret.value);
  expect(emulator.count("katapult")).toBe(1);

  // drift: a flag changed in the console shows in refresh, then up puts it back
  cloud.edit(mainId, { all_objects_write: true });
  expect((await s.stack.refresh(recording(s))).summary.resourceChanges).toMatchObject({ update: 1 });
  await s.stack.up(recording(s));
  expect(keyById(mainId)!.all_objects_write).toBe(false);
  expect((await s.stack.outputs()).mainSecret.value).toBe(rotated.outputs.mainSecret.value);

  // credentials that cannot be had: the key is recorded, not orphaned, and the next up finishes it
  cloud.provisioning.createRejections = 1_000_000;
  program.slow = { name: "slow" };
  await expect(s.stack.up(recording(s))).rejects.toThrow(/credentials could not be generated/);
  const slowKey = cloud.inventory().find((k) => k.name === "slow")!;
  const recorded = s.resources().find((r) => r.id === slowKey.id)!;
  expect(recorded.outputs).toMatchObject({ name: "slow", state: "pending" });
  expect(recorded.outputs).not.toHaveProperty("secretAccessKey");
  cloud.edit(slowKey.id as string, { rejections: 0 });
  const finished = await s.stack.up(recording(s));
  expect(finished.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(finished.outputs.slowId.value).toBe(slowKey.id);
  expect(finished.outputs.slowSecret).toEqual({ value: keyById(slowKey.id)!.s3_secret_access_key, secret: true });
  expect(cloud.inventory()).toHaveLength(2);

  // nothing secret anywhere in state or in what the CLI printed
  const state = s.rawState();
  const everything = s.output.join("\n");
  for (const key of cloud.inventory()) {
    expect(state).not.toContain(String(key.s3_secret_access_key));
    expect(everything).not.toContain(String(key.s3_secret_access_key));
  }
  expect(state).not.toContain(TOKENS.katapult);
  expect(everything).not.toContain(TOKENS.katapult);

  // destroy leaves the emulator empty
  await s.stack.destroy(recording(s));
  expect(cloud.inventory()).toEqual([]);
});
