/**
 * Contract test: every request our client sends and every answer the emulator gives must match
 * Katapult's official OpenAPI spec (the object-storage extract in emulator/katapult, made by
 * emulator/katapult/extract-spec.js). The spec leaves objects open; here they are closed
 * (`additionalProperties: false`) so a misspelt field fails, and every field of an access key
 * is required, as the real API always sends them all (docs/api/katapult.md#key-object). Error bodies are validated
 * after unwrapping `{error: ...}`, the shape the real API uses (docs/api/katapult.md#errors).
 */
import Ajv, { ValidateFunction } from "ajv";
import { existsSync, readFileSync } from "node:fs";
import * as undici from "undici";
import { Emulator } from "../../emulator";
import { KatapultCloud } from "../../emulator/katapult";
import { EmulatedRequest, EmulatedResponse } from "../../emulator/types";
import { AccessKeyProvider } from "../../provider/katapult/provider";
import { AccessKeyInputs } from "../../provider/katapult/schemas";
import { startEmulator, testContext, TOKENS } from "../helpers/emulator";

const { extract, DEFAULT_SOURCE, TARGET } = require("../../emulator/katapult/extract-spec.js");

type Json = Record<string, unknown>;
interface Exchange { req: EmulatedRequest; res: EmulatedResponse }

const spec = JSON.parse(readFileSync(TARGET, "utf8"));
const PREFIX = "/core/v1";

/** Closes every object schema that lists its properties; requires every access key field. */
function strict(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strict);
  if (!value || typeof value !== "object") return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strict(v)])) as Json;
  if (out.properties && typeof out.properties === "object" && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
const strictSpec = strict(spec) as { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json>; responses: Record<string, Json> } };
const keySchema = strictSpec.components.schemas.ObjectStorageAccessKey;
keySchema.required = Object.keys(keySchema.properties as Json);

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(strictSpec, "spec");
const pointer = (...parts: string[]) => "spec#/" + parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

function operation(method: string, route: string): Json {
  const op = strictSpec.paths[route]?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${route} is not in Katapult's spec`);
  return op;
}

function responseValidator(method: string, route: string, status: number): ValidateFunction {
  const responses = operation(method, route).responses as Record<string, Json>;
  const declared = responses[String(status)];
  if (!declared) throw new Error(`${method} ${route} does not declare status ${status}`);
  const ref = declared.$ref as string | undefined;
  const base = ref ? pointer("components", "responses", ref.split("/").pop()!) : pointer("paths", route, method.toLowerCase(), "responses", String(status));
  return ajv.compile({ $ref: `${base}/content/application~1json/schema` });
}

/** Validates an answer; error bodies must be wrapped and carry code, description and detail. */
function checkResponse(method: string, route: string, res: EmulatedResponse): string[] {
  let body = res.body as Json;
  if (res.status >= 400) {
    expect(Object.keys(body)).toEqual(["error"]);
    body = body.error as Json;
    expect(Object.keys(body).sort()).toEqual(["code", "description", "detail"]);
  }
  const validate = responseValidator(method, route, res.status);
  return validate(body) ? [] : [`${method} ${route} ${res.status}: ${ajv.errorsText(validate.errors)}`];
}

function checkRequest(req: EmulatedRequest, route: string): string[] {
  const op = operation(req.method, route);
  const problems: string[] = [];
  const declared = ((op.parameters ?? []) as Json[]).map((p) => p.name);
  for (const name of req.query.keys()) if (!declared.includes(name)) problems.push(`${req.method} ${route}: undeclared query parameter ${name}`);
  if (op.requestBody) {
    expect(req.headers["content-type"]).toMatch(/^application\/json/);
    const validate = ajv.compile({ $ref: pointer("paths", route, req.method.toLowerCase(), "requestBody", "content", "application/json", "schema") });
    if (!validate(req.body)) problems.push(`${req.method} ${route} request: ${ajv.errorsText(validate.errors)}`);
  } else if (req.body !== undefined) {
    problems.push(`${req.method} ${route}: unexpected request body`);
  }
  return problems;
}

let emulator: Emulator;
let katapult: KatapultCloud;
let exchanges: Exchange[];

beforeAll(async () => {
  emulator = await startEmulator();
  katapult = emulator.cloud<KatapultCloud>("katapult");
  // Records what reaches Katapult's handlers and what they answer.
  const route = katapult.route.bind(katapult);
  jest.spyOn(katapult, "route").mockImplementation((req) => {
    const found = route(req);
    return found && { name: found.name, handle: async (r) => {
      const res = await found.handle(r);
      exchanges.push({ req: r, res });
      return res;
    } };
  });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.reset();
  exchanges = [];
});

describe("Katapult contract (official OpenAPI spec)", () => {
  (existsSync(DEFAULT_SOURCE) ? it : it.skip)("the committed extract matches the full spec", () => {
    expect(extract(JSON.parse(readFileSync(DEFAULT_SOURCE, "utf8")))).toEqual(spec);
  });

  it("the spec extract covers the access key operations", () => {
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining([
      "/organizations/organization/object_storage/object_storage_cluster/access_keys",
      "/organizations/organization/object_storage/access_keys",
      "/object_storage/access_keys/access_key",
      "/object_storage/access_keys/access_key/generate_credentials",
    ]));
  });

  it("every request of a full lifecycle and every answer to it match the spec", async () => {
    const ctx = testContext(emulator.url("katapult"), `Bearer ${TOKENS.katapult}`);
    const provider = new AccessKeyProvider(() => ctx);
    const checked = async (news: Json) => (await provider.check({}, { logicalName: "key", organization: { subDomain: "emulator" }, ...news })).inputs as AccessKeyInputs;
    const inputs = await checked({ allBucketsRead: true });
    const { id, outs } = await provider.create(inputs);
    const read = await provider.read(id, outs);
    await provider.update(id, read.props, { ...inputs, name: "renamed", allObjectsWrite: true, rotation: 1 });
    emulator.inject({ cloud: "katapult", route: "object_storage_cluster/access_keys", kind: "lost" });
    const recovered = await provider.create(await checked({ organization: { id: "org_Emu1ator0000001" } }));
    await provider.create(await checked({ name: "adopted", existingKeyId: recovered.id }));
    await provider.delete(id, outs);
    await provider.delete(id, outs);
    await provider.read(id, outs);
    await provider.create({ ...inputs, name: " " }).catch(() => undefined);

    const problems = exchanges.flatMap(({ req, res }) => {
      const route = req.path.slice(PREFIX.length);
      return [...checkRequest(req, route), ...checkResponse(req.method, route, res)];
    });
    expect(problems).toEqual([]);
    const seen = new Set(exchanges.map(({ req, res }) => `${req.method} ${req.path.slice(PREFIX.length)} ${res.status}`));
    expect([...seen].sort()).toEqual([
      "DELETE /object_storage/access_keys/access_key 200",
      "DELETE /object_storage/access_keys/access_key 404",
      "GET /object_storage/access_keys/access_key 200",
      "GET /object_storage/access_keys/access_key 404",
      "GET /organizations/organization/object_storage/access_keys 200",
      "PATCH /object_storage/access_keys/access_key 200",
      "POST /object_storage/access_keys/access_key/generate_credentials 200",
      "POST /object_storage/access_keys/access_key/generate_credentials 422",
      "POST /organizations/organization/object_storage/object_storage_cluster/access_keys 201",
      "POST /organizations/organization/object_storage/object_storage_cluster/access_keys 422",
    ]);
  });

  it.each([
    ["no token", "GET", "/object_storage/access_keys/access_key?access_key[id]=objkey_x", undefined, "", 400],
    ["a wrong token", "GET", "/object_storage/access_keys/access_key?access_key[id]=objkey_x", undefined, "Bearer nope", 403],
    ["an unknown organization", "GET", "/organizations/organization/object_storage/access_keys?organization[sub_domain]=nobody", undefined, undefined, 404],
    ["an unknown region", "POST", "/organizations/organization/object_storage/object_storage_cluster/access_keys",
      { organization: { sub_domain: "emulator" }, object_storage_cluster: { region: "xx-1" }, properties: { name: "k" } }, undefined, 404],
    ["an organization without object storage", "POST", "/organizations/organization/object_storage/object_storage_cluster/access_keys",
      { organization: { sub_domain: "no-storage" }, object_storage_cluster: { region: "uk-lon-1" }, properties: { name: "k" } }, undefined, 404],
    ["a task queueing fault", "POST", "/object_storage/access_keys/access_key/generate_credentials", { access_key: { id: "objkey_x" } }, undefined, 406],
    ["a spent rate limit", "GET", "/organizations/organization/object_storage/access_keys?organization[sub_domain]=emulator", undefined, undefined, 429],
  ])("the emulator's answer to %s matches the spec", async (_what, method, target, body, authorization, status) => {
    if (status === 406) emulator.inject({ cloud: "katapult", kind: "status", status: 406 });
    if (status === 429) emulator.rateLimits.set("katapult", 1, 3_600_000);
    const send = () => undici.request(emulator.url("katapult") + target, {
      method: method as "GET" | "POST",
      headers: { authorization: authorization ?? `Bearer ${TOKENS.katapult}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (status === 429) await (await send()).body.text();
    const response = await send();
    const answer = { status: response.statusCode, body: await response.body.json() as Json };
    expect(answer.status).toBe(status);
    expect(response.headers["x-ratelimit-permitted"]).toBeDefined();
    expect(response.headers["retry-after"]).toBeUndefined();
    expect(checkResponse(method, new URL(target, "http://x").pathname, answer)).toEqual([]);
  });
});
