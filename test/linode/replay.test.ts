/**
 * Replays Linode's recorded real traffic (linodego fixtures in shared/api/recorded/linode/)
 * through our parsers, model and provider. The recorder replaced access and secret keys with
 * `[SANITIZED]`; `[REDACTED]` is what the real API sends after create.
 */
import * as api from "../../provider/linode/api";
import { flattenKey, REDACTED } from "../../provider/linode/model";
import { ObjectStorageKeyProvider } from "../../provider/linode/provider";
import { ApiKey, ObjectStorageKeyInputs, apiKey, apiKeyPage } from "../../provider/linode/schemas";
import { GoneUnconfirmedError, NotFoundError } from "../../provider/shared/http/errors";
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
/** The secret the create answer carried (the recorder's placeholder), which must survive. */
const createdSecret = (calls: Interaction[]) => bodyOf<ApiKey>(calls[0]).secret_key;

/** The inputs that produce a cassette's recorded create request. */
function createInputs(calls: Interaction[]): ObjectStorageKeyInputs {
  const body = recordedRequestBody(calls[0]) as { label: string; regions?: string[]; bucket_access?: { bucket_name: string; region: string; permissions: "read_only" | "read_write" }[] };
  // Auto-named, as the recorded labels are unique: a chosen label is first looked up in the key list
  // (shared/recovery.ts), a request these recordings do not have.
  return {
    label: body.label,
    autoNamed: true,
    ...(body.regions ? { regions: body.regions } : {}),
    ...(body.bucket_access ? { bucketAccess: body.bucket_access.map((b) => ({ bucketName: b.bucket_name, region: b.region, permissions: b.permissions })) } : {}),
  };
}

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
    const wire = key(keyCalls("TestObjectStorageKey_GetFound")[1]);
    const outs = flattenKey(wire, "stored-secret", {});
    expect(wire.bucket_access).toBeNull();
    expect(outs).toMatchObject({ keyId: wire.id, label: wire.label, accessKey: wire.access_key, secretKey: "stored-secret", limited: false, bucketAccess: null });
    const ids = wire.regions!.map((r) => r.id);
    expect(outs.regionEndpoints).toEqual(wire.regions!.map((r) => ({ region: r.id, s3Endpoint: r.s3_endpoint, endpointType: r.endpoint_type })));
    // Some regions appear twice, with two endpoints: regions are unique, endpoints are not.
    expect(new Set(ids).size).toBeLessThan(ids.length);
    expect(outs.regions).toEqual([...new Set(ids)].sort());
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
    // shared/api/recorded/linode/TestObjectStorageKeys_Limited.yaml: one bucket, read_only and read_write
    const wire = key(keyCalls("TestObjectStorageKeys_Limited")[0]);
    const outs = flattenKey(wire, undefined, {});
    expect(outs.limited).toBe(true);
    expect(wire.bucket_access!.every((b) => b.cluster && b.cluster !== b.region)).toBe(true);
    expect(outs.bucketAccess).toEqual(wire.bucket_access!.map((b) => ({ bucketName: b.bucket_name, region: b.region, permissions: b.permissions })));
    expect(outs.bucketAccess!.map((b) => b.permissions)).toEqual(["read_only", "read_write"]);
  });

  it("a limited key in a new region has an empty cluster and is read by its region", () => {
    const [created, updated] = keyCalls("TestObjectStorageKeys_Regional_Limited").map((i) => (i.method === "DELETE" ? undefined : key(i)));
    const grant = created!.bucket_access![0];
    expect(grant.cluster).toBe("");
    const outs = flattenKey(created!, undefined, {});
    expect(outs.bucketAccess).toEqual([{ bucketName: grant.bucket_name, region: grant.region, permissions: grant.permissions }]);
    expect(outs.regions).toEqual([grant.region]);
    expect(outs.regionEndpoints.map((e) => e.endpointType)).toEqual(created!.regions!.map((r) => r.endpoint_type));
    expect(flattenKey(updated!, undefined, {}).regions).toEqual(updated!.regions!.map((r) => r.id).sort());
    expect(updated!.regions).toHaveLength(2);
  });

  it("a limited key with no buckets (2022) is limited with an empty grant list, not null, and no regions", () => {
    const outs = flattenKey(key(keyCalls("history/TestObjectStorageKeys_Limited_NoAccess@5100bdd4")[0]), undefined, {});
    expect(outs).toMatchObject({ limited: true, bucketAccess: [], regions: [], regionEndpoints: [] });
  });

  it("the missing-key reason reaches the error detail", () => {
    const body = bodyOf(keyCalls("TestObjectStorageKey_GetMissing")[0]);
    expect(api.linodeProfile.describeError(404, body))
      .toEqual({ detail: (body as { errors: { reason: string }[] }).errors[0].reason, field: undefined, recognized: true });
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
      const { id, outs } = await provider().create(createInputs(calls));
      expect(outs).toMatchObject({ keyId: Number(id), label: createInputs(calls).label, secretKey: createdSecret(calls), limited: false, bucketAccess: null });
      const read = await provider().read(id, outs);
      expect(read.id).toBe(id);
      expect(read.props!.secretKey).toBe(createdSecret(calls));
      await provider().delete(id, read.props);
      expectSentAsRecorded(calls);
    },
  );

  // An unlimited key made without `regions` comes back with every region (18 here): refresh must
  // not turn Linode's default into an input, or it would show `+regions` for a program that never set them.
  test("refresh of an unlimited key created without regions does not report Linode's default regions as an input", async () => {
    await start(keyCalls("TestObjectStorageKey_GetFound").slice(0, 2));
    const inputs = createInputs(keyCalls("TestObjectStorageKey_GetFound"));
    const { id, outs } = await provider().create(inputs);
    const read = await provider().read(id, outs);
    expect(read.inputs).toEqual(inputs);
  });

  it.each(["TestObjectStorageKey_GetMissing", "history/TestObjectStorageKey_GetMissing@b95f4ca3"])(
    "a key that the real API reports missing (%s) reads as gone once a real key list at the same address lacks it",
    async (cassette) => {
      // The 404 body alone cannot be trusted (until 2025 it was the generic "Not found"): one
      // list call must answer without the key (the list recorded in TestObjectStorageKey_List).
      const list = keyCalls("TestObjectStorageKey_List").filter((i) => i.method === "GET" && i.url.pathname.endsWith("/keys"));
      expect(list).toHaveLength(1);
      await start([...keyCalls(cassette), ...list]);
      expect(await provider().read("123", { secretKey: "s" } as never)).toEqual({ id: "", props: {} });
    },
  );

  it("a recorded 404 for a missing key is not 'gone' when no list confirms it", async () => {
    await start(keyCalls("TestObjectStorageKey_GetMissing"));
    const err = await provider().read("123", { secretKey: "s" } as never).catch((e) => e);
    expect(err).toBeInstanceOf(GoneUnconfirmedError);
    replay.problems.length = 0; // the unrecorded list call was refused by the replay server, as intended
  });

  it("a 404 for a missing key is a NotFoundError carrying Linode's reason", async () => {
    await start(keyCalls("TestObjectStorageKey_GetMissing"));
    const err = await api.getObjectStorageKey(testContext(replay.url("/v4beta"), "Bearer t"), 123).catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toContain(bodyOf<{ errors: { reason: string }[] }>(keyCalls("TestObjectStorageKey_GetMissing")[0]).errors[0].reason);
  });

  it("an update sends only the new label in one PUT and keeps the secret the PUT answers as [REDACTED]", async () => {
    const calls = keyCalls("TestObjectStorageKey_Update");
    await start(calls);
    const { id, outs } = await provider().create(createInputs(calls));
    const { label } = recordedRequestBody(calls[1]) as { label: string };
    const { outs: updated } = await provider().update(id, outs, { label });
    expect(updated).toMatchObject({ label, secretKey: createdSecret(calls) });
    await provider().delete(id, updated);
    expectSentAsRecorded(calls);
  });

  it("a limited key is created with the recorded bucket_access body", async () => {
    const calls = keyCalls("TestObjectStorageKeys_Limited");
    await start(calls);
    const { id, outs } = await provider().create(createInputs(calls));
    expect(outs.limited).toBe(true);
    await provider().delete(id, outs);
    expectSentAsRecorded(calls);
  });

  it("a regional limited key is created with regions and widened by a PUT of regions only", async () => {
    const calls = keyCalls("TestObjectStorageKeys_Regional_Limited");
    await start(calls);
    const inputs = createInputs(calls);
    const { regions } = recordedRequestBody(calls[1]) as { regions: string[] };
    const { id, outs } = await provider().create(inputs);
    const { outs: updated } = await provider().update(id, outs, { ...inputs, regions });
    expect(updated).toMatchObject({ regions: [...regions].sort(), secretKey: createdSecret(calls) });
    await provider().delete(id, updated);
    expectSentAsRecorded(calls);
  });

  it("a list asks for page 1 and reads the recorded page as the last one", async () => {
    const calls = keyCalls("TestObjectStorageKey_List").filter((i) => i.method === "GET");
    await start(calls);
    const page = await api.listObjectStorageKeys(testContext(replay.url("/v4beta"), "Bearer t"), 1);
    expect(page.items.map((k) => k.id)).toEqual(bodyOf<{ data: { id: number }[] }>(calls[0]).data.map((k) => k.id));
    expect(page.items).toHaveLength(2);
    expect(page.next).toBeUndefined();
    expect(replay.received[0].query.get("page_size")).toBe("500");
  });
});
