/**
 * The plugin is a consumer of the registry: the test-only Widgets cloud (test/fourth-cloud/),
 * registered with its one line, gets a resource type `access-keys:widgets:AccessKey`, provider
 * settings `widgetsToken` / `widgetsUrl`, a schema entry generated from its field table, and its
 * CRUD through the plugin's RPCs, with no plugin code of its own.
 */
import * as path from "node:path";
import "../fourth-cloud/register";
import { createEmulator, Emulator, registerEmulatedCloud } from "../../emulator";
import { schemaText, REPO } from "../../scripts/schema";
import { emulatedWidgets, WidgetsCloud } from "../fourth-cloud/emulated";
import { PluginClient, Props, proto, startPlugin, struct, urn, wireSecret } from "../helpers/plugin-client";
import { SECRET_SIG } from "../../provider/plugin/wire";

registerEmulatedCloud("widgets", emulatedWidgets);

const TOKEN = "widgets-plugin-token-0000";
const TYPE = "access-keys:widgets:AccessKey";
const URN = urn(TYPE, "w");
let emulator: Emulator;
let plugin: PluginClient;

beforeAll(async () => {
  emulator = createEmulator({ widgets: { tokens: [TOKEN] } });
  await emulator.start();
  plugin = await startPlugin();
});
afterAll(async () => {
  await plugin?.stop();
  await emulator?.stop();
});

test("the schema generated for the registry has the Widgets resource and its settings, from its field table", () => {
  const schema = JSON.parse(schemaText([path.join(REPO, "provider", "clouds.ts"), path.join(REPO, "test", "fourth-cloud", "provider.ts")]));
  expect(schema.resources[TYPE].inputProperties).toEqual({
    name: { type: "string", description: "Key name, 1..64 characters." },
    scopes: { type: "array", items: { type: "string" }, description: "What the key may do: `read`, `write`." },
    credentials: { $ref: "#/types/access-keys:widgets:AccessKeyCredentials", description: "Another account's token and URL.", secret: true },
  });
  expect(schema.resources[TYPE].properties.secret).toEqual({ type: "string", description: "The key's secret.", secret: true });
  expect(schema.config.variables.widgetsToken).toMatchObject({ type: "string", secret: true });
  expect(schema.config.variables).toHaveProperty("widgetsUrl");
});

test("configure, check, create, read and delete a Widgets key through the plugin's RPCs", async () => {
  await plugin.call("configure", new proto.ConfigureRequest().setArgs(struct({ widgetsToken: wireSecret(TOKEN), widgetsUrl: emulator.url("widgets") })));
  const checked = await plugin.call<proto.CheckRequest, proto.CheckResponse>("check", new proto.CheckRequest().setUrn(URN).setType(TYPE).setNews(struct({ name: "ci", scopes: ["read"] })));
  expect(checked.getFailuresList()).toEqual([]);
  const created = await plugin.call<proto.CreateRequest, proto.CreateResponse>("create", new proto.CreateRequest().setUrn(URN).setType(TYPE).setProperties(checked.getInputs()));
  const [stored] = emulator.cloud<WidgetsCloud>("widgets").inventory();
  const id = String(stored.id);
  expect(created.getId()).toBe(id);
  expect((created.getProperties()!.toJavaScript() as Props).secret).toEqual({ [SECRET_SIG]: expect.any(String), value: stored.secret });
  const read = await plugin.call<proto.ReadRequest, proto.ReadResponse>("read", new proto.ReadRequest().setUrn(URN).setType(TYPE).setId(id));
  expect(read.getInputs()!.toJavaScript()).toEqual({ name: "ci", scopes: ["read"] });
  await plugin.call("delete", new proto.DeleteRequest().setUrn(URN).setType(TYPE).setId(id).setProperties(created.getProperties()));
  expect(emulator.cloud<WidgetsCloud>("widgets").inventory()).toEqual([]);
});
