/**
 * Lost creates, credentials and secrecy: a create is never resent blindly, a key made by a lost
 * create is deleted (its token is gone), and no token ever appears in an error message.
 */
import { BIRD_EMULATOR_ORGANIZATION, BirdCloud } from "../../emulator/bird";
import { AccessKeyProvider, CLOCK_SKEW_MS } from "../../provider/bird/provider";
import { connectBird } from "../../provider/bird/settings";
import { AccessKeyInputs } from "../../provider/bird/schemas";
import { ConfigurationError, ResponseShapeError, UnauthorizedError } from "../../provider/shared/http/errors";
import { useStackConfig } from "../../provider/shared/settings";
import { fileEmulator, testContext, TOKENS } from "../helpers/emulator";

const ORG = BIRD_EMULATOR_ORGANIZATION;
const emulator = fileEmulator();
const bird = emulator.cloud<BirdCloud>("bird");
let provider: AccessKeyProvider;
let ctx: ReturnType<typeof testContext>;

beforeEach(() => {
  ctx = testContext(emulator.url("bird"), `AccessKey ${TOKENS.bird}`);
  provider = new AccessKeyProvider(() => ctx);
});

async function checked(news: Record<string, unknown>): Promise<AccessKeyInputs> {
  const result = await provider.check({}, { logicalName: "key", organizationId: ORG, ...news });
  expect(result.failures).toEqual([]);
  return result.inputs as AccessKeyInputs;
}

describe("Bird create recovery", () => {
  it("finds the key a lost create made on the third page of the list", async () => {
    for (let i = 0; i < 230; i++) bird.seed({ organizationId: ORG, name: `other-${i}` });
    emulator.inject({ cloud: "bird", method: "POST", kind: "lost" });
    const { id } = await provider.create(await checked({}));
    expect(bird.inventory()).toHaveLength(231);
    expect(bird.inventory().filter((k) => String(k.name).startsWith("key-")).map((k) => k.id)).toEqual([id]);
    // 100 keys a page: the list was followed to its last page before deleting the lost key.
    expect(emulator.count("bird", "GET /organizations/{organizationId}/access-keys")).toBeGreaterThanOrEqual(3);
  });

  it("deletes the key a lost create made and creates again, never resending blindly", async () => {
    emulator.inject({ cloud: "bird", method: "POST", kind: "lost" });
    const { id, outs } = await provider.create(await checked({}));
    const keys = bird.inventory();
    expect(keys.map((k) => k.id)).toEqual([id]);
    expect(outs.accessKey).toBe(keys[0].token);
    expect(emulator.count("bird", "POST")).toBe(2);
    expect(emulator.count("bird", "DELETE")).toBe(1);
  });

  it("treats a create answered with a body of the wrong shape like a lost one", async () => {
    emulator.inject({ cloud: "bird", method: "POST", kind: "garble", mode: "wrong-shape" });
    const { id } = await provider.create(await checked({}));
    expect(bird.inventory().map((k) => k.id)).toEqual([id]);
  });

  it("leaves a same-named key made during the lost create alone when the name was chosen by the user", async () => {
    emulator.inject({ cloud: "bird", method: "POST", kind: "lost" });
    const err = await provider.create(await checked({ name: "ci" })).catch((e) => e);
    expect(err.message).toMatch(/may have created Bird access key .* \("ci", created .*left untouched.*existingKeyId/);
    expect(bird.inventory()).toHaveLength(1);
  });

  it("ignores same-named keys created long before the request, and creates again", async () => {
    const old = new Date(Date.now() - 2 * CLOCK_SKEW_MS).toISOString();
    const ancient = bird.seed({ name: "ci", createdAt: old });
    emulator.inject({ cloud: "bird", method: "POST", kind: "status", status: 502 });
    const { id } = await provider.create(await checked({ name: "ci" }));
    expect(bird.inventory().map((k) => k.id).sort()).toEqual([ancient.id, id].sort());
    expect(emulator.count("bird", "POST")).toBe(2);
  });

  it("gives up after three creates that all lose their answer, leaving nothing behind", async () => {
    emulator.inject({ cloud: "bird", method: "POST", kind: "lost", times: 3 });
    await expect(provider.create(await checked({}))).rejects.toThrow(/create Bird access key/);
    expect(bird.inventory()).toEqual([]);
  });
});

describe("Bird secrets never appear in messages", () => {
  it("keeps the Authorization value out of a 401", async () => {
    ctx.authorization = "AccessKey super-secret-abc123";
    const err = await provider.create(await checked({})).catch((e) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err.message).toMatch(/^create Bird access key "key-[a-z0-9]{7}": 401 Unauthorized \[Unauthorized\]/);
    expect(JSON.stringify({ ...err, message: err.message, stack: err.stack })).not.toContain("super-secret-abc123");
  });

  it("keeps tokens out of every failure along the create, read and update paths", async () => {
    const { id, outs } = await provider.create(await checked({ name: "ci" }));
    const messages: string[] = [];
    const collect = (p: Promise<unknown>) => p.then(() => messages.push("ok"), (e: Error) => messages.push(`${e.message}\n${e.stack}`));
    ctx.policy.maxAttempts = 2;
    await collect(provider.update(id, outs, { ...(await checked({ name: "ci" })), name: "x".repeat(300) }));
    emulator.inject({ cloud: "bird", method: "PATCH", kind: "garble", mode: "truncated", times: 20 });
    await collect(provider.update(id, outs, await checked({ name: "ci-2" })));
    emulator.inject({ cloud: "bird", method: "POST", kind: "lost" });
    await collect(provider.create(await checked({ name: "ci" })));
    emulator.inject({ cloud: "bird", kind: "status", status: 500, times: 20 });
    await collect(provider.read(id, outs));
    expect(messages).toHaveLength(4);
    const errorText = messages.join("\n");
    expect(errorText).toContain("ValidationError: update Bird access key");
    expect(errorText).toContain("ResponseShapeError");
    for (const key of bird.inventory()) expect(errorText).not.toContain(String(key.token));
    expect(errorText).not.toContain(TOKENS.bird);
    expect(errorText).not.toContain("AccessKey ");
  });

  it("reports a malformed create answer without echoing its body", async () => {
    emulator.inject({ cloud: "bird", method: "POST", kind: "garble", mode: "wrong-shape", times: 3 });
    const err = await provider.create(await checked({})).catch((e) => e);
    expect(err).toBeInstanceOf(ResponseShapeError);
    expect(bird.inventory()).toEqual([]);
    expect(err.message).toMatch(/accessKey: expected object; token: expected string/);
  });
});

describe("connectBird reads settings at call time", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    useStackConfig(undefined);
  });

  it("says how to set a missing access key", () => {
    delete process.env.BIRD_ACCESS_KEY;
    expect(() => connectBird()).toThrow(ConfigurationError);
    expect(() => connectBird()).toThrow(/pulumi config set --secret bird:accessKey .*BIRD_ACCESS_KEY/);
  });

  it("prefers stack config over the environment and defaults to https://api.bird.com", () => {
    process.env.BIRD_ACCESS_KEY = "from-env";
    delete process.env.BIRD_API_URL;
    expect(connectBird()).toMatchObject({ baseUrl: "https://api.bird.com", authorization: "AccessKey from-env" });
    useStackConfig({ get: (k) => ({ "bird:accessKey": "from-config", "bird:apiUrl": "http://127.0.0.1:9/bird/" })[k] });
    expect(connectBird()).toMatchObject({ baseUrl: "http://127.0.0.1:9/bird", authorization: "AccessKey from-config" });
  });

  it("refuses plain http to anything but loopback", () => {
    process.env.BIRD_ACCESS_KEY = "t";
    process.env.BIRD_API_URL = "http://api.bird.com";
    expect(() => connectBird()).toThrow(/must be an https:\/\/ URL/);
  });
});
