/**
 * The plugin's gRPC service in-process against the emulator, RPC by RPC, as the engine calls it,
 * with Linode keys (test/plugin/import.test.ts covers every cloud's import):
 * config checks that name the key and never the value, config changes that never replace, secrets
 * unwrapped in and wrapped out, the logical name from the URN, an import's Read with an id
 * alone, detailed diffs without internal fields, and the dynamic resources' error messages.
 */
import { clouds, implementation } from "../../provider/clouds";
import { typeToken } from "../../provider/plugin/names";
import { fileEmulator, testToken } from "../helpers/emulator";
import { PluginClient, Props, empty, proto, startPlugin, struct, urn, wireSecret } from "../helpers/plugin-client";
import { SECRET_SIG } from "../../provider/plugin/wire";

const emulator = fileEmulator();
let plugin: PluginClient;
const TYPE = "access-keys:linode:ObjectStorageKey";
const URN = urn(TYPE, "ci");

beforeAll(async () => {
  plugin = await startPlugin("1.2.3");
});
afterAll(() => plugin.stop());
beforeEach(async () => {
  await configure({ linodeToken: wireSecret(testToken("linode")), linodeUrl: emulator.url("linode") });
});

async function configure(args: Props): Promise<proto.ConfigureResponse> {
  return plugin.call("configure", new proto.ConfigureRequest().setArgs(struct(args)).setAcceptsecrets(true));
}
const check = (news: Props, olds?: Props) =>
  plugin.call<proto.CheckRequest, proto.CheckResponse>("check", new proto.CheckRequest().setUrn(URN).setType(TYPE).setNews(struct(news)).setOlds(olds ? struct(olds) : undefined));
async function create(news: Props) {
  const checked = await check(news);
  const res = await plugin.call<proto.CreateRequest, proto.CreateResponse>("create", new proto.CreateRequest().setUrn(URN).setType(TYPE).setProperties(checked.getInputs()));
  return { id: res.getId(), outs: res.getProperties()!.toJavaScript() as Props, inputs: checked.getInputs()!.toJavaScript() as Props };
}
const diff = (id: string, olds: Props, news: Props, oldInputs?: Props) =>
  plugin.call<proto.DiffRequest, proto.DiffResponse>("diff", new proto.DiffRequest().setUrn(URN).setType(TYPE).setId(id)
    .setOlds(struct(olds)).setNews(struct(news)).setOldInputs(oldInputs ? struct(oldInputs) : undefined));
const detailed = (res: proto.DiffResponse) =>
  Object.fromEntries(res.getDetaileddiffMap().toArray().map(([k, d]) => [k, (d as unknown as [number])[0]]));

test("GetPluginInfo and GetSchema answer the version and the package schema", async () => {
  const info = await plugin.call<unknown, { getVersion(): string }>("getPluginInfo", empty());
  expect(info.getVersion()).toBe("1.2.3");
  const schema = await plugin.call<proto.GetSchemaRequest, proto.GetSchemaResponse>("getSchema", new proto.GetSchemaRequest());
  expect(Object.keys(JSON.parse(schema.getSchema()).resources)).toEqual(clouds().flatMap((c) => c.kinds.map((k) => typeToken(k.kind))));
});

test("CheckConfig names the bad key and never shows its value", async () => {
  const res = await plugin.call<proto.CheckRequest, proto.CheckResponse>("checkConfig", new proto.CheckRequest().setNews(struct({
    linodeToken: wireSecret("tok en-secret-value"), linodeUrl: "http://api.example.com/secret-path",
  })));
  const failures = res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
  expect(failures).toEqual([
    { property: "linodeToken", reason: "access-keys:linodeToken contains whitespace" },
    { property: "linodeUrl", reason: "access-keys:linodeUrl must be an https:// URL (plain http is only allowed for loopback addresses)" },
  ]);
  expect(JSON.stringify(failures)).not.toMatch(/secret-value|secret-path|example/);
});

test("DiffConfig: a new token is an update of the provider, never a replacement", async () => {
  const res = await plugin.call<proto.DiffRequest, proto.DiffResponse>("diffConfig", new proto.DiffRequest()
    .setOlds(struct({ linodeToken: wireSecret("old-token"), linodeUrl: "https://api.linode.com/v4" }))
    .setNews(struct({ linodeToken: wireSecret("new-token"), linodeUrl: "https://api.linode.com/v4" })));
  expect({ changes: res.getChanges(), replaces: res.getReplacesList(), detailed: detailed(res) })
    .toEqual({ changes: proto.DiffResponse.DiffChanges.DIFF_SOME, replaces: [], detailed: { linodeToken: proto.PropertyDiff.Kind.UPDATE } });
});

test("Configure accepts secrets; Check names the key after the URN; Create wraps the secret output", async () => {
  const configured = await configure({ linodeToken: wireSecret(testToken("linode")), linodeUrl: emulator.url("linode") });
  expect(configured.getAcceptsecrets()).toBe(true);
  const made = await create({ regions: ["us-east"] });
  expect(made.inputs.label).toMatch(/^ci-[a-z0-9]{7}$/);
  expect(made.outs.secretKey).toEqual({ [SECRET_SIG]: expect.any(String), value: emulator.cloud("linode").inventory()[0].secret_key });
  expect(emulator.cloud("linode").inventory().map((k) => String(k.id))).toEqual([made.id]);
});

test("an import's Read (an id, no properties) returns inputs that diff clean against the same declaration", async () => {
  const made = await create({ label: "imported-key", regions: ["us-east", "eu-central"] });
  const read = await plugin.call<proto.ReadRequest, proto.ReadResponse>("read", new proto.ReadRequest().setUrn(URN).setType(TYPE).setId(made.id));
  const inputs = read.getInputs()!.toJavaScript() as Props;
  expect({ id: read.getId(), inputs }).toEqual({ id: made.id, inputs: { label: "imported-key", regions: ["eu-central", "us-east"] } });
  const outs = read.getProperties()!.toJavaScript() as Props;
  const checked = (await check({ label: "imported-key", regions: ["us-east", "eu-central"] }, inputs)).getInputs()!.toJavaScript() as Props;
  const res = await diff(made.id, outs, checked, inputs);
  expect(res.getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_NONE);
});

test("Diff: a label change updates, bucket access replaces; internal fields never show", async () => {
  const made = await create({ label: "first-label", regions: ["us-east"] });
  const renamed = (await check({ label: "second-label", regions: ["us-east"] }, made.inputs)).getInputs()!.toJavaScript() as Props;
  const update = await diff(made.id, made.outs, renamed, made.inputs);
  expect({ changes: update.getChanges(), replaces: update.getReplacesList(), detailed: detailed(update) })
    .toEqual({ changes: proto.DiffResponse.DiffChanges.DIFF_SOME, replaces: [], detailed: { label: proto.PropertyDiff.Kind.UPDATE } });
  const limited = (await check({ label: "first-label", bucketAccess: [{ bucketName: "bkt", region: "us-east", permissions: "read_only" }] }, made.inputs)).getInputs()!.toJavaScript() as Props;
  const replace = await diff(made.id, made.outs, limited, made.inputs);
  expect({ replaces: replace.getReplacesList(), detailed: detailed(replace) }).toEqual({
    replaces: ["bucketAccess", "rotatedAt"],
    detailed: { bucketAccess: proto.PropertyDiff.Kind.ADD_REPLACE, regions: proto.PropertyDiff.Kind.DELETE, rotatedAt: proto.PropertyDiff.Kind.UPDATE_REPLACE },
  });
});

test("errors carry the dynamic resources' messages", async () => {
  await configure({ linodeToken: wireSecret("wrong-token-0000"), linodeUrl: emulator.url("linode") });
  const checked = (await check({ label: "refused", regions: ["us-east"] })).getInputs()!;
  const viaPlugin = plugin.call("create", new proto.CreateRequest().setUrn(URN).setType(TYPE).setProperties(checked));
  const direct = implementation("linode:ObjectStorageKey").create!(checked.toJavaScript() as never);
  const message = await direct.then(() => "created", (e: Error) => e.message);
  expect(message).toMatch(/401/);
  await expect(viaPlugin).rejects.toMatchObject({ details: message });
  expect(message).not.toContain("wrong-token-0000");
});

test("Cancel answers; an unknown type is refused by name", async () => {
  await expect(plugin.call("cancel", empty())).resolves.toBeDefined();
  const res = plugin.call("check", new proto.CheckRequest().setUrn(urn("access-keys:nope:Key", "x")).setType("access-keys:nope:Key").setNews(struct({})));
  await expect(res).rejects.toMatchObject({ details: expect.stringContaining('no resource type "access-keys:nope:Key"') });
});

test("the schema's descriptions and object types come from the field table's TSDoc and types", async () => {
  const schema = JSON.parse((await plugin.call<proto.GetSchemaRequest, proto.GetSchemaResponse>("getSchema", new proto.GetSchemaRequest())).getSchema());
  const linode = schema.resources[TYPE];
  expect(linode.inputProperties.label.description).toMatch(/^Key label, 3\.\.50 characters\./);
  expect(linode.inputProperties.bucketAccess.items).toEqual({ $ref: "#/types/access-keys:linode:BucketAccess" });
  expect(schema.types["access-keys:linode:BucketAccess"].properties.bucketName).toEqual({ type: "string", description: "Bucket label (3..63 characters)." });
  expect(linode.properties.secretKey).toMatchObject({ type: "string", secret: true });
});

test("per-resource credentials win over the provider's settings, and stay secret in the outputs", async () => {
  await configure({ linodeToken: wireSecret("provider-token-0000"), linodeUrl: emulator.url("linode") });
  const credentials = wireSecret({ token: testToken("linode"), url: emulator.url("linode") });
  const made = await create({ label: "own-account", regions: ["us-east"], credentials });
  expect(emulator.cloud("linode").inventory().map((k) => String(k.id))).toEqual([made.id]);
  expect(made.outs.credentials).toEqual({ [SECRET_SIG]: expect.any(String), value: { token: testToken("linode"), url: emulator.url("linode") } });
});
