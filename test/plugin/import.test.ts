/**
 * An import's Read through the plugin's gRPC service, for every registered cloud: with the id
 * alone (what `pulumi import` and the `import` option send), the key is found through the
 * provider's settings (its organization, where the cloud has them), its secret is empty (no cloud
 * returns it again) and still a secret, and the inputs it returns diff clean against a program
 * declaring the same key.
 */
import { pluginKey, typeToken } from "../../provider/plugin/names";
import { emulatorSettings, testedClouds } from "../helpers/clouds";
import { fileEmulator, testToken } from "../helpers/emulator";
import { PluginClient, Props, proto, startPlugin, struct, urn, wireSecret } from "../helpers/plugin-client";

const emulator = fileEmulator();
let plugin: PluginClient;

beforeAll(async () => {
  plugin = await startPlugin();
});
afterAll(() => plugin.stop());

const detailed = (res: proto.DiffResponse) => Object.fromEntries(res.getDetaileddiffMap().toArray().map(([k, d]) => [k, (d as unknown as [number])[0]]));

describe.each(testedClouds().map((c) => [c.title, c] as const))("%s", (_title, c) => {
  test("an import's Read finds the key with the id alone, its secret empty, and diffs clean against the same declaration", async () => {
    const type = typeToken(c.descriptor.kinds[0].kind);
    const { credentials } = c.descriptor;
    const settings = Object.fromEntries(Object.entries(emulatorSettings(c)).map(([k, v]) => [pluginKey(k), v]));
    await plugin.call("configure", new proto.ConfigureRequest().setAcceptsecrets(true).setArgs(struct({
      [pluginKey(credentials.token.configKey)]: wireSecret(testToken(c.name)), [pluginKey(credentials.url.configKey)]: emulator.url(c.name), ...settings,
    })));
    const at = urn(type, "imp");
    const declared = c.harness.plugin.declaration("imported-key");
    const check = (olds?: Props) => plugin.call<proto.CheckRequest, proto.CheckResponse>("check",
      new proto.CheckRequest().setUrn(at).setType(type).setNews(struct(declared)).setOlds(olds ? struct(olds) : undefined));
    const made = await plugin.call<proto.CreateRequest, proto.CreateResponse>("create", new proto.CreateRequest().setUrn(at).setType(type).setProperties((await check()).getInputs()));

    const read = await plugin.call<proto.ReadRequest, proto.ReadResponse>("read", new proto.ReadRequest().setUrn(at).setType(type).setId(made.getId()));
    expect(read.getId()).toBe(made.getId());
    expect((read.getProperties()!.toJavaScript() as Props)[c.harness.secretOutput]).toEqual(wireSecret(""));
    const inputs = read.getInputs()!.toJavaScript() as Props;
    expect(inputs[c.harness.plugin.nameField]).toBe("imported-key");

    const again = await check(inputs);
    const res = await plugin.call<proto.DiffRequest, proto.DiffResponse>("diff", new proto.DiffRequest().setUrn(at).setType(type).setId(made.getId())
      .setOlds(read.getProperties()).setNews(again.getInputs()).setOldInputs(read.getInputs()));
    expect({ changes: res.getChanges(), detailed: detailed(res) }).toEqual({ changes: proto.DiffResponse.DiffChanges.DIFF_NONE, detailed: {} });
  });
});
