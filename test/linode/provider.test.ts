import { LinodeCloud } from "../../emulator/linode";
import { ObjectStorageKeyProvider } from "../../provider/linode/provider";
import { ObjectStorageKeyInputs, ObjectStorageKeyOutputs } from "../../provider/linode/schemas";
import { NotFoundError, ServerError, UnauthorizedError } from "../../provider/shared/http/errors";
import { fileEmulator, testContext, TOKENS } from "../helpers/emulator";

const emulator = fileEmulator();
const linode = emulator.cloud<LinodeCloud>("linode");
let provider: ObjectStorageKeyProvider;
let ctx: ReturnType<typeof testContext>;

beforeEach(() => {
  linode.maxKeys = 100;
  ctx = testContext(emulator.url("linode"), `Bearer ${TOKENS.linode}`);
  provider = new ObjectStorageKeyProvider(() => ctx);
});

async function checked(news: Record<string, unknown>): Promise<ObjectStorageKeyInputs> {
  const result = await provider.check({}, { logicalName: "key", ...news });
  expect(result.failures).toEqual([]);
  return result.inputs as ObjectStorageKeyInputs;
}

const limited = {
  label: "ci-key",
  bucketAccess: [{ bucketName: "assets", region: "us-east", permissions: "read_only" }],
};

describe("Linode ObjectStorageKeyProvider against the emulator", () => {
  it("creates a limited key with a chosen label with two API calls (the keys with that label are listed first) and returns the secret", async () => {
    const inputs = await checked(limited);
    const { id, outs } = await provider.create(inputs);
    expect(emulator.requestCounts()).toEqual({ "linode GET /v4/object-storage/keys": 1, "linode POST /v4/object-storage/keys": 1 });
    const stored = linode.inventory().find((k) => String(k.id) === id)!;
    expect(outs.secretKey).toBe(stored.secret_key);
    expect(outs).toMatchObject({
      keyId: Number(id), label: "ci-key", limited: true, regions: ["us-east"],
      bucketAccess: [{ bucketName: "assets", region: "us-east", permissions: "read_only" }],
      regionEndpoints: [{ region: "us-east", s3Endpoint: "us-east-1.linodeobjects.com", endpointType: "E0" }],
    });
  });

  it("reads with one GET and keeps the secret the API no longer returns", async () => {
    const { id, outs } = await provider.create(await checked(limited));
    emulator.resetCounts();
    const read = await provider.read(id, outs);
    expect(emulator.requestCounts()).toEqual({ "linode GET /v4/object-storage/keys/{keyId}": 1 });
    expect(read.id).toBe(id);
    expect(read.props!.secretKey).toBe(outs.secretKey);
    // Regions are only the buckets' own, which Linode adds by itself: not an input.
    expect(read.inputs).toEqual({ logicalName: "key", autoNamed: false, label: "ci-key", bucketAccess: limited.bucketAccess, rotatedAt: outs.rotatedAt });
  });

  it("reads a key deleted out of band as gone", async () => {
    const { id, outs } = await provider.create(await checked(limited));
    linode.remove(id);
    expect((await provider.read(id, outs)).id).toBe("");
  });

  it("never takes another token's 404 for gone: the key stays, no list is spent; the key's own token still confirms it", async () => {
    const { id, outs } = await provider.create(await checked(limited));
    expect(outs.tokenFingerprint).toMatch(/^[0-9a-f]{16}$/);
    linode.accounts.addToken("elsewhere", "linode-elsewhere-0001");
    ctx.authorization = "Bearer linode-elsewhere-0001";
    emulator.resetCounts();
    await expect(provider.read(id, outs)).rejects.toThrow(`Linode key ${id} is not treated as deleted and stays in the stack: the token in use is not the one the key was made with`);
    await expect(provider.delete(id, outs)).rejects.toThrow(/the token in use is not the one the key was made with/);
    expect(emulator.requestCounts()).toEqual({ "linode GET /v4/object-storage/keys/{keyId}": 1, "linode DELETE /v4/object-storage/keys/{keyId}": 1 });
    expect(linode.inventory().map((k) => String(k.id))).toEqual([id]);
    // State written before the fingerprint existed: the list decides, as before.
    const { tokenFingerprint: _f, ...older } = outs;
    expect((await provider.read(id, older)).id).toBe("");
    ctx.authorization = `Bearer ${TOKENS.linode}`;
    linode.remove(id);
    expect((await provider.read(id, outs)).id).toBe("");
  });

  it("shows an out-of-band label and permission edit as drift", async () => {
    const inputs = await checked(limited);
    const { id, outs } = await provider.create(inputs);
    linode.edit(id, { label: "renamed", bucket_access: [{ bucket_name: "assets", region: "us-east", permissions: "read_write" }] });
    const read = await provider.read(id, outs);
    const diff = await provider.diff(id, read.props!, inputs);
    expect(diff).toEqual({ changes: true, replaces: ["bucketAccess"], deleteBeforeReplace: false });
    const labelOnly = await provider.diff(id, { ...read.props!, bucketAccess: outs.bucketAccess }, inputs);
    expect(labelOnly.replaces).toEqual([]);
    expect(labelOnly.changes).toBe(true);
  });

  it("updates label and regions in place with one PUT carrying only the changes", async () => {
    const inputs = await checked(limited);
    const { id, outs } = await provider.create(inputs);
    emulator.resetCounts();
    const news = await checked({ ...limited, label: "ci-key-2", regions: ["fr-par"] });
    const { outs: updated } = await provider.update!(id, outs, news);
    expect(emulator.requestCounts()).toEqual({ "linode PUT /v4/object-storage/keys/{keyId}": 1 });
    expect(updated!.label).toBe("ci-key-2");
    expect(updated!.regions).toEqual(["fr-par", "us-east"]);
    expect(updated!.secretKey).toBe(outs.secretKey);
  });

  it("makes no call when an update changes nothing", async () => {
    const inputs = await checked(limited);
    const { id, outs } = await provider.create(inputs);
    emulator.resetCounts();
    const { outs: same } = await provider.update!(id, outs, inputs);
    expect(emulator.requestCounts()).toEqual({});
    expect(same).toEqual(outs);
  });

  it("deletes with one call and treats an already deleted key as done", async () => {
    const { id } = await provider.create(await checked(limited));
    emulator.resetCounts();
    await provider.delete!(id, {} as ObjectStorageKeyOutputs);
    await provider.delete!(id, {} as ObjectStorageKeyOutputs);
    expect(linode.inventory()).toEqual([]);
    expect(emulator.count("linode", "DELETE")).toBe(2);
  });

  it("adopts an existing key by id, renaming it, with an empty secret", async () => {
    const existing = linode.seed({ label: "made-by-hand" });
    const inputs = await checked({ label: "adopted", existingKeyId: existing.id });
    const { id, outs } = await provider.create(inputs);
    expect(id).toBe(String(existing.id));
    expect(outs.label).toBe("adopted");
    expect(outs.secretKey).toBe("");
    expect(linode.inventory()).toHaveLength(1);
  });

  it("retries a 503 on read, honouring Retry-After", async () => {
    const { id, outs } = await provider.create(await checked(limited));
    emulator.inject({ cloud: "linode", method: "GET", kind: "status", status: 503, retryAfter: "3", times: 2 });
    const read = await provider.read(id, outs);
    expect(read.id).toBe(id);
    expect(ctx.sleeps).toEqual([3000, 3000]);
  });

  it("does not resend a create that failed with 500, removes the key it made and creates again", async () => {
    const inputs = await checked({ bucketAccess: limited.bucketAccess });
    emulator.inject({ cloud: "linode", method: "POST", kind: "lost" });
    const { id, outs } = await provider.create(inputs);
    const keys = linode.inventory();
    expect(keys.map((k) => String(k.id))).toEqual([id]);
    expect(outs.secretKey).toBe(keys[0].secret_key);
    expect(emulator.count("linode", "POST")).toBe(2);
    expect(emulator.count("linode", "DELETE")).toBe(1);
  });

  it("finds the key a lost create made on the second page of the list", async () => {
    linode.maxKeys = 700;
    for (let i = 0; i < 520; i++) linode.seed({ label: `other-key-${i}` });
    const inputs = await checked({ bucketAccess: limited.bucketAccess });
    emulator.inject({ cloud: "linode", method: "POST", kind: "lost" });
    emulator.resetCounts();
    const { id } = await provider.create(inputs);
    expect(linode.inventory().filter((k) => String(k.label).startsWith("key-")).map((k) => String(k.id))).toEqual([id]);
    expect(linode.inventory()).toHaveLength(521);
    // 500 keys a page: page 2 held the lost key.
    expect(emulator.count("linode", "GET /v4/object-storage/keys")).toBe(2);
  });

  it("leaves a possibly-created key with a user-chosen label alone and says so", async () => {
    const inputs = await checked(limited);
    emulator.inject({ cloud: "linode", method: "POST", kind: "lost" });
    await expect(provider.create(inputs)).rejects.toThrow(/left untouched.*existingKeyId/);
    await expect(provider.create(inputs).then(() => "ok")).resolves.toBe("ok");
  });

  it("never takes a key that had the label before the request for the lost one: a 500 the cloud did not act on is retried", async () => {
    const live = linode.seed({ label: "ci-key" });
    emulator.inject({ cloud: "linode", method: "POST", kind: "status", status: 500 });
    const { id } = await provider.create(await checked(limited));
    expect(linode.inventory().map((k) => k.id).sort()).toEqual([live.id, Number(id)].sort());
    expect(emulator.count("linode", "POST")).toBe(2);
    expect(emulator.count("linode", "DELETE")).toBe(0);
  });

  it("fails with a typed error naming the cloud when the token is wrong, without echoing it", async () => {
    ctx.authorization = "Bearer wrong-token-123";
    const err = await provider.create(await checked(limited)).catch((e) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    // A chosen label: the keys with it are listed before the create, and that list is refused.
    expect(err.message).toContain("list Linode keys: 401 Unauthorized");
    expect(err.message).not.toContain("wrong-token-123");
  });

  it("classifies a missing key on update as NotFound and exhausted 5xx as ServerError", async () => {
    await expect(provider.update!("999", { label: "x" } as ObjectStorageKeyOutputs, await checked({ label: "abc" })))
      .rejects.toBeInstanceOf(NotFoundError);
    emulator.inject({ cloud: "linode", kind: "status", status: 502, times: 100 });
    ctx.policy.maxAttempts = 3;
    const err = await provider.read("1", {} as ObjectStorageKeyOutputs).catch((e) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toMatch(/gave up after 3 attempts/);
  });
});
