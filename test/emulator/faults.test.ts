/**
 * The new fault kinds, in-process and over `/_emulator/faults`: a gateway 5xx whose request still
 * lands, an error quoting the Authorization header, a server clock an hour ahead, and an HTML 404
 * on one path only.
 */
import { Emulator } from "../../emulator";
import { BIRD_EMULATOR_ORGANIZATION } from "../../emulator/bird";
import { KatapultCloud } from "../../emulator/katapult";
import { CloudName } from "../../emulator/types";
import { startEmulator, TOKENS } from "../helpers/emulator";
import { AUTH, call } from "./helpers";

const HOUR = 3_600_000;
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.reset();
  emulator.cloud<KatapultCloud>("katapult").provisioning.createRejections = 0;
});

const LINODE_KEYS = "/object-storage/keys";
const control = (path: string, body: unknown) =>
  fetch(`${emulator.url("linode").replace(/\/linode\/v4$/, "")}/_emulator/${path}`, { method: "POST", body: JSON.stringify(body) });

describe("gateway fault", () => {
  it("answers 504 with an HTML page at once, and the create lands a moment later", async () => {
    emulator.inject({ cloud: "linode", method: "POST", kind: "gateway", status: 504, delayMs: 200 });
    const started = Date.now();
    const answer = await call(emulator, "linode", "POST", LINODE_KEYS, { label: "late-key" });
    expect(Date.now() - started).toBeLessThan(150);
    expect([answer.status, answer.headers.get("content-type")]).toEqual([504, "text/html"]);
    expect(answer.text).toContain("504 Gateway Time-out");
    expect(emulator.cloud("linode").inventory()).toHaveLength(0);
    await emulator.settled();
    expect(emulator.cloud("linode").inventory().map((k) => k.label)).toEqual(["late-key"]);
  });

  it("is injected over HTTP too, and /_emulator/settled waits for the late request", async () => {
    await control("faults", { cloud: "bird", method: "POST", kind: "gateway", status: 502 });
    const answer = await call(emulator, "bird", "POST", `/organizations/${BIRD_EMULATOR_ORGANIZATION}/access-keys`, { name: "late", description: "late" });
    expect(answer.status).toBe(502);
    await control("settled", {});
    expect(emulator.cloud("bird").inventory()).toHaveLength(1);
  });
});

describe("echo-auth fault", () => {
  const cases: [CloudName, string, (body: any) => string[]][] = [
    ["linode", LINODE_KEYS, (b) => [b.errors[0].reason, b.errors[0].field]],
    ["katapult", "/object_storage/access_keys/access_key?access_key%5Bid%5D=x", (b) => [b.error.description, b.error.code, JSON.stringify(b.error.detail)]],
    ["bird", `/organizations/${BIRD_EMULATOR_ORGANIZATION}/access-keys`, (b) => [b.message, b.code, JSON.stringify(b.details)]],
  ];
  for (const [cloud, path, fields] of cases) {
    it(`${cloud}: the error body quotes the whole Authorization value and the bare token`, async () => {
      emulator.inject({ cloud, kind: "echo-auth" });
      const answer = await call(emulator, cloud, "GET", path);
      expect(answer.status).toBe(401);
      const [message, ...others] = fields(answer.json);
      expect(message).toContain(AUTH[cloud]);
      expect(others.join(" ")).toContain(TOKENS[cloud]);
    });
  }
});

describe("clock-skew fault", () => {
  it("Linode: a 429 whose Date and X-RateLimit-Reset are an hour ahead while Retry-After says one second", async () => {
    emulator.inject({ cloud: "linode", kind: "clock-skew" });
    const answer = await call(emulator, "linode", "GET", LINODE_KEYS);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("1");
    expect(Date.parse(answer.headers.get("date")!) - Date.now()).toBeGreaterThan(HOUR - 5_000);
    expect(Number(answer.headers.get("x-ratelimit-reset")) * 1000 - Date.now()).toBeGreaterThan(HOUR);
    expect((await call(emulator, "linode", "GET", LINODE_KEYS)).status).toBe(200);
  });

  it("Katapult: rate_limit_reached with no budget left and a Date an hour ahead", async () => {
    await control("faults", { cloud: "katapult", kind: "clock-skew" });
    const answer = await call(emulator, "katapult", "GET", "/object_storage/access_keys/access_key?access_key%5Bid%5D=x");
    expect([answer.status, answer.json.error.code, answer.headers.get("x-ratelimit-remaining")]).toEqual([429, "rate_limit_reached", "0"]);
    expect(Date.parse(answer.headers.get("date")!) - Date.now()).toBeGreaterThan(HOUR - 5_000);
  });

  it("without `limited` the cloud acts and only the clock is off", async () => {
    emulator.inject({ cloud: "linode", kind: "clock-skew", limited: false, skewMs: 2 * HOUR });
    const answer = await call(emulator, "linode", "POST", LINODE_KEYS, { label: "skewed" });
    expect(answer.status).toBe(200);
    expect(Number(answer.headers.get("x-ratelimit-reset")) * 1000 - Date.now()).toBeGreaterThan(2 * HOUR);
  });
});

describe("html-404 fault", () => {
  it("answers <html>404</html> for one key's path while listing still works", async () => {
    const made = await call(emulator, "linode", "POST", LINODE_KEYS, { label: "present" });
    emulator.inject({ cloud: "linode", kind: "html-404", path: `${LINODE_KEYS}/${made.json.id}`, times: 2 });
    const listed = await call(emulator, "linode", "GET", LINODE_KEYS);
    expect(listed.json.data).toHaveLength(1);
    const got = await call(emulator, "linode", "GET", `${LINODE_KEYS}/${made.json.id}`);
    expect([got.status, got.text, got.headers.get("content-type")]).toEqual([404, "<html>404</html>", "text/html"]);
    expect(emulator.faults.remaining()).toHaveLength(1);
  });
});
