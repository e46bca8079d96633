/**
 * A fourth cloud, "Widgets", that exists only in this folder, driven through the real provider
 * host: the registries are its only integration points. Provider side: a descriptor built from
 * the shared pieces (provider.ts) and one `registerCloud` call (register.ts), made in this
 * process and in the host (host-build.ts); emulator side: one `registerEmulatedCloud` call, after
 * which `createEmulator()` serves it with the shared counters. The serialized provider is the
 * package's own bootstrap (`shimProvider`), as for the built-in clouds.
 */
import "./register";
import { createEmulator, Emulator, registerEmulatedCloud } from "../../emulator";
import { shimProvider } from "../../provider/shared/shim";
import { Host, startHost } from "../helpers/host";
import { emulatedWidgets, WidgetsCloud } from "./emulated";
import { compileForHost } from "./host-build";

registerEmulatedCloud("widgets", emulatedWidgets);

const TOKEN = "widgets-test-token-0000";
const KEY = "widgets GET /api/keys/{id}";

let emulator: Emulator;
let host: Host;
let build: ReturnType<typeof compileForHost>;
let widgets: WidgetsCloud;

beforeAll(async () => {
  emulator = createEmulator({ widgets: { tokens: [TOKEN] } });
  await emulator.start();
  widgets = emulator.cloud<WidgetsCloud>("widgets");
  build = compileForHost();
  host = await startHost(shimProvider("widgets:AccessKey"), {
    NODE_OPTIONS: `--require ${build.registration}`, WIDGETS_TOKEN: "", WIDGETS_URL: "", PULUMI_ACCESS_KEYS_RETRY_BASE_MS: "50",
  });
  await host.configure({ "widgets:token": TOKEN, "widgets:url": emulator.url("widgets") });
});
afterAll(async () => {
  await host?.stop();
  await emulator?.stop();
  build?.cleanup();
});
beforeEach(() => {
  emulator.resetCounts();
});

test("check names the bad field offline; create, read, update and delete make one Widgets call each (a read retried after a 503 makes two; a create with a chosen name lists the keys first)", async () => {
  const bad = await host.check({}, { name: "ci", scopes: ["fly"] });
  expect(bad.failures).toEqual([{ property: "scopes[0]", reason: 'each scope must be "read" or "write"' }]);
  expect(emulator.requestCounts()).toEqual({});

  const { inputs } = await host.check({}, { name: "ci", scopes: ["read"] });
  const created = await host.create(inputs);
  const [stored] = widgets.inventory();
  expect(created.id).toBe(stored.id);
  expect(created.properties.secret).toBe(stored.secret);
  expect(emulator.requestCounts()).toEqual({ "widgets GET /api/keys": 1, "widgets POST /api/keys": 1 });

  // The emulator's shared faults apply to it, and the shared HTTP layer retries the read.
  emulator.resetCounts();
  emulator.inject({ cloud: "widgets", route: "GET /api/keys/{id}", kind: "status", status: 503 });
  widgets.edit(created.id, { name: "renamed-in-console" });
  const read = await host.read(created.id, created.properties);
  expect(read).toMatchObject({ id: created.id, properties: { name: "renamed-in-console", secret: stored.secret }, inputs: { name: "renamed-in-console" } });
  expect(emulator.requestCounts()).toEqual({ [KEY]: 2 });

  const wanted = { ...inputs, name: "ci-2", scopes: ["read", "write"] };
  expect(await host.diff(created.id, read.properties, wanted)).toEqual({ changes: 2, replaces: [] });
  emulator.resetCounts();
  const updated = await host.update(created.id, read.properties, wanted);
  expect(updated).toMatchObject({ name: "ci-2", scopes: ["read", "write"], secret: stored.secret });
  expect(widgets.inventory()[0]).toMatchObject({ name: "ci-2", scopes: ["read", "write"] });
  expect(emulator.requestCounts()).toEqual({ "widgets PATCH /api/keys/{id}": 1 });

  emulator.resetCounts();
  await host.delete(created.id, updated);
  expect(widgets.inventory()).toEqual([]);
  expect(emulator.requestCounts()).toEqual({ "widgets DELETE /api/keys/{id}": 1 });

  expect(host.output()).not.toContain(TOKEN);
  expect(host.output()).not.toContain(String(stored.secret));
});

test("a 404 the key list confirms reads as gone; a 404 from a wrong URL is an error that keeps the key", async () => {
  const { inputs } = await host.check({}, { name: "gone", scopes: ["write"] });
  const removed = await host.create(inputs);
  widgets.remove(removed.id);
  emulator.resetCounts();
  expect((await host.read(removed.id, removed.properties)).id).toBe("");
  expect(emulator.requestCounts()).toEqual({ [KEY]: 1, "widgets GET /api/keys": 1 });

  const kept = await host.create(inputs);
  const wrongUrl = { ...kept.properties, credentials: { token: TOKEN, url: emulator.url("widgets").replace(/\/api$/, "/v2") } };
  emulator.resetCounts();
  await expect(host.read(kept.id, wrongUrl)).rejects.toThrow(/read Widgets key .*404/);
  await expect(host.delete(kept.id, wrongUrl)).rejects.toThrow(/delete Widgets key .*404/);
  expect(widgets.inventory().map((k) => k.id)).toEqual([kept.id]);
  expect(emulator.requestCounts()).toEqual({ "widgets GET (unknown route)": 1, "widgets DELETE (unknown route)": 1 });

  await host.delete(kept.id, kept.properties);
  expect(widgets.inventory()).toEqual([]);
});
