/**
 * Replays Bird's documented samples (docs.bird.com, collected in shared/api/recorded/bird/samples.md;
 * no real traffic exists) through our parsers, model and provider. The samples use GitBook
 * placeholders ("text", one fixed UUID), so assertions follow those values.
 */
import { listAccessKeys } from "../../provider/bird/api";
import { flattenKey, seenRolesOf } from "../../provider/bird/model";
import { AccessKeyProvider } from "../../provider/bird/provider";
import { AccessKeyInputs, AccessKeyOutputs, apiAccessKey, apiAccessKeyCreated, apiAccessKeyPage } from "../../provider/bird/schemas";
import { testContext } from "../helpers/emulator";
import { describeRecorded, Interaction } from "../helpers/recorded";
import { birdSection } from "./recorded";
import { ReplayServer } from "../helpers/recorded-server";

const ORG = "0f8fad5b-d9cb-469f-a165-70867728950e";
const KEY_ID = "5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9d0e";
const LIST = "1. List access keys";
const CREATE = "2. Create access key";
const GET = "3. Get access key";
const DELETE = "4. Delete access key";

type Json = Record<string, any>;
/** The one record of the list sample. */
const listedKey = () => (birdSection(LIST).json[0] as { results: Json[] }).results[0];
/** The placeholder role id of the samples (a UUID; ids of records are "text" placeholders). */
const sampleRoleId = () => listedKey().roleRefs[0].id as string;
const createSample = () => ({ request: birdSection(CREATE).json[0] as Json, response: birdSection(CREATE).json[1] as Json });

/** A documented HTTP sample (`GET /organizations/{organizationId}/... HTTP/1.1`) as a replayable interaction. */
function sampleCall(httpLine: string, status: number, body: unknown, keyId = KEY_ID): Interaction {
  const [method, target] = httpLine.split(" ");
  const path = target.replace("{organizationId}", ORG).replace("{accessKeyId}", keyId);
  return {
    method, url: new URL(path, "https://api.bird.com"), requestBody: "", status,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? "" : JSON.stringify(body),
  };
}

describeRecorded("Bird documented samples through our parsers and model", () => {
  it("the list sample parses and its roleRefs are read as role ids", () => {
    const page = apiAccessKeyPage.parse(birdSection(LIST).json[0]);
    expect(page.nextPageToken).toEqual(expect.any(String));
    expect(seenRolesOf(page.results[0])!.map((r) => r.id)).toEqual([sampleRoleId()]);
  });

  it("the create sample parses; the token becomes accessKey, roleRefs are kept and their ids are roleIds", () => {
    const created = apiAccessKeyCreated.parse(createSample().response);
    const outs = flattenKey(created.accessKey, { accessKey: created.token }, {});
    const record = createSample().response.accessKey as Json;
    expect(outs).toEqual({
      organizationId: record.organizationId, name: record.name, description: record.description, type: "user", suffix: record.suffix,
      createdAt: record.createdAt, updatedAt: record.updatedAt, roleIds: [sampleRoleId()], accessKey: createSample().response.token,
      roleRefs: record.roleRefs,
    });
  });

  it("the GET sample that renders full roles[] objects parses and yields their ids", () => {
    const key = apiAccessKey.parse(birdSection(GET).json[0]);
    expect(key.roles).toHaveLength(1);
    expect(flattenKey(key, { accessKey: "kept-token" }, {})).toMatchObject({ roleIds: [(key.roles![0] as Json).id], accessKey: "kept-token" });
  });

  it("lastUsedAt, which changes on every use, never reaches the outputs", () => {
    expect(Object.keys(flattenKey(apiAccessKey.parse(listedKey()), {}, {}))).not.toContain("lastUsedAt");
  });

  test("outputs keep each roleRefs entry's type and workspaces, not only its id", () => {
    const outs = flattenKey(apiAccessKey.parse(listedKey()), {}, {}) as AccessKeyOutputs & { roleRefs?: unknown };
    expect(outs.roleRefs).toEqual(listedKey().roleRefs);
  });
});

describeRecorded("Bird provider against replayed documented samples", () => {
  let replay: ReplayServer;
  const provider = () => new AccessKeyProvider(() => testContext(replay.url(), "AccessKey replay-token"));
  const inputs = (): AccessKeyInputs => {
    const { name, description } = createSample().request;
    // Auto-named: a chosen name is first looked up in the key list (shared/recovery.ts), a request the samples do not show.
    return { organizationId: ORG, name, description, roleIds: [sampleRoleId()], autoNamed: true };
  };
  const start = async (calls: Interaction[]) => (replay = await ReplayServer.start(calls));
  afterEach(async () => {
    expect(replay.problems).toEqual([]);
    expect(replay.remaining()).toEqual([]);
    await replay.close();
  });

  it("create sends one POST with name and description and returns the 201 token as accessKey", async () => {
    const section = birdSection(CREATE);
    await start([sampleCall(section.http[0], 201, section.json[1])]);
    const { id, outs } = await provider().create(inputs());
    const { response, request } = createSample();
    expect(id).toBe(response.accessKey.id);
    expect(outs).toMatchObject({ accessKey: response.token, roleIds: [sampleRoleId()], name: response.accessKey.name });
    expect(replay.received[0].body).toMatchObject({ name: request.name, description: request.description });
    expect(replay.received[0].headers.authorization).toBe("AccessKey replay-token");
  });

  // Every documented request sample sends `roleRefs`; `roleIds` is deprecated (samples.md section 2).
  test("create sends roles as roleRefs, as the documented request sample does, not the deprecated roleIds", async () => {
    const section = birdSection(CREATE);
    await start([sampleCall(section.http[0], 201, section.json[1])]);
    await provider().create(inputs());
    const sent = replay.received[0].body as Record<string, unknown>;
    expect(Object.keys(sent).sort()).toEqual(Object.keys(section.json[0] as object).sort());
    expect(sent.roleRefs).toEqual([expect.objectContaining({ id: sampleRoleId(), type: "organization" })]);
  });

  it("read of the GET sample keeps the stored token and reads roles[] ids", async () => {
    const section = birdSection(GET);
    await start([sampleCall(section.http[0], 200, section.json[0], (section.json[0] as Json).id)]);
    const stored = { organizationId: ORG, accessKey: "stored-token", roleIds: [], description: "d" } as unknown as AccessKeyOutputs;
    const record = section.json[0] as Json;
    const read = await provider().read(record.id, stored);
    expect(read.id).toBe(record.id);
    expect(read.props).toMatchObject({ accessKey: "stored-token", roleIds: [record.roles[0].id], description: record.description, type: "user" });
  });

  it("delete sends one DELETE and accepts the documented empty answer", async () => {
    await start([sampleCall(birdSection(DELETE).http[0], 204, undefined)]);
    await provider().delete(KEY_ID, { organizationId: ORG } as AccessKeyOutputs);
    expect(replay.received.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /organizations/${ORG}/access-keys/${KEY_ID}`]);
  });

  it("a list asks for at most 100 keys, the documented maximum, and follows nextPageToken", async () => {
    const section = birdSection(LIST);
    await start([sampleCall(section.http[0], 200, section.json[0])]);
    const page = await listAccessKeys(testContext(replay.url(), "AccessKey t"), ORG, "");
    expect(page.next).toBe((section.json[0] as Json).nextPageToken);
    expect(page.items).toHaveLength(1);
    expect(Number(replay.received[0].query.get("limit"))).toBeLessThanOrEqual(100);
  });
});
