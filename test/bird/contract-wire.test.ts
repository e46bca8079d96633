/**
 * Bird contract. Bird publishes no full spec and no traffic, so the JSON schemas here are
 * derived at run time from the documented samples in shared/api/recorded/bird/samples.md
 * (each sample's shape, closed with `additionalProperties: false`), amended only by what the
 * same page's field tables say (required fields, nullable `lastUsedAt`, the deprecated `roleIds`),
 * and list parameters come from the embedded OpenAPI crawl (section 6). Every request our client
 * sends and every emulator answer is validated with ajv.
 */
import Ajv from "ajv";
import { BIRD_EMULATOR_ORGANIZATION, BirdCloud } from "../../emulator/bird";
import { AccessKeyProvider } from "../../provider/bird/provider";
import { AccessKeyInputs } from "../../provider/bird/schemas";
import { fileEmulator, testContext, TOKENS } from "../helpers/emulator";
import { describeRecorded } from "../helpers/recorded";
import { birdSection } from "./recorded";
import { Exchange, recordExchanges, sendRaw } from "../contract/exchanges";

type Json = Record<string, any>;
const ajv = new Ajv({ strict: false, allErrors: true });
const ORG = BIRD_EMULATOR_ORGANIZATION;
const ROLE = "11111111-2222-4333-8444-555555555555";
const UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/** The shape of a sample: every field required, no others, arrays typed by their first item. */
function shapeOf(sample: unknown): Json {
  if (sample === null) return { type: "null" };
  if (Array.isArray(sample)) return { type: "array", items: sample.length > 0 ? shapeOf(sample[0]) : {} };
  if (typeof sample !== "object") return { type: typeof sample === "number" ? "number" : typeof sample };
  const entries = Object.entries(sample as Json);
  return { type: "object", properties: Object.fromEntries(entries.map(([k, v]) => [k, shapeOf(v)])), required: entries.map(([k]) => k), additionalProperties: false };
}

/**
 * The record from the list sample, amended by the field table (section 3): only id,
 * organizationId, name, suffix and createdAt are required, lastUsedAt is nullable, and
 * `workspaces` is optional in a role reference. `roles` (section 3's GET sample) and the
 * deprecated `roleIds` (section 5) are other documented renderings of the roles.
 */
function recordSchema(rolesAs: "any documented" | "roleRefs"): Json {
  const record = shapeOf((birdSection("1. List access keys").json[0] as Json).results[0]);
  record.required = ["id", "organizationId", "name", "suffix", "createdAt"];
  record.properties.lastUsedAt = { type: ["string", "null"] };
  record.properties.roleRefs.items.required = ["id", "type"];
  if (rolesAs === "any documented") {
    record.properties.roles = shapeOf(birdSection("3. Get access key").json[0]).properties.roles;
    record.properties.roleIds = { type: "array", items: { type: "string" }, maxItems: 5 };
  }
  return record;
}

const text = { type: "string", minLength: 1, maxLength: 256 };
/** Request bodies: the create sample's shape plus the field table's limits and deprecated roleIds. */
function createBodySchema(): Json {
  const body = shapeOf(birdSection("2. Create access key").json[0]);
  body.required = ["name", "description"];
  Object.assign(body.properties, { name: text, description: text, roleIds: { type: "array", items: { type: "string", pattern: UUID }, minItems: 1, maxItems: 5 } });
  body.properties.roleRefs.items.required = ["id", "type"];
  return body;
}
const patchBodySchema = () => ({
  type: "object", additionalProperties: false, minProperties: 1,
  properties: { name: text, description: text, roleIds: { type: "array", items: { type: "string", pattern: UUID }, minItems: 1, maxItems: 5 } },
});

/** The list parameters of the embedded OpenAPI crawl (section 6), cut out of the truncated excerpt. */
function listParameters(): Record<string, Json> {
  const section = birdSection("6. Embedded OpenAPI crawl").text;
  const start = section.indexOf("{", section.indexOf('"parameters":'));
  let depth = 0;
  for (let i = start; i < section.length; i++) {
    depth += section[i] === "{" ? 1 : section[i] === "}" ? -1 : 0;
    if (depth === 0) return Object.fromEntries(Object.values(JSON.parse(section.slice(start, i + 1)) as Json).map((p) => [p.name, p.schema]));
  }
  throw new Error("no complete parameters object in section 6");
}

function problemsOf({ req, res }: Exchange): string[] {
  const problems: string[] = [];
  const check = (what: string, schema: Json, value: unknown) => {
    const validate = ajv.compile(schema);
    if (!validate(value)) problems.push(`${req.method} ${req.path} ${what}: ${ajv.errorsText(validate.errors)}`);
  };
  const isList = /\/access-keys\/?$/.test(req.path);
  if (req.method === "POST") check("request", createBodySchema(), req.body);
  else if (req.method === "PATCH") check("request", patchBodySchema(), req.body);
  else if (req.body !== undefined) problems.push(`${req.method} ${req.path}: unexpected body`);
  const parameters = listParameters();
  for (const [name, raw] of req.query) {
    const schema = parameters[name];
    const value = schema?.type === "integer" ? Number(raw) : schema?.type === "boolean" ? raw === "true" : raw;
    if (!schema || !isList) problems.push(`${req.method} ${req.path}: undocumented query parameter ${name}`);
    else check(`query ${name}`, { ...schema, default: undefined }, value);
  }
  if (res.status >= 300) return problems;
  const record = recordSchema("any documented");
  if (req.method === "POST") check("201", { ...shapeOf(birdSection("2. Create access key").json[1]), properties: { accessKey: record, token: text } }, res.body);
  else if (req.method === "DELETE") problems.push(...(res.status === 204 && res.body === undefined ? [] : [`DELETE answered ${res.status}, not "No content"`]));
  else if (isList) check("200", { ...shapeOf(birdSection("1. List access keys").json[0]), properties: { results: { type: "array", items: record }, nextPageToken: { type: "string" } }, required: ["results"] }, res.body);
  else check("200", record, res.body);
  return problems;
}

describeRecorded("Bird contract (schemas derived from the documented samples)", () => {
  const emulator = fileEmulator();
  const bird = emulator.cloud<BirdCloud>("bird");
  const exchanges = recordExchanges(bird);
  const auth = `AccessKey ${TOKENS.bird}`;
  beforeEach(() => {
    bird.organizations.add(ORG);
    exchanges.length = 0;
  });

  it("the derived schemas accept the documented samples they were not derived from", () => {
    expect(ajv.compile(recordSchema("any documented"))(birdSection("3. Get access key").json[0])).toBe(true);
    expect(ajv.compile(createBodySchema())({ name: "n", description: "d", roleIds: [ROLE] })).toBe(true);
    expect(listParameters().limit).toMatchObject({ type: "integer", minimum: 1, maximum: 100 });
  });

  it("every request of a full lifecycle and every emulator answer to it match the documented shapes", async () => {
    const ctx = testContext(emulator.url("bird"), auth);
    const provider = new AccessKeyProvider(() => ctx);
    const inputs: AccessKeyInputs = { organizationId: ORG, name: "ci-key", description: "Managed by Pulumi", roleIds: [ROLE] };
    const { id, outs } = await provider.create(inputs);
    const read = await provider.read(id, outs);
    await provider.update(id, read.props!, { ...inputs, name: "ci-key-2", description: "renamed" });
    emulator.inject({ cloud: "bird", method: "POST", kind: "lost" });
    await provider.create({ ...inputs, name: "key-abcdefg", autoNamed: true });
    await provider.delete(id, outs);
    await provider.delete(id, outs);
    await provider.read(id, outs);
    expect(exchanges.flatMap(problemsOf)).toEqual([]);
    const seen = new Set(exchanges.map(({ req, res }) => `${req.method} ${res.status}`));
    expect([...seen].sort()).toEqual(["DELETE 204", "DELETE 404", "GET 200", "GET 404", "PATCH 200", "POST 201"]);
  });

  it("the emulator renders roles as roleRefs, as the list and create samples do", async () => {
    const created = await sendRaw(emulator, "bird", "POST", `/organizations/${ORG}/access-keys`, auth, { name: "k", description: "d", roleIds: [ROLE] });
    const validate = ajv.compile(recordSchema("roleRefs"));
    expect(validate((created.body as Json).accessKey) ? [] : validate.errors).toEqual([]);
    expect((created.body as Json).accessKey.roleRefs).toEqual([expect.objectContaining({ id: ROLE, type: "organization" })]);
  });

  it("the emulator accepts the create request exactly as documented, roleRefs included", async () => {
    const sample = birdSection("2. Create access key").json[0] as Json;
    const created = await sendRaw(emulator, "bird", "POST", `/organizations/${ORG}/access-keys`, auth, { ...sample, roleRefs: [{ ...sample.roleRefs[0], id: ROLE }] });
    expect(created.status).toBe(201);
    const key = (created.body as Json).accessKey as Json;
    const roleIds = [...(key.roleRefs ?? key.roles ?? []).map((r: Json) => r.id), ...(key.roleIds ?? [])];
    expect(roleIds).toEqual([ROLE]);
  });
});
