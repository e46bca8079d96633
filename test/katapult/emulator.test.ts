/**
 * The emulator's Katapult answers match the Terraform provider's cassettes (2026-08): a key is
 * `pending` in the create, generate_credentials and PATCH answers and turns `configured` after
 * the configure delay; errors are wrapped and marked `X-Api-Schema: json-error`.
 */
import { KatapultCloud } from "../../emulator/katapult";
import { fileEmulator } from "../helpers/emulator";
import { call, interactions, withRecordings } from "../emulator/helpers";

const KEY = "/object_storage/access_keys/access_key";
const CREATE = "/organizations/organization/object_storage/object_storage_cluster/access_keys";
const MINIMAL = "katapult/ObjectStorage_scenarios__AccessKey_minimal.cassette.yaml";
const emulator = fileEmulator();
const katapult = emulator.cloud<KatapultCloud>("katapult");

beforeEach(() => {
  katapult.provisioning.createRejections = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const create = () =>
  call(emulator, "katapult", "POST", CREATE, {
    object_storage_cluster: { region: "uk-lon-1" }, organization: { sub_domain: "emulator" },
    properties: { all_buckets_read: false, all_objects_read: false, all_objects_write: false, name: "tf-acc-test-minimal" },
  });
const get = (id: string) => call(emulator, "katapult", "GET", `${KEY}?access_key%5Bid%5D=${id}`);
const generate = (id: string) => call(emulator, "katapult", "POST", `${KEY}/generate_credentials`, { access_key: { id } });

describe("Katapult key states", () => {
  it("create answers 201 pending with null credentials", async () => {
    const made = await create();
    expect(made.status).toBe(201);
    expect(made.json.object_storage_access_key).toMatchObject({ state: "pending", server_url: null, s3_access_key_id: null, s3_secret_access_key: null });
    expect(Number.isInteger(made.json.object_storage_access_key.created_at)).toBe(true);
  });

  it("generate_credentials answers pending with the secret; after the delay GET shows configured and a null secret", async () => {
    katapult.configureDelayMs = 150;
    const { id } = (await create()).json.object_storage_access_key;
    const generated = (await generate(id)).json.object_storage_access_key;
    expect(generated).toMatchObject({ state: "pending", s3_secret_access_key: expect.any(String) });
    expect(generated.s3_access_key_id).toMatch(/^[0-9a-f]{32}$/);
    expect((await get(id)).json.object_storage_access_key.state).toBe("pending");
    await sleep(200);
    expect((await get(id)).json.object_storage_access_key).toMatchObject({ state: "configured", s3_secret_access_key: null, s3_access_key_id: generated.s3_access_key_id });
  });

  it("PATCH sets pending again, configured after the delay set over HTTP", async () => {
    const base = emulator.url("katapult").replace(/\/katapult\/core\/v1$/, "");
    await fetch(`${base}/_emulator/settings`, { method: "POST", body: JSON.stringify({ katapultConfigureDelayMs: 100 }) });
    expect(katapult.configureDelayMs).toBe(100);
    const { id } = (await create()).json.object_storage_access_key;
    await generate(id);
    await sleep(150);
    const patched = await call(emulator, "katapult", "PATCH", KEY, { access_key: { id }, properties: { name: "renamed" } });
    expect([patched.status, patched.json.object_storage_access_key.state]).toEqual([200, "pending"]);
    expect((await get(id)).json.object_storage_access_key.state).toBe("pending");
    await sleep(150);
    expect((await get(id)).json.object_storage_access_key.state).toBe("configured");
  });
});

describe("Katapult wire", () => {
  it("every answer carries X-Ratelimit-Permitted 1000 and a Remaining that counts down", async () => {
    const answers = [await create(), await get("objkey_missing"), await call(emulator, "katapult", "GET", "/nothing/here"), await call(emulator, "katapult", "GET", "/nothing", undefined, "Bearer bad")];
    expect(answers.map((a) => a.headers.get("x-ratelimit-permitted"))).toEqual(["1000", "1000", "1000", "1000"]);
    expect(answers.map((a) => a.headers.get("x-ratelimit-remaining"))).toEqual(["999", "998", "997", "996"]);
  });

  it("an unknown route answers 404 route_not_found in the error wrapper", async () => {
    const answer = await call(emulator, "katapult", "GET", "/object_storage/nothing");
    expect(answer.status).toBe(404);
    expect(answer.headers.get("x-api-schema")).toBe("json-error");
    expect(answer.json).toEqual({ error: { code: "route_not_found", description: expect.any(String), detail: {} } });
  });

  withRecordings("create, generate_credentials and GET have the recorded keys in the recorded order", async () => {
    const recorded = interactions(MINIMAL);
    const keysOf = (i: number) => Object.keys(JSON.parse(recorded[i].body).object_storage_access_key);
    const made = await create();
    const { id } = made.json.object_storage_access_key;
    expect(Object.keys(made.json.object_storage_access_key)).toEqual(keysOf(1));
    const generatedAt = recorded.findIndex((r) => r.url.endsWith("generate_credentials") && r.code === 200);
    expect(Object.keys((await generate(id)).json.object_storage_access_key)).toEqual(keysOf(generatedAt));
    expect(Object.keys((await get(id)).json.object_storage_access_key)).toEqual(keysOf(generatedAt + 1));
  });

  withRecordings("a missing key and DELETE answer the recorded bodies byte for byte", async () => {
    const recorded = interactions(MINIMAL);
    const { id } = (await create()).json.object_storage_access_key;
    const deleted = await call(emulator, "katapult", "DELETE", KEY, { access_key: { id } });
    const recordedDelete = recorded.find((r) => r.method === "DELETE")!;
    expect([deleted.status, deleted.text]).toEqual([recordedDelete.code, recordedDelete.body]);
    const missing = await get(id);
    const recordedMissing = recorded[recorded.length - 1];
    expect([missing.status, missing.text]).toEqual([recordedMissing.code, recordedMissing.body]);
    expect(missing.headers.get("x-api-schema")).toBe("json-error");
  });

  withRecordings("an empty list answers the recorded body byte for byte", async () => {
    const recorded = interactions("katapult/ObjectStorage_scenarios.cassette.yaml").find((r) => r.url.includes("/access_keys?"))!;
    const answer = await call(emulator, "katapult", "GET", "/organizations/organization/object_storage/access_keys?organization%5Bsub_domain%5D=emulator&page=1&per_page=100");
    expect([answer.status, answer.text]).toEqual([recorded.code, recorded.body]);
  });
});
