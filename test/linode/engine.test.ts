/**
 * Linode keys through the real Pulumi engine: up, no-op preview, in-place update, replacement,
 * refresh with drift and with a key deleted out of band, adoption of a key made out of band,
 * destroy; plus what lands in state and in the CLI's output.
 */
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { Emulator } from "../../emulator";
import { LinodeCloud } from "../../emulator/linode";
import { linode } from "../../provider";
import { EngineStack, engineStack, expectNoLeaks, expectOneSerializedProvider, isCiphertext, recording } from "../helpers/engine";
import { startEmulator, TOKENS } from "../helpers/emulator";

jest.setTimeout(240_000);

let emulator: Emulator;
let cloud: LinodeCloud;
let s: EngineStack;

type Args = linode.ObjectStorageKeyArgs;
let program: { limited: Args; unlimited?: Args; adopted?: Args; lookupId?: string } = {
  limited: { bucketAccess: [{ bucketName: "assets", region: "us-east", permissions: "read_only" }] },
  unlimited: { label: "engine-unlimited" },
};

beforeAll(async () => {
  emulator = await startEmulator();
  cloud = emulator.cloud<LinodeCloud>("linode");
  s = await engineStack(
    "linode-engine",
    async () => {
      const limited = new linode.ObjectStorageKey("limited", program.limited);
      const out: Record<string, unknown> = { limitedId: limited.id, limitedLabel: limited.label, limitedSecret: limited.secretKey, limitedAccessKey: limited.accessKey };
      if (program.unlimited) out.unlimitedId = new linode.ObjectStorageKey("unlimited", program.unlimited).id;
      if (program.adopted) out.adoptedId = new linode.ObjectStorageKey("adopted", program.adopted).id;
      if (program.lookupId) out.lookupLabel = linode.ObjectStorageKey.get("lookup", program.lookupId).label;
      return out;
    },
    { "linode:token": { value: TOKENS.linode, secret: true } },
    // The URL comes from the environment, as in the reported case, so this test can point it elsewhere.
    { LINODE_URL: emulator.url("linode") },
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

const keyById = (id: unknown) => cloud.inventory().find((k) => String(k.id) === String(id));

test("the full lifecycle through the engine", async () => {
  // up: two keys, the secret is a secret output and ciphertext in state
  const up = await s.stack.up(recording(s));
  expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
  const limitedId = up.outputs.limitedId.value;
  const secret = keyById(limitedId)!.secret_key as string;
  expect(up.outputs.limitedSecret).toEqual({ value: secret, secret: true });
  expect(up.outputs.limitedLabel.value).toMatch(/^limited-[a-z0-9]{7}$/);
  const resources = s.resources();
  expect(resources.map((r) => r.type)).toEqual(["pulumi-nodejs:dynamic/linode:ObjectStorageKey", "pulumi-nodejs:dynamic/linode:ObjectStorageKey"]);
  for (const r of resources) expect(isCiphertext(r.outputs.secretKey)).toBe(true);
  expectOneSerializedProvider(s, 2);

  // no-op preview: no changes and no API calls
  emulator.resetCounts();
  const preview = await s.stack.preview(recording(s));
  expect(preview.changeSummary).toEqual({ same: 3 });
  expect(emulator.count("linode")).toBe(0);

  // in-place update of the label
  program.limited = { ...program.limited, label: "engine-renamed" };
  const renamed = await s.stack.up(recording(s));
  expect(renamed.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(renamed.outputs.limitedId.value).toBe(limitedId);
  expect(keyById(limitedId)!.label).toBe("engine-renamed");
  expect(renamed.outputs.limitedSecret.value).toBe(secret);

  // bucket access change: replacement, create before delete
  program.limited = { ...program.limited, bucketAccess: [{ bucketName: "assets", region: "us-east", permissions: "read_write" }] };
  const replaced = await s.stack.up(recording(s));
  expect(replaced.summary.resourceChanges).toMatchObject({ replace: 1 });
  const newId = replaced.outputs.limitedId.value;
  expect(newId).not.toBe(limitedId);
  expect(keyById(limitedId)).toBeUndefined();
  expect(replaced.outputs.limitedSecret.value).toBe(keyById(newId)!.secret_key);

  // drift: a label edited in the console shows in refresh, then up puts it back
  cloud.edit(String(newId), { label: "edited-in-console" });
  const refresh = await s.stack.refresh(recording(s));
  expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  const reverting = await s.stack.preview(recording(s));
  expect(reverting.changeSummary).toMatchObject({ update: 1 });
  await s.stack.up(recording(s));
  expect(keyById(newId)!.label).toBe("engine-renamed");

  // a key deleted out of band is dropped by refresh and made again by up
  const unlimitedId = (await s.stack.outputs()).unlimitedId.value;
  cloud.remove(String(unlimitedId));
  const gone = await s.stack.refresh(recording(s));
  expect(gone.summary.resourceChanges).toMatchObject({ delete: 1 });
  const recreated = await s.stack.up(recording(s));
  expect(recreated.summary.resourceChanges).toMatchObject({ create: 1 });
  expect(cloud.inventory()).toHaveLength(2);

  // adoption of a key made outside Pulumi
  const existing = cloud.seed({ label: "made-by-hand" });
  program.adopted = { label: "now-managed", existingKeyId: existing.id as number };
  const adopted = await s.stack.up(recording(s));
  expect(adopted.outputs.adoptedId.value).toBe(String(existing.id));
  expect(keyById(existing.id)!.label).toBe("now-managed");
  expect(cloud.inventory()).toHaveLength(3);

  // a read-only lookup of a key by id (not managed: destroy leaves it alone)
  program.lookupId = String(existing.id);
  const looked = await s.stack.up(recording(s));
  expect(looked.outputs.lookupLabel.value).toBe("now-managed");
  expect(s.resources().filter((r) => r.id === String(existing.id))).toHaveLength(2);

  // a wrong API URL (the version path left out, as Linode's own clients take it) is an error on
  // refresh and destroy: the keys and their secrets stay in state and in the cloud
  // (destroy drops the read-only lookup from state without calling the cloud, so compare managed keys)
  const managed = () => [...new Set(s.resources().filter((r) => isCiphertext(r.outputs.secretKey)).map((r) => r.id))].sort();
  const before = managed();
  const keysBefore = cloud.inventory().length;
  const env = (s.stack.workspace as LocalWorkspace).envVars;
  env.LINODE_URL = emulator.url("linode").replace(/\/v4$/, "");
  const wrongRefresh = await s.stack.refresh(recording(s)).catch((e: Error) => e);
  expect(wrongRefresh).toBeInstanceOf(Error);
  expect(String((wrongRefresh as Error).message)).toMatch(/is not treated as deleted and stays in the stack: listing keys at the same address failed/);
  const wrongDestroy = await s.stack.destroy(recording(s)).catch((e: Error) => e);
  expect(wrongDestroy).toBeInstanceOf(Error);
  expect(managed()).toEqual(before);
  expect(before).toHaveLength(3);
  expect(cloud.inventory()).toHaveLength(keysBefore);
  env.LINODE_URL = emulator.url("linode");
  await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);

  // nothing secret anywhere in state or in what the CLI printed
  expectNoLeaks(s, [...cloud.inventory().map((k) => String(k.secret_key)), TOKENS.linode]);

  // destroy leaves the emulator empty
  await s.stack.destroy(recording(s));
  expect(cloud.inventory()).toEqual([]);
});
