/**
 * Faults on the emulated Linode: a gateway 5xx whose create still lands, a server clock an hour
 * ahead (with and without a rate limit), an HTML 404 on one key's path only.
 */
import { fileEmulator } from "../helpers/emulator";
import { call } from "../emulator/helpers";

const HOUR = 3_600_000;
const LINODE_KEYS = "/object-storage/keys";
const emulator = fileEmulator();

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
