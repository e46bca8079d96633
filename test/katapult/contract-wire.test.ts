/**
 * The Katapult emulator speaks the recorded wire (shared/api/recorded/katapult/, Katapult's
 * Terraform provider cassettes): a conversation sent raw to the emulator is compared with the
 * recorded one, answer by answer. The spec-level contract is test/katapult/contract.test.ts.
 */
import { Emulator } from "../../emulator";
import { startEmulator, TOKENS } from "../helpers/emulator";
import { bodyOf, describeRecorded, Interaction, loadCassette } from "../helpers/recorded";
import { RawAnswer, sendRaw } from "../contract/exchanges";

type Json = Record<string, any>;
const KEY = "/object_storage/access_keys/access_key";
const auth = `Bearer ${TOKENS.katapult}`;
const minimal = () => loadCassette("katapult/ObjectStorage_scenarios__AccessKey_minimal.cassette.yaml").filter((i) => i.url.pathname.includes("/access_keys"));
const updateName = () => loadCassette("katapult/ObjectStorage_scenarios__AccessKey_update_name.cassette.yaml").filter((i) => i.url.pathname.includes("/access_keys"));
const recordedKey = (i: Interaction) => bodyOf(i).object_storage_access_key as Json;
const isGenerate = (i: Interaction) => i.url.pathname.endsWith("/generate_credentials");

describeRecorded("Katapult emulator speaks the recorded wire", () => {
  let emulator: Emulator;
  let answers: RawAnswer[];
  const send = async (method: string, target: string, body?: unknown) => {
    const answer = await sendRaw(emulator, "katapult", method, target, auth, body);
    answers.push(answer);
    return answer;
  };
  /** Creates a key and asks for credentials until they come, as our provider does. */
  const createWithCredentials = async () => {
    const created = await send("POST", "/organizations/organization/object_storage/object_storage_cluster/access_keys", {
      organization: { sub_domain: "emulator" }, object_storage_cluster: { region: "uk-lon-1" },
      properties: { name: "k", all_buckets_read: false, all_objects_read: false, all_objects_write: false },
    });
    const id = (created.body as Json).object_storage_access_key.id as string;
    const refusals: RawAnswer[] = [];
    for (let i = 0; i < 20; i++) {
      const generated = await send("POST", `${KEY}/generate_credentials`, { access_key: { id } });
      if (generated.status === 200) return { id, created, refusals, generated };
      refusals.push(generated);
    }
    throw new Error("credentials never came");
  };
  beforeAll(async () => (emulator = await startEmulator()));
  afterAll(() => emulator.stop());
  beforeEach(() => {
    emulator.reset();
    answers = [];
  });

  it("create answers 201 with the recorded fields: pending, with null server_url and S3 credentials", async () => {
    const real = recordedKey(minimal()[0]);
    const { created } = await createWithCredentials();
    const key = (created.body as Json).object_storage_access_key;
    expect(created.status).toBe(201);
    expect(Object.keys(key).sort()).toEqual(Object.keys(real).sort());
    expect([key.state, key.server_url, key.s3_access_key_id, key.s3_secret_access_key]).toEqual(["pending", null, null, null]);
  });

  it("generate_credentials refuses with the recorded 422 body and X-Api-Schema: json-error while provisioning", async () => {
    const real = minimal().find((i) => i.status === 422)!;
    const { refusals } = await createWithCredentials();
    expect(refusals.length).toBeGreaterThan(0);
    for (const r of refusals) expect([r.status, r.body, r.headers["x-api-schema"]]).toEqual([422, bodyOf(real), real.headers["x-api-schema"]]);
  });

  it("generate_credentials answers 200 with the secret while state is still pending", async () => {
    const real = recordedKey(minimal().filter(isGenerate).find((i) => i.status === 200)!);
    expect(real.state).toBe("pending");
    const { generated } = await createWithCredentials();
    const key = (generated.body as Json).object_storage_access_key;
    expect(Object.keys(key).sort()).toEqual(Object.keys(real).sort());
    expect(key.s3_secret_access_key).toEqual(expect.any(String));
    expect(key.server_url).toBe(real.server_url);
    expect(key.state).toBe("pending");
  });

  it("a GET after credentials shows the access key id but never the secret", async () => {
    const { id, generated } = await createWithCredentials();
    const got = await send("GET", `${KEY}?access_key[id]=${id}`);
    const key = (got.body as Json).object_storage_access_key;
    expect(key.s3_secret_access_key).toBeNull();
    expect(key.s3_access_key_id).toBe((generated.body as Json).object_storage_access_key.s3_access_key_id);
    expect(["pending", "configured"]).toContain(key.state);
  });

  it("a PATCH answers 200 with state pending again", async () => {
    const real = updateName().find((i) => i.method === "PATCH")!;
    expect(recordedKey(real).state).toBe("pending");
    const { id } = await createWithCredentials();
    const patched = await send("PATCH", KEY, { access_key: { id }, properties: { name: "k2", all_buckets_read: false, all_objects_read: false, all_objects_write: false } });
    expect(patched.status).toBe(200);
    expect((patched.body as Json).object_storage_access_key.state).toBe("pending");
  });

  it("DELETE answers the recorded 200 {success: true}; the GET after it answers the recorded 404 body", async () => {
    const calls = minimal();
    const [del, gone] = calls.slice(-2);
    const { id } = await createWithCredentials();
    const deleted = await send("DELETE", KEY, { access_key: { id } });
    expect([deleted.status, deleted.body]).toEqual([200, bodyOf(del)]);
    const missing = await send("GET", `${KEY}?access_key[id]=${id}`);
    expect([missing.status, missing.body, missing.headers["x-api-schema"]]).toEqual([404, bodyOf(gone), gone.headers["x-api-schema"]]);
  });

  it("an empty list answers the recorded body", async () => {
    const real = loadCassette("katapult/ObjectStorage_scenarios.cassette.yaml").find((i) => i.url.pathname.endsWith("/organization/object_storage/access_keys"))!;
    const listed = await send("GET", `/organizations/organization/object_storage/access_keys?organization[sub_domain]=emulator&page=1&per_page=100`);
    expect([listed.status, listed.body]).toEqual([200, bodyOf(real)]);
  });

  it("every answer carries X-Ratelimit-Permitted: 1000 and a counting-down X-Ratelimit-Remaining", async () => {
    const real = minimal()[0];
    await createWithCredentials();
    await send("GET", `${KEY}?access_key[id]=objkey_missing0000000`);
    for (const a of answers) {
      expect(a.headers["x-ratelimit-permitted"]).toBe(real.headers["x-ratelimit-permitted"]);
      expect(Number(a.headers["x-ratelimit-remaining"])).toBeLessThan(1000);
    }
  });
});
