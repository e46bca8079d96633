/**
 * The emulator iterates the registry (provider/clouds.ts): a cloud registered with the provider
 * and with the emulator is served under `/<name><apiPath>` without any edit to emulator/, and
 * `<cloud>Xyz` settings reach that cloud's module as `xyz`.
 */
import { Accounts, CloudModule, createEmulator, Emulator, emulatedCloud, registerEmulatedCloud } from "../../emulator";
import type { EmulatedRequest, EmulatedResponse, Route } from "../../emulator/types";
import { clouds, registerCloud } from "../../provider/clouds";
import type { CloudDescriptor } from "../../provider/shared/cloud";

const TOKEN = "fake-test-token-0000";

/** A cloud with one route, `GET /things`, that answers the settings it was given. */
class FakeCloud implements CloudModule {
  readonly name = "fake";
  readonly accounts = new Accounts([TOKEN], undefined, TOKEN);
  settings: Record<string, unknown> = {};
  authenticate(req: EmulatedRequest): EmulatedResponse | undefined {
    return req.headers.authorization === `Token ${TOKEN}` ? undefined : { status: 401, body: { problem: "token" } };
  }
  route(req: EmulatedRequest): Route | undefined {
    return req.method === "GET" && req.path === "/api/v2/things" ? { name: "GET /api/v2/things", handle: () => ({ status: 200, body: { settings: this.settings } }) } : undefined;
  }
  errorResponse = (status: number): EmulatedResponse => ({ status, body: { problem: "error" } });
  unknownRoute = (): EmulatedResponse => ({ status: 404, body: { problem: "route" } });
  echoAuthResponse = (status: number): EmulatedResponse => ({ status, body: {} });
  rateLimitResponse = (): EmulatedResponse => ({ status: 429, body: { problem: "slow down" } });
  inventory = () => [];
  edit = () => false;
  remove = () => false;
  configure(settings: Record<string, unknown>): void {
    Object.assign(this.settings, settings);
  }
  reset(): void {
    this.settings = {};
  }
}

const fake: CloudDescriptor = {
  ...clouds()[0],
  name: "fake",
  title: "Fake",
  kinds: [{ kind: "fake:Key", fields: {}, provider: () => ({ create: async () => ({ id: "1" }) }) }],
};

let emulator: Emulator;
let base: string;

beforeAll(async () => {
  registerCloud(fake);
  registerEmulatedCloud("fake", { apiPath: "/api/v2", create: () => new FakeCloud(), stackSettings: {}, defaultToken: TOKEN });
  emulator = createEmulator();
  base = await emulator.start();
});

afterAll(() => emulator.stop());

const things = () => fetch(`${emulator.url("fake")}/things`, { headers: { authorization: `Token ${TOKEN}` } });

describe("the emulator serves every cloud of the registry", () => {
  it("serves a newly registered cloud under /<name><apiPath>, counted like the built-in ones", async () => {
    expect(emulator.url("fake")).toBe(`${base}/fake/api/v2`);
    const answer = await things();
    expect([answer.status, await answer.json()]).toEqual([200, { settings: {} }]);
    expect(emulator.requestCounts()).toEqual({ "fake GET /api/v2/things": 1 });
  });

  it("builds one module per registered cloud, the new one included", () => {
    expect([...emulator.clouds.keys()]).toEqual(clouds().map((c) => c.name));
  });

  it("routes <cloud>Xyz settings to that cloud as xyz, next to the emulator's own settings", async () => {
    emulator.applySettings({ latencyMs: 0, rateLimits: {}, fakeDelayMs: 250 });
    expect(await (await things()).json()).toEqual({ settings: { delayMs: 250 } });
  });

  it("refuses a cloud with no folder and no registration, naming the folder it looked for", () => {
    expect(() => emulatedCloud("nowhere")).toThrow(/no folder emulator\/nowhere/);
  });
});
