/**
 * Replays Linode's recorded real traffic (linodego fixtures in shared/api/recorded/linode/)
 * through our parsers, model and provider. The recorder replaced access and secret keys with
 * `[SANITIZED]`; `[REDACTED]` is what the real API sends after create.
 */
import * as api from "../../provider/linode/api";
import { flattenKey, REDACTED } from "../../provider/linode/model";
import { ObjectStorageKeyProvider } from "../../provider/linode/provider";
import { ApiKey, ObjectStorageKeyInputs, apiKey, apiKeyPage } from "../../provider/linode/schemas";
import { NotFoundError } from "../../provider/shared/http/errors";
import { testContext } from "../helpers/emulator";
import { bodyOf, describeRecorded, Interaction, loadCassette } from "../helpers/recorded";
import { recordedRequestBody, ReplayServer } from "../helpers/recorded-server";

const dir = "linode/";
const KEY_CASSETTES = [
  "TestObjectStorageKey_GetFound", "TestObjectStorageKey_GetMissing", "TestObjectStorageKey_List", "TestObjectStorageKey_Update",
  "TestObjectStorageKeys_Limited", "TestObjectStorageKeys_Regional_Limited", "history/TestObjectStorageKey_GetFound@b95f4ca3",
  "history/TestObjectStorageKey_GetMissing@b95f4ca3", "history/TestObjectStorageKey_List@b95f4ca3",
  "history/TestObjectStorageKeys_Limited_NoAccess@5100bdd4",
];
/** Only the key endpoints: the cassettes also set up buckets and look up regions. */
const keyCalls = (name: string) => loadCassette(`${dir}${name}.yaml`).filter((i) => i.url.pathname.includes("/object-storage/keys"));
const key = (i: Interaction) => apiKey.parse(bodyOf(i));

describeRecorded("Linode recorded responses through our parsers and model", () => {
  it("every recorded key answer parses with our response schemas", () => {
    const answers = KEY_CASSETTES.flatMap(keyCalls).filter((i) => i.status === 200 && i.method !== "DELETE");
    expect(answers.length).toBeGreaterThanOrEqual(14);
    for (const i of answers) {
      const schema = i.url.pathname.endsWith("/keys") && i.method === "GET" ? apiKeyPage : apiKey;
      expect({ call: `${i.method} ${i.url.pathname}`, ...schema.safeParse(bodyOf(i)) }).toMatchObject({ success: true });
    }
  });

  it("a found unlimited key flattens field by field, with bucketAccess null and every region endpoint", () => {
    // shared/api/recorded/linode/TestObjectStorageKey_GetFound.yaml, interaction 2 (GET)
    const outs = flattenKey(key(keyCalls("TestObjectStorageKey_GetFound")[1]), "stored-secret", {});
    expect(outs).toMatchObject({ keyId: 3498033, label: "go-test-def", accessKey: "[SANITIZED]", secretKey: "stored-secret", limited: false, bucketAccess: null });
    // us-lax and us-ord appear twice, with two endpoints each: regions are unique, endpoints are not.
    expect(outs.regionEndpoints).toHaveLength(20);
    expect(outs.regions).toHaveLength(18);
    expect(outs.regionEndpoints.filter((e) => e.region === "us-lax")).toEqual([
      { region: "us-lax", s3Endpoint: "us-lax-1.linodeobjects.com", endpointType: "E1" },
      { region: "us-lax", s3Endpoint: "us-lax-4.linodeobjects.com", endpointType: "E3" },
    ]);
    expect(outs.regionEndpoints[0]).toEqual({ region: "ap-south", s3Endpoint: "ap-south-1.linodeobjects.com", endpointType: "E0" });
  });

  it.each([
    ["GET", "TestObjectStorageKey_GetFound", 1],
    ["list", "TestObjectStorageKey_List", 1],
    ["PUT", "TestObjectStorageKey_Update", 1],
    ["PUT (regional)", "TestObjectStorageKeys_Regional_Limited", 1],
  ])("a %s answer's [REDACTED] never becomes the secret", (_what, cassette, index) => {
    const answer = bodyOf(keyCalls(cassette)[index]);
    const wire = (("data" in answer ? (answer.data as unknown[])[0] : answer) as ApiKey);
    expect(wire.secret_key).toBe(REDACTED);
    expect(flattenKey(apiKey.parse(wire), "stored-secret", {}).secretKey).toBe("stored-secret");
    expect(flattenKey(apiKey.parse(wire), undefined, {}).secretKey).toBe("");
  });

  it("a limited key keeps each bucket grant, reading region and ignoring the legacy cluster", () => {
    // shared/api/recorded/linode/TestObjectStorageKeys_Limited.yaml: the same bucket, read_only and read_write
    const outs = flattenKey(key(keyCalls("TestObjectStorageKeys_Limited")[0]), undefined, {});
    expect(outs.limited).toBe(true);
    expect(outs.bucketAccess).toEqual([
      { bucketName: "go-bucket-test-def", region: "us-east", permissions: "read_only" },
      { bucketName: "go-bucket-test-def", region: "us-east", permissions: "read_write" },
    ]);
  });

  it("a limited key in a new region has an empty cluster and its region's E2 endpoint", () => {
    const [created, updated] = keyCalls("TestObjectStorageKeys_Regional_Limited").map((i) => (i.method === "DELETE" ? undefined : key(i)));
    expect(flattenKey(created!, undefined, {})).toMatchObject({
      bucketAccess: [{ bucketName: "go-bucket-test-defgo-test-def-regional", region: "au-mel", permissions: "read_only" }],
      regions: ["au-mel"],
      regionEndpoints: [{ region: "au-mel", s3Endpoint: "au-mel-1.linodeobjects.com", endpointType: "E2" }],
    });
    expect(flattenKey(updated!, undefined, {}).regions).toEqual(["au-mel", "us-mia"]);
  });

  it("a limited key with no buckets (2022) is limited with an empty grant list, not null, and no regions", () => {
    const outs = flattenKey(key(keyCalls("history/TestObjectStorageKeys_Limited_NoAccess@5100bdd4")[0]), undefined, {});
    expect(outs).toMatchObject({ limited: true, bucketAccess: [], regions: [], regionEndpoints: [] });
  });

  it("the missing-key reason reaches the error detail", () => {
    const body = bodyOf(keyCalls("TestObjectStorageKey_GetMissing")[0]);
    expect(api.linodeProfile.describeError(404, body)).toEqual({ detail: "The specified access key was not found.", field: undefined });
  });
});

describeRecorded("Linode provider against replayed real conversations", () => {
  let replay: ReplayServer;
  const provider = () => new ObjectStorageKeyProvider(() => testContext(replay.url("/v4beta"), "Bearer replay-token"));
  const start = async (calls: Interaction[]) => (replay = await ReplayServer.start(calls));
  afterEach(async () => {
    expect(replay.problems).toEqual([]);
    expect(replay.remaining()).toEqual([]);
    await replay.close();
  });

  /** What we sent matches the recording: method, path and JSON body. */
  function expectSentAsRecorded(calls: Interaction[]): void {
    expect(replay.received.map((r) => [r.method, r.path, r.body])).toEqual(calls.map((i) => [i.method, i.url.pathname, recordedRequestBody(i)]));
  }

  it.each(["TestObjectStorageKey_GetFound", "history/TestObjectStorageKey_GetFound@b95f4ca3"])(
    "create, read and delete replay %s with the recorded requests; GET after create never overwrites the stored secret with [REDACTED]",
    async (cassette) => {
      const calls = keyCalls(cassette);
      await start(calls);
      const { id, outs } = await provider().create({ label: "go-test-def" });
      expect(outs).toMatchObject({ keyId: Number(id), label: "go-test-def", secretKey: "[SANITIZED]", limited: false, bucketAccess: null });
      const read = await provider().read(id, outs);
      expect(read.id).toBe(id);
      expect(read.props!.secretKey).toBe("[SANITIZED]");
      await provider().delete(id, read.props);
      expectSentAsRecorded(calls);
    },
  );

  // Fails until read stops turning Linode's default region list into an input: an unlimited key
  // made without `regions` comes back with every region (18 here), and inputsFromOutputs
  // (provider/linode/model.ts) only recognises a limited key's bucket regions as defaults, so a
  // refresh shows `+regions` for a program that never set them.
  test.failing("refresh of an unlimited key created without regions does not report Linode's default regions as an input", async () => {
    await start(keyCalls("TestObjectStorageKey_GetFound").slice(0, 2));
    const { id, outs } = await provider().create({ label: "go-test-def" });
    const read = await provider().read(id, outs);
    expect(read.inputs).toEqual({ label: "go-test-def" });
  });

  it.each(["TestObjectStorageKey_GetMissing", "history/TestObjectStorageKey_GetMissing@b95f4ca3"])(
    "a key that the real API reports missing (%s) reads as gone",
    async (cassette) => {
      await start(keyCalls(cassette));
      expect(await provider().read("123", { secretKey: "s" } as never)).toEqual({ id: "", props: {} });
    },
  );

  it("a 404 for a missing key is a NotFoundError carrying Linode's reason", async () => {
    await start(keyCalls("TestObjectStorageKey_GetMissing"));
    const err = await api.getObjectStorageKey(testContext(replay.url("/v4beta"), "Bearer t"), 123).catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toContain("The specified access key was not found.");
  });

  it("an update sends only the new label in one PUT and keeps the secret the PUT answers as [REDACTED]", async () => {
    const calls = keyCalls("TestObjectStorageKey_Update");
    await start(calls);
    const { id, outs } = await provider().create({ label: "go-test-def" });
    const { outs: updated } = await provider().update(id, outs, { label: "go-test-def_r" });
    expect(updated).toMatchObject({ label: "go-test-def_r", secretKey: "[SANITIZED]" });
    await provider().delete(id, updated);
    expectSentAsRecorded(calls);
  });

  it("a limited key is created with the recorded bucket_access body", async () => {
    const calls = keyCalls("TestObjectStorageKeys_Limited");
    await start(calls);
    const grant = (permissions: "read_only" | "read_write") => ({ bucketName: "go-bucket-test-def", region: "us-east", permissions });
    const { id, outs } = await provider().create({ label: "go-test-def", bucketAccess: [grant("read_only"), grant("read_write")] });
    expect(outs.limited).toBe(true);
    await provider().delete(id, outs);
    expectSentAsRecorded(calls);
  });

  it("a regional limited key is created with regions and widened by a PUT of regions only", async () => {
    const calls = keyCalls("TestObjectStorageKeys_Regional_Limited");
    await start(calls);
    const inputs: ObjectStorageKeyInputs = {
      label: "go-test-def", regions: ["au-mel"],
      bucketAccess: [{ bucketName: "go-bucket-test-defgo-test-def-regional", region: "au-mel", permissions: "read_only" }],
    };
    const { id, outs } = await provider().create(inputs);
    const { outs: updated } = await provider().update(id, outs, { ...inputs, regions: ["au-mel", "us-mia"] });
    expect(updated).toMatchObject({ regions: ["au-mel", "us-mia"], secretKey: "[SANITIZED]" });
    await provider().delete(id, updated);
    expectSentAsRecorded(calls);
  });

  it("a list asks for page 1 and reads the recorded page as the last one", async () => {
    await start(keyCalls("TestObjectStorageKey_List").filter((i) => i.method === "GET"));
    const page = await api.listObjectStorageKeys(testContext(replay.url("/v4beta"), "Bearer t"), 1);
    expect(page.items.map((k) => k.label)).toEqual(["go-test-def_r", "go-test-def"]);
    expect(page.next).toBeUndefined();
    expect(replay.received[0].query.get("page_size")).toBe("500");
  });
});
