/**
 * Linode contract: every request our client sends is validated with ajv against the request
 * schemas of Linode's OpenAPI fragment (shared/api/recorded/linode/openapi-object-storage-keys.yaml,
 * Part A, v4.189.0), list query parameters against its Pagination section, and every emulator
 * answer against the response schemas amended by what real traffic shows and the spec leaves out
 * (each amendment is checked against the recordings below). Recorded truths the spec does not
 * carry (the missing-key reason, [REDACTED], rate-limit headers) are asserted from the cassettes.
 */
import Ajv, { ValidateFunction } from "ajv";
import { LinodeCloud } from "../../emulator/linode";
import { ObjectStorageKeyProvider } from "../../provider/linode/provider";
import { ObjectStorageKeyInputs } from "../../provider/linode/schemas";
import { fileEmulator, testContext, TOKENS } from "../helpers/emulator";
import { bodyOf, describeRecorded, Interaction, loadCassette } from "../helpers/recorded";
import { linodeApiProse, linodeOperation } from "./recorded";
import { Exchange, recordExchanges, sendRaw } from "../contract/exchanges";

type Json = Record<string, any>;
const KEYS = "/{apiVersion}/object-storage/keys" as const;
const KEY = "/{apiVersion}/object-storage/keys/{keyId}" as const;
const ajv = new Ajv({ strict: false, allErrors: true });
const jsonSchema = (part: Json) => part.content["application/json"].schema as Json;

/**
 * Real answers carry `regions[].endpoint_type` (E0..E3) and `bucket_access: null` for an
 * unlimited key (shared/api/recorded/linode/TestObjectStorageKey_GetFound.yaml), and PUT
 * answers carry `bucket_access` too (TestObjectStorageKeys_Regional_Limited.yaml); the spec's
 * closed schemas have none of these.
 */
function amended(schema: Json): Json {
  const copy = JSON.parse(JSON.stringify(schema)) as Json;
  if (copy.properties?.secret_key && !copy.properties.bucket_access) {
    copy.properties.bucket_access = jsonSchema(linodeOperation("GET", KEY).responses["200"]).properties.bucket_access;
  }
  const visit = (node: Json): void => {
    if (!node || typeof node !== "object") return;
    const props = node.properties as Json | undefined;
    if (props?.regions?.items?.properties) props.regions.items.properties.endpoint_type = { type: "string", pattern: "^E[0-9]$" };
    if (props?.bucket_access) props.bucket_access.type = ["array", "null"];
    Object.values(node).forEach(visit);
  };
  visit(copy);
  return copy;
}

interface Validators { [name: string]: ValidateFunction }
function validators(amend: (s: Json) => Json): Validators {
  const compile = (s: Json) => ajv.compile(amend(s));
  return {
    "POST body": compile(jsonSchema(linodeOperation("POST", KEYS).requestBody)),
    "PUT body": compile(jsonSchema(linodeOperation("PUT", KEY).requestBody)),
    "POST 200": compile(jsonSchema(linodeOperation("POST", KEYS).responses["200"])),
    "GET list 200": compile(jsonSchema(linodeOperation("GET", KEYS).responses["200"])),
    "GET 200": compile(jsonSchema(linodeOperation("GET", KEY).responses["200"])),
    "PUT 200": compile(jsonSchema(linodeOperation("PUT", KEY).responses["200"])),
    "DELETE 200": compile(jsonSchema(linodeOperation("DELETE", KEY).responses["200"])),
    error: compile(jsonSchema(linodeOperation("GET", KEY).responses.default)),
  };
}

/** `page` from 1; `page_size` between the bounds the Pagination section states ("between 25 and 500"). */
function pageSizeBounds(): [number, number] {
  const m = linodeApiProse().match(/## Pagination[\s\S]*?between (\d+) and (\d+)/);
  if (!m) throw new Error("the Pagination section no longer states the page size bounds");
  return [Number(m[1]), Number(m[2])];
}

function responseKey(method: string, path: string, status: number): string {
  if (status >= 400) return "error";
  return method === "GET" && /\/keys\/?$/.test(path) ? "GET list 200" : `${method} ${status}`;
}

function problemsOf(v: Validators, { req, res }: Exchange): string[] {
  const problems: string[] = [];
  const check = (name: string, value: unknown) => {
    if (!v[name]) problems.push(`${req.method} ${req.path}: no schema for ${name}`);
    else if (!v[name](value)) problems.push(`${req.method} ${req.path} ${name}: ${ajv.errorsText(v[name].errors)}`);
  };
  if (req.method === "POST" || req.method === "PUT") check(`${req.method} body`, req.body);
  else if (req.body !== undefined) problems.push(`${req.method} ${req.path}: unexpected body`);
  const [min, max] = pageSizeBounds();
  for (const [name, value] of req.query) {
    const n = Number(value);
    const ok = name === "page" ? Number.isInteger(n) && n >= 1 : name === "page_size" ? Number.isInteger(n) && n >= min && n <= max : false;
    if (!ok) problems.push(`${req.method} ${req.path}: query ${name}=${value} is not a documented page parameter in range`);
  }
  check(responseKey(req.method, req.path, res.status), res.body);
  return problems;
}

const recordedAnswers = () =>
  ["TestObjectStorageKey_GetFound", "TestObjectStorageKey_List", "TestObjectStorageKey_Update", "TestObjectStorageKeys_Limited",
    "TestObjectStorageKeys_Regional_Limited", "TestObjectStorageKey_GetMissing"]
    .flatMap((name) => loadCassette(`linode/${name}.yaml`))
    .filter((i) => i.url.pathname.includes("/object-storage/keys"));
const answerProblems = (v: Validators, i: Interaction) => problemsOf(v, {
  req: { method: i.method, path: i.url.pathname, query: new URLSearchParams(), headers: {}, body: i.requestBody ? JSON.parse(i.requestBody) : undefined, rawBody: "" },
  res: { status: i.status, body: bodyOf(i) },
});

describeRecorded("Linode contract (OpenAPI fragment, amended by recorded traffic)", () => {
  const emulator = fileEmulator();
  const linode = emulator.cloud<LinodeCloud>("linode");
  const exchanges = recordExchanges(linode);
  beforeEach(() => {
    exchanges.length = 0;
  });

  it("the amended schemas accept every recorded request and answer of the key endpoints", () => {
    const v = validators(amended);
    expect(recordedAnswers().flatMap((i) => answerProblems(v, i))).toEqual([]);
  });

  it("the spec as published rejects recorded answers only for endpoint_type, a null bucket_access and PUT's bucket_access", () => {
    const v = validators((s) => s);
    const problems = recordedAnswers().flatMap((i) => answerProblems(v, i));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(/must NOT have additional properties|bucket_access must be array/);
  });

  it("every request of a full lifecycle and every emulator answer to it match the amended spec", async () => {
    const ctx = testContext(emulator.url("linode"), `Bearer ${TOKENS.linode}`);
    const provider = new ObjectStorageKeyProvider(() => ctx);
    const limited: ObjectStorageKeyInputs = { label: "ci-key", regions: ["us-east"], bucketAccess: [{ bucketName: "assets", region: "fr-par", permissions: "read_only" }] };
    const unlimited = await provider.create({ label: "plain-key" });
    const { id, outs } = await provider.create(limited);
    const read = await provider.read(id, outs);
    await provider.update(id, read.props!, { ...limited, label: "ci-key-2", regions: ["us-east", "us-ord"] });
    linode.seed({ label: "other" });
    emulator.inject({ cloud: "linode", method: "POST", kind: "lost" });
    await provider.create({ label: "key-abcdefg", autoNamed: true });
    await provider.delete(unlimited.id, unlimited.outs);
    await provider.delete(unlimited.id, unlimited.outs);
    await provider.read(unlimited.id, unlimited.outs);

    const v = validators(amended);
    expect(exchanges.flatMap((e) => problemsOf(v, e))).toEqual([]);
    const seen = new Set(exchanges.map(({ req, res }) => `${req.method} ${responseKey(req.method, req.path, res.status)} ${res.status}`));
    expect([...seen].sort()).toEqual(["DELETE DELETE 200 200", "DELETE error 404", "GET GET 200 200", "GET GET list 200 200", "GET error 404", "POST POST 200 200", "PUT PUT 200 200"]);
  });
});

describeRecorded("Linode emulator speaks the recorded wire", () => {
  const emulator = fileEmulator();
  const auth = `Bearer ${TOKENS.linode}`;
  const recorded = (name: string) => loadCassette(`linode/${name}.yaml`);
  const create = async () => (await sendRaw(emulator, "linode", "POST", "/object-storage/keys", auth, { label: "ci-key" })).body as Json;

  it("a key answer has exactly the recorded fields, region entries included", async () => {
    const real = bodyOf(recorded("TestObjectStorageKey_GetFound")[1]) as Json;
    const { id } = await create();
    const answer = (await sendRaw(emulator, "linode", "GET", `/object-storage/keys/${id}`, auth)).body as Json;
    expect(Object.keys(answer).sort()).toEqual(Object.keys(real).sort());
    expect(Object.keys(answer.regions[0]).sort()).toEqual(Object.keys(real.regions[0]).sort());
    expect(answer.bucket_access).toBeNull();
  });

  it("GET, list and PUT answer secret_key [REDACTED]; DELETE answers 200 {}", async () => {
    const { id } = await create();
    const get = await sendRaw(emulator, "linode", "GET", `/object-storage/keys/${id}`, auth);
    const list = await sendRaw(emulator, "linode", "GET", "/object-storage/keys?page=1", auth);
    const put = await sendRaw(emulator, "linode", "PUT", `/object-storage/keys/${id}`, auth, { label: "ci-key-renamed" });
    expect([get, put].map((a) => (a.body as Json).secret_key)).toEqual(["[REDACTED]", "[REDACTED]"]);
    expect((list.body as Json).data[0].secret_key).toBe("[REDACTED]");
    const del = await sendRaw(emulator, "linode", "DELETE", `/object-storage/keys/${id}`, auth);
    expect([del.status, del.body]).toEqual([200, {}]);
  });

  it("a missing key answers 404 with the recorded reason", async () => {
    const real = recorded("TestObjectStorageKey_GetMissing")[0];
    const answer = await sendRaw(emulator, "linode", "GET", "/object-storage/keys/123", auth);
    expect([answer.status, answer.body]).toEqual([real.status, bodyOf(real)]);
  });

  it("a spent rate limit answers 429 with the recorded body", async () => {
    const real = recorded("other-endpoints/TestReservedIPAddresses_ExceedLimit").find((i) => i.status === 429)!;
    emulator.rateLimits.set("linode", 1, 3_600_000);
    await sendRaw(emulator, "linode", "GET", "/object-storage/keys", auth);
    const answer = await sendRaw(emulator, "linode", "GET", "/object-storage/keys", auth);
    expect([answer.status, answer.body]).toEqual([429, bodyOf(real)]);
  });

  // Real answers always carry X-Ratelimit-Limit: 60 on key POST/PUT/DELETE, 1840 on GET (2026).
  it.each([
    ["POST", "TestObjectStorageKey_GetFound", 0], ["GET", "TestObjectStorageKey_GetFound", 1],
    ["PUT", "TestObjectStorageKey_Update", 1], ["DELETE", "TestObjectStorageKey_GetFound", 2],
  ])("every %s answer carries the recorded X-RateLimit-Limit without a limit being configured", async (method, cassette, index) => {
    const real = recorded(cassette)[index];
    const { id } = method === "POST" ? { id: "" } : await create();
    const target = method === "POST" ? "/object-storage/keys" : `/object-storage/keys/${id}`;
    const answer = await sendRaw(emulator, "linode", method, target, auth, method === "GET" || method === "DELETE" ? undefined : { label: "ci-key" });
    expect(answer.headers["x-ratelimit-limit"]).toBe(real.headers["x-ratelimit-limit"]);
  });
});
