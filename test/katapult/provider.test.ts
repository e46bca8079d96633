import { KatapultCloud } from "../../emulator/katapult";
import { AccessKeyProvider } from "../../provider/katapult/provider";
import { AccessKeyInputs, AccessKeyOutputs } from "../../provider/katapult/schemas";
import { fileEmulator, testContext, TOKENS } from "../helpers/emulator";
import { ROUTES } from "./routes";


const emulator = fileEmulator();
const katapult = emulator.cloud<KatapultCloud>("katapult");
let provider: AccessKeyProvider;
let ctx: ReturnType<typeof testContext>;

beforeEach(() => {
  ctx = testContext(emulator.url("katapult"), `Bearer ${TOKENS.katapult}`);
  provider = new AccessKeyProvider(() => ctx);
});

async function checked(news: Record<string, unknown> = {}): Promise<AccessKeyInputs> {
  const result = await provider.check({}, { logicalName: "key", organization: { subDomain: "emulator" }, ...news });
  expect(result.failures).toEqual([]);
  return result.inputs;
}

const stored = (id: string) => katapult.inventory().find((k) => k.id === id)!;

describe("Katapult AccessKeyProvider against the emulator", () => {
  it("creates a key and its credentials with two calls when provisioning is done (plus a list for a chosen name)", async () => {
    katapult.provisioning.createRejections = 0;
    const { id, outs } = await provider.create(await checked({ name: "ci", allObjectsRead: true }));
    expect(emulator.requestCounts()).toEqual({ [ROUTES.list]: 1, [ROUTES.create]: 1, [ROUTES.generate]: 1, [ROUTES.get]: 1 });
    expect(id).toMatch(/^objkey_/);
    expect(outs).toMatchObject({
      name: "ci", region: "uk-lon-1", state: "configured", allObjectsRead: true, allBucketsRead: false,
      accessKeyId: stored(id).s3_access_key_id, secretAccessKey: stored(id).s3_secret_access_key,
      serverUrl: "uk-lon-1.katapultobjects.com:443", s3Endpoint: "https://uk-lon-1.katapultobjects.com",
      organization: { subDomain: "emulator" }, readBuckets: [], writeBuckets: [],
    });
    expect(outs.secretAccessKey).toMatch(/^\w{40}$/);
  });

  it("asks again for credentials while Katapult is provisioning, backing off without waiting", async () => {
    const { id, outs } = await provider.create(await checked());
    expect(emulator.requestCounts()).toEqual({ [ROUTES.create]: 1, [ROUTES.generate]: 3, [ROUTES.get]: 1 });
    expect(ctx.sleeps).toHaveLength(2);
    expect(outs.secretAccessKey).toBe(stored(id).s3_secret_access_key);
  });

  it("reads with one GET, keeps the secret the API never returns again and rebuilds the inputs", async () => {
    const inputs = await checked({ rotation: 1 });
    const { id, outs } = await provider.create(inputs);
    emulator.resetCounts();
    const read = await provider.read(id, outs);
    expect(emulator.requestCounts()).toEqual({ [ROUTES.get]: 1 });
    expect(read.id).toBe(id);
    expect(read.props).toEqual(outs);
    expect(read.inputs).toEqual(inputs);
  });

  it("reads a key deleted out of band as gone", async () => {
    const { id, outs } = await provider.create(await checked());
    katapult.remove(id);
    expect(await provider.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("shows out-of-band changes to the name and flags as drift, but not bucket lists", async () => {
    const inputs = await checked({ name: "ci" });
    const { id, outs } = await provider.create(inputs);
    katapult.edit(id, { read_buckets: ["logs"], write_buckets: ["logs"] });
    const buckets = await provider.read(id, outs);
    expect(buckets.props).toMatchObject({ readBuckets: ["logs"], writeBuckets: ["logs"] });
    expect((await provider.diff(id, buckets.props, inputs)).changes).toBe(false);

    katapult.edit(id, { name: "renamed", all_objects_write: true });
    const drifted = await provider.read(id, outs);
    expect(drifted.inputs).toMatchObject({ name: "renamed", allObjectsWrite: true });
    expect(await provider.diff(id, drifted.props, inputs)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const { outs: reverted } = await provider.update(id, drifted.props, inputs);
    expect(reverted).toMatchObject({ name: "ci", allObjectsWrite: false, secretAccessKey: outs.secretAccessKey });
    expect(stored(id)).toMatchObject({ name: "ci", all_objects_write: false });
  });

  it("updates the name and flags in place with one PATCH", async () => {
    const { id, outs } = await provider.create(await checked({ name: "ci" }));
    emulator.resetCounts();
    // Same issue time: check would carry it from the old inputs.
    const { outs: updated } = await provider.update(id, outs, { ...(await checked({ name: "ci-2", allBucketsRead: true })), rotatedAt: outs.rotatedAt });
    expect(emulator.requestCounts()).toEqual({ [ROUTES.patch]: 1 });
    expect(updated).toMatchObject({ name: "ci-2", allBucketsRead: true, secretAccessKey: outs.secretAccessKey, accessKeyId: outs.accessKeyId });
    expect(stored(id)).toMatchObject({ name: "ci-2", all_buckets_read: true });
  });

  it("makes no call when nothing changed, echoing the new inputs", async () => {
    const inputs = await checked({ name: "ci" });
    const { id, outs } = await provider.create(inputs);
    emulator.resetCounts();
    const { outs: same } = await provider.update(id, outs, inputs);
    expect(emulator.requestCounts()).toEqual({});
    expect(same).toEqual(outs);
  });

  it("rotates credentials in place with one call when rotation changes", async () => {
    const { id, outs } = await provider.create(await checked({ name: "ci", rotation: "2025-01" }));
    emulator.resetCounts();
    const { outs: rotated } = await provider.update(id, outs, await checked({ name: "ci", rotation: "2025-02" }));
    expect(emulator.requestCounts()).toEqual({ [ROUTES.generate]: 1, [ROUTES.get]: 1 });
    expect(rotated.secretAccessKey).not.toBe(outs.secretAccessKey);
    expect(rotated).toMatchObject({ rotation: "2025-02", secretAccessKey: stored(id).s3_secret_access_key, accessKeyId: stored(id).s3_access_key_id });
  });

  it("renames and rotates with a PATCH then credentials, waiting out the provisioning the PATCH starts", async () => {
    const { id, outs } = await provider.create(await checked({ name: "ci" }));
    katapult.provisioning.updateRejections = 1;
    emulator.resetCounts();
    const { outs: updated } = await provider.update(id, outs, await checked({ name: "ci-3", rotation: 1 }));
    expect(emulator.requestCounts()).toEqual({ [ROUTES.patch]: 1, [ROUTES.generate]: 2, [ROUTES.get]: 1 });
    expect(updated).toMatchObject({ name: "ci-3", rotation: 1, secretAccessKey: stored(id).s3_secret_access_key });
  });

  it("deletes with one call and treats an already deleted key as done", async () => {
    const { id, outs } = await provider.create(await checked());
    emulator.resetCounts();
    await provider.delete(id, outs);
    await provider.delete(id, outs);
    expect(katapult.inventory()).toEqual([]);
    // The second delete answers "not found"; one list of the organization confirms it.
    expect(emulator.requestCounts()).toEqual({ [ROUTES.delete]: 2, [ROUTES.list]: 1 });
  });

  it("adopts an existing key by id, keeping its credentials and leaving the secret empty", async () => {
    const existing = katapult.seed({ name: "made-by-hand" });
    const { id, outs } = await provider.create(await checked({ name: "adopted", existingKeyId: existing.id }));
    expect(emulator.requestCounts()).toEqual({ [ROUTES.get]: 1, [ROUTES.patch]: 1 });
    expect(id).toBe(existing.id);
    expect(outs).toMatchObject({ name: "adopted", existingKeyId: existing.id, accessKeyId: existing.s3_access_key_id, secretAccessKey: "" });
    expect(stored(id).s3_access_key_id).toBe(existing.s3_access_key_id);
    expect((await provider.diff(id, outs, await checked({ name: "adopted", existingKeyId: existing.id }))).changes).toBe(false);
  });

  it("gives an adopted key that has no credentials yet its first ones", async () => {
    const existing = katapult.seed({ name: "bare", credentials: false });
    const { outs } = await provider.create(await checked({ name: "bare", existingKeyId: existing.id }));
    expect(emulator.requestCounts()).toEqual({ [ROUTES.get]: 2, [ROUTES.generate]: 1 });
    expect(outs.secretAccessKey).toBe(stored(existing.id as string).s3_secret_access_key);
  });

  it("refuses to adopt a key from another region", async () => {
    const existing = katapult.seed({ name: "elsewhere" });
    await expect(provider.create(await checked({ region: "uk-man-1", existingKeyId: existing.id }))).rejects.toThrow(/region "uk-lon-1", not "uk-man-1"/);
  });

  it("looks up a key for a read-only get", async () => {
    const existing = katapult.seed({ name: "lookup" });
    const read = await provider.read(existing.id as string, { logicalName: "lookup" } as AccessKeyOutputs);
    expect(read.props).toMatchObject({ name: "lookup", accessKeyId: existing.s3_access_key_id });
    expect(read.props).not.toHaveProperty("secretAccessKey");
  });
});
