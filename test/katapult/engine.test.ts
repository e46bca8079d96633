/**
 * Katapult keys through the real Pulumi engine: up (credentials after provisioning retries),
 * no-op preview, rotation in place, in-place rename, drift, replacement (organization; a region
 * change only in preview, the emulator has one region), a create whose credentials cannot be had
 * (recorded as a partially created resource, finished by the next up), a key deleted out of band,
 * adoption of a console-made key, one `__provider` for every key, destroy; and no secret in state
 * or in the CLI's output.
 */
import { Emulator } from "../../emulator";
import { KatapultCloud } from "../../emulator/katapult";
import { katapult } from "../../provider";
import { EngineStack, engineStack, expectNoLeaks, expectOneSerializedProvider, isCiphertext, recording } from "../helpers/engine";
import { startEmulator, TOKENS } from "../helpers/emulator";

jest.setTimeout(240_000);

let emulator: Emulator;
let cloud: KatapultCloud;
let s: EngineStack;

type Args = katapult.ObjectStorageAccessKeyArgs;
const program: { main: Args; slow?: Args; adopted?: Args; late?: Args } = { main: { allBucketsRead: true } };
/** A second organization with object storage, to move the key to (a replacement). */
const OTHER_ORG = { id: "org_OtherOrg0000001", sub_domain: "other" };

beforeAll(async () => {
  emulator = await startEmulator();
  cloud = emulator.cloud<KatapultCloud>("katapult");
  cloud.organizations.push(OTHER_ORG);
  s = await engineStack(
    "katapult-engine",
    async () => {
      const main = new katapult.ObjectStorageAccessKey("main", program.main);
      const out: Record<string, unknown> = { mainId: main.id, mainName: main.name, mainSecret: main.secretAccessKey, mainEndpoint: main.s3Endpoint, mainState: main.state };
      if (program.slow) {
        const slow = new katapult.ObjectStorageAccessKey("slow", program.slow);
        Object.assign(out, { slowId: slow.id, slowSecret: slow.secretAccessKey });
      }
      if (program.late) new katapult.ObjectStorageAccessKey("late", program.late);
      if (program.adopted) {
        const adopted = new katapult.ObjectStorageAccessKey("adopted", program.adopted);
        Object.assign(out, { adoptedId: adopted.id, adoptedSecret: adopted.secretAccessKey });
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
  expect(resource.outputs.__provider).toBe(resource.inputs.__provider);

  // no-op preview: no changes and no API calls
  emulator.resetCounts();
  expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: 2 });
  expect(emulator.count("katapult")).toBe(0);

  // rotation: new credentials for the same key: one call, and one read showing them configured
  program.main = { ...program.main, rotation: 1 };
  const rotated = await s.stack.up(recording(s));
  expect(rotated.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(rotated.outputs.mainId.value).toBe(mainId);
  expect(rotated.outputs.mainSecret.value).toBe(keyById(mainId)!.s3_secret_access_key);
  expect(rotated.outputs.mainSecret.value).not.toBe(up.outputs.mainSecret.value);
  expect(emulator.requestCounts()).toEqual({
    "katapult POST /core/v1/object_storage/access_keys/access_key/generate_credentials": 1,
    "katapult GET /core/v1/object_storage/access_keys/access_key": 1,
  });
  expect(rotated.outputs.mainState.value).toBe("configured");

  // in-place update of the name: same key, same credentials
  program.main = { ...program.main, name: "main-renamed" };
  const renamed = await s.stack.up(recording(s));
  expect(renamed.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(renamed.outputs.mainId.value).toBe(mainId);
  expect(keyById(mainId)!.name).toBe("main-renamed");
  expect(renamed.outputs.mainSecret).toEqual({ value: rotated.outputs.mainSecret.value, secret: true });

  // drift: a flag changed in the console shows in refresh, then up puts it back
  cloud.edit(mainId, { all_objects_write: true });
  expect((await s.stack.refresh(recording(s))).summary.resourceChanges).toMatchObject({ update: 1 });
  await s.stack.up(recording(s));
  expect(keyById(mainId)!.all_objects_write).toBe(false);
  expect((await s.stack.outputs()).mainSecret.value).toBe(rotated.outputs.mainSecret.value);

  // a region change replaces the key (preview only, offline: the emulator has just uk-lon-1)
  emulator.resetCounts();
  program.main = { ...program.main, region: "uk-man-1" };
  expect((await s.stack.preview(recording(s))).changeSummary).toMatchObject({ replace: 1 });
  expect(emulator.count("katapult")).toBe(0);

  // another organization: replacement, the new key first, then the old one goes
  program.main = { ...program.main, region: "uk-lon-1", organization: { subDomain: OTHER_ORG.sub_domain } };
  const moved = await s.stack.up(recording(s));
  expect(moved.summary.resourceChanges).toMatchObject({ replace: 1 });
  const movedId = moved.outputs.mainId.value;
  expect(movedId).not.toBe(mainId);
  expect(keyById(mainId)).toBeUndefined();
  expect(keyById(movedId)).toMatchObject({ organization_id: OTHER_ORG.id, name: "main-renamed" });
  expect(moved.outputs.mainSecret).toEqual({ value: keyById(movedId)!.s3_secret_access_key, secret: true });

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

  // a key deleted out of band is dropped by refresh and made again by up
  cloud.provisioning.createRejections = 2;
  cloud.remove(slowKey.id as string);
  const gone = await s.stack.refresh(recording(s));
  expect(gone.summary.resourceChanges).toMatchObject({ delete: 1 });
  const recreated = await s.stack.up(recording(s));
  expect(recreated.summary.resourceChanges).toMatchObject({ create: 1 });
  const slowId = recreated.outputs.slowId.value;
  expect(slowId).not.toBe(slowKey.id);
  expect(recreated.outputs.slowSecret).toEqual({ value: keyById(slowId)!.s3_secret_access_key, secret: true });
  expect(cloud.inventory()).toHaveLength(2);

  // adoption of a console-made key: no new key, and its credentials are left alone
  const existing = cloud.seed({ name: "made-by-hand" });
  program.adopted = { name: "now-managed", existingKeyId: existing.id as string };
  const adopted = await s.stack.up(recording(s));
  expect(adopted.summary.resourceChanges).toMatchObject({ create: 1 });
  expect(adopted.outputs.adoptedId.value).toBe(existing.id);
  expect(adopted.outputs.adoptedSecret).toEqual({ value: "", secret: true });
  expect(keyById(existing.id)).toMatchObject({ name: "now-managed", s3_secret_access_key: existing.s3_secret_access_key });
  expect(cloud.inventory()).toHaveLength(3);

  // credentials issued but not configured within the timeout: recorded with the new secret (as
  // ciphertext), the error says so; the next up clears the engine's init error with no API call
  cloud.configureDelayMs = 3_600_000;
  program.late = { name: "late" };
  await expect(s.stack.up(recording(s))).rejects.toThrow(/has new credentials, but Katapult had not finished configuring them/);
  const late = cloud.inventory().find((k) => k.name === "late")!;
  const lateState = s.resources().find((r) => r.id === late.id)!;
  expect(lateState.outputs).toMatchObject({ name: "late", state: "pending", accessKeyId: late.s3_access_key_id });
  expect(isCiphertext(lateState.outputs.secretAccessKey)).toBe(true);
  cloud.configureDelayMs = 0;
  emulator.resetCounts();
  expect((await s.stack.up(recording(s))).summary.resourceChanges).toEqual({ same: 4, update: 1 });
  expect(emulator.count("katapult")).toBe(0);
  expect(isCiphertext(s.resources().find((r) => r.id === late.id)!.outputs.secretAccessKey)).toBe(true);

  // every key carries the same serialized provider, in inputs and in outputs
  expectOneSerializedProvider(s, 4);

  // nothing secret anywhere in state or in what the CLI printed
  expectNoLeaks(s, [...cloud.inventory().map((k) => String(k.s3_secret_access_key)), TOKENS.katapult]);

  // destroy leaves the emulator empty
  await s.stack.destroy(recording(s));
  expect(cloud.inventory()).toEqual([]);
});
