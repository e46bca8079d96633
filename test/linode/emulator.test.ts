/**
 * The emulator's Linode answers match the recorded traffic (linodego cassettes, 2026): rate-limit
 * headers on every answer with separate read and write budgets, the secret only on create,
 * recorded bodies byte for byte where the cassettes give them.
 */
import { Emulator } from "../../emulator";
import { LinodeCloud } from "../../emulator/linode";
import { startEmulator } from "../helpers/emulator";
import { call, interactions, withRecordings } from "../emulator/helpers";

const KEYS = "/object-storage/keys";
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const create = (body: Record<string, unknown> = { label: "go-test-def" }) => call(emulator, "linode", "POST", KEYS, body);

describe("Linode rate-limit headers", () => {
  it("every answer carries X-RateLimit-Limit, -Remaining and -Reset, writes 60 and reads 1840 per minute", async () => {
    const now = Date.now() / 1000;
    const made = await create();
    const answers = [
      [made, 60], [await call(emulator, "linode", "GET", `${KEYS}/${made.json.id}`), 1840],
      [await call(emulator, "linode", "GET", `${KEYS}?page=1`), 1840], [await call(emulator, "linode", "PUT", `${KEYS}/${made.json.id}`, { label: "go-test-def_r" }), 60],
      [await call(emulator, "linode", "GET", `${KEYS}/123`), 1840], [await call(emulator, "linode", "GET", "/no/such/route"), 1840],
      [await call(emulator, "linode", "DELETE", `${KEYS}/${made.json.id}`), 60], [await call(emulator, "linode", "GET", KEYS, undefined, "Bearer wrong"), 1840],
    ] as const;
    for (const [answer, limit] of answers) {
      expect(answer.headers.get("x-ratelimit-limit")).toBe(String(limit));
      const reset = Number(answer.headers.get("x-ratelimit-reset"));
      expect(reset).toBeGreaterThan(now);
      expect(reset).toBeLessThanOrEqual(now + 61);
    }
    expect(answers.map(([a]) => a.headers.get("x-ratelimit-remaining"))).toEqual(["59", "1839", "1838", "58", "1837", "1836", "57", "1835"]);
  });

  it("a lowered write budget refuses writes with the recorded 429 while reads go on", async () => {
    emulator.rateLimits.set("linode", 1, 60_000, "write");
    await create();
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(refused.text).toBe('{"errors": [{"reason": "Too many requests"}]}');
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect((await call(emulator, "linode", "GET", KEYS)).status).toBe(200);
  });

  it("a lowered read budget refuses reads while writes go on", async () => {
    emulator.rateLimits.set("linode", 1, 60_000, "read");
    await call(emulator, "linode", "GET", KEYS);
    expect((await call(emulator, "linode", "GET", KEYS)).status).toBe(429);
    expect((await create()).status).toBe(200);
  });

  it("limits off: no budget and no rate-limit headers on any scope, until a limit is set again", async () => {
    emulator.rateLimits.set("linode", 1, 60_000, "write");
    emulator.rateLimits.off("linode");
    const answers = [await create(), await create(), await call(emulator, "linode", "GET", KEYS)];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    for (const a of answers) expect([...a.headers.keys()].filter((h) => h.startsWith("x-ratelimit"))).toEqual([]);
    emulator.rateLimits.set("linode", 1, 60_000, "write");
    expect((await create()).headers.get("x-ratelimit-limit")).toBe("1");
    expect((await create()).status).toBe(429);
  });

  it("a limit set over HTTP for one scope works the same", async () => {
    const base = emulator.url("linode").replace(/\/linode\/v4$/, "");
    await fetch(`${base}/_emulator/settings`, { method: "POST", body: JSON.stringify({ rateLimits: { linode: { limit: 1, scope: "write" } } }) });
    await create();
    expect((await create()).status).toBe(429);
  });
});

describe("Linode bodies", () => {
  it("only create returns the real secret; GET, list and PUT answer [REDACTED]", async () => {
    const made = await create();
    expect(made.json.secret_key).toBe(emulator.cloud<LinodeCloud>("linode").inventory()[0].secret_key);
    const got = await call(emulator, "linode", "GET", `${KEYS}/${made.json.id}`);
    const listed = await call(emulator, "linode", "GET", KEYS);
    const put = await call(emulator, "linode", "PUT", `${KEYS}/${made.json.id}`, { label: "go-test-def_r" });
    expect([got.json.secret_key, listed.json.data[0].secret_key, put.json.secret_key]).toEqual(["[REDACTED]", "[REDACTED]", "[REDACTED]"]);
    expect([made.status, put.status]).toEqual([200, 200]);
  });

  it("DELETE answers 200 {}; an unknown route answers 404 Not found", async () => {
    const made = await create();
    const deleted = await call(emulator, "linode", "DELETE", `${KEYS}/${made.json.id}`);
    expect([deleted.status, deleted.text]).toEqual([200, "{}"]);
    const unknown = await call(emulator, "linode", "GET", "/object-storage/nothing");
    expect([unknown.status, unknown.text]).toEqual([404, '{"errors": [{"reason": "Not found"}]}']);
  });

  it("bucket_access [] makes a limited key; an unlimited key has bucket_access null", async () => {
    expect((await create({ label: "limited", bucket_access: [] })).json).toMatchObject({ limited: true, bucket_access: [] });
    expect((await create({ label: "unlimited" })).json).toMatchObject({ limited: false, bucket_access: null });
  });

  withRecordings("a missing key answers the recorded 404 byte for byte (TestObjectStorageKey_GetMissing)", async () => {
    const [recorded] = interactions("linode/TestObjectStorageKey_GetMissing.yaml");
    const answer = await call(emulator, "linode", "GET", `${KEYS}/123`);
    expect([answer.status, answer.text]).toEqual([recorded.code, recorded.body]);
    expect(answer.headers.get("x-accepted-oauth-scopes")).toBe("object_storage:read_only");
  });

  withRecordings("the empty and the full list have the recorded shapes and key order", async () => {
    const empty = await call(emulator, "linode", "GET", `${KEYS}?page=1`);
    expect(empty.text).toBe(interactions("linode/other-endpoints/TestAccountMaintenances_List.yaml")[0].body);
    await create();
    await create({ label: "go-test-def_r" });
    const full = await call(emulator, "linode", "GET", `${KEYS}?page=1`);
    const recorded = JSON.parse(interactions("linode/TestObjectStorageKey_List.yaml")[1].body);
    expect(Object.keys(full.json)).toEqual(Object.keys(recorded));
    expect(Object.keys(full.json.data[0])).toEqual(Object.keys(recorded.data[0]));
    expect(full.json).toMatchObject({ pages: 1, page: 1, results: 2 });
  });

  withRecordings("a key made without regions covers the recorded regions, with the recorded region objects (GetFound)", async () => {
    const recorded = JSON.parse(interactions("linode/TestObjectStorageKey_GetFound.yaml")[0].body);
    const made = await create();
    expect(made.json.regions).toEqual(recorded.regions);
    expect(Object.keys(made.json)).toEqual(Object.keys(recorded));
  });

  withRecordings("bucket_access entries carry the recorded fields and legacy cluster (Limited, Regional_Limited)", async () => {
    const [limited] = interactions("linode/TestObjectStorageKeys_Limited.yaml");
    const made = await create(LIMITED_REQUEST);
    const recorded = JSON.parse(limited.body);
    expect(made.json.bucket_access).toEqual(recorded.bucket_access);
    expect(made.json.regions).toEqual(recorded.regions);
    const regional = await create({ label: "go-test-def", bucket_access: [{ region: "au-mel", bucket_name: "b", permissions: "read_only" }], regions: ["au-mel"] });
    expect(regional.json.bucket_access[0].cluster).toBe("");
    const put = await call(emulator, "linode", "PUT", `${KEYS}/${regional.json.id}`, { regions: ["au-mel", "us-mia"] });
    const recordedPut = JSON.parse(interactions("linode/TestObjectStorageKeys_Regional_Limited.yaml")[3].body);
    expect(put.json.regions).toEqual(recordedPut.regions);
  });
});

/** The request body linodego sent in TestObjectStorageKeys_Limited (the same bucket twice). */
const LIMITED_REQUEST = {
  label: "go-test-def",
  bucket_access: [
    { region: "us-east", bucket_name: "go-bucket-test-def", permissions: "read_only" },
    { region: "us-east", bucket_name: "go-bucket-test-def", permissions: "read_write" },
  ],
};
