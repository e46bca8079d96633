/**
 * Client tier: the Bird endpoint functions against the emulator (auth, 201 create with token,
 * cursor pagination, 422 bodies, lastUsedAt on use, error parsing), with exact call counts.
 */
import { BIRD_EMULATOR_ORGANIZATION, BirdCloud } from "../../emulator/bird";
import * as api from "../../provider/bird/api";
import { describeBirdError } from "../../provider/bird/api";
import { findAll, paginate } from "../../provider/shared/http/pagination";
import { ErrorCodes, NotFoundError, RateLimitedError, UnauthorizedError, ValidationError } from "../../provider/shared/http/errors";
import { fileEmulator, testContext, TOKENS } from "../helpers/emulator";

const ORG = BIRD_EMULATOR_ORGANIZATION;
const emulator = fileEmulator();
const bird = emulator.cloud<BirdCloud>("bird");
let ctx: ReturnType<typeof testContext>;

beforeEach(() => {
  ctx = testContext(emulator.url("bird"), `AccessKey ${TOKENS.bird}`);
});

describe("Bird API client against the emulator", () => {
  it("creates with 201 and returns the token once; the record shows only its last 6 characters", async () => {
    const created = await api.createAccessKey(ctx, ORG, { name: "ci", description: "d" });
    expect(created.token).toMatch(/^[A-Za-z0-9]{36}$/);
    expect(created.accessKey).toMatchObject({ organizationId: ORG, name: "ci", type: "user", suffix: created.token.slice(-6), lastUsedAt: null });
    const read = await api.getAccessKey(ctx, ORG, created.accessKey.id);
    expect(JSON.stringify(read)).not.toContain(created.token);
    expect(emulator.requestCounts()).toEqual({
      "bird POST /organizations/{organizationId}/access-keys": 1,
      "bird GET /organizations/{organizationId}/access-keys/{accessKeyId}": 1,
    });
  });

  it("walks every page with opaque tokens, forwards and in reverse", async () => {
    for (let i = 0; i < 7; i++) bird.seed({ name: `k${i}` });
    const names = async (reverse: boolean) => {
      const out: string[] = [];
      let token = "";
      do {
        const body = await fetchPage(token, reverse);
        out.push(...body.results.map((k) => k.name));
        token = body.nextPageToken;
      } while (token);
      return out;
    };
    expect(await names(false)).toEqual(["k0", "k1", "k2", "k3", "k4", "k5", "k6"]);
    expect(await names(true)).toEqual(["k6", "k5", "k4", "k3", "k2", "k1", "k0"]);
    const all: string[] = [];
    for await (const k of paginate("", (page) => api.listAccessKeys(ctx, ORG, page, 3))) all.push(k.name);
    expect(all).toHaveLength(7);
    expect(await findAll("", (page) => api.listAccessKeys(ctx, ORG, page, 3), (k) => k.name === "k6")).toHaveLength(1);
  });

  it("answers 422 InvalidPayload naming the field, for bodies and for bad page tokens or limits", async () => {
    const err = await api.createAccessKey(ctx, ORG, { name: "", description: "d" }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ status: 422, code: ErrorCodes.VALIDATION, cloudCode: "InvalidPayload", field: "name" });
    expect(err.message).toContain("name: must be a string of 1 to 256 characters");
    await expect(api.listAccessKeys(ctx, ORG, "not-a-token")).rejects.toMatchObject({ field: "pageToken" });
    await expect(api.listAccessKeys(ctx, ORG, "", 101)).rejects.toMatchObject({ field: "limit" });
  });

  it("refuses a wrong token with 401 and does not echo it", async () => {
    ctx.authorization = "AccessKey wrong-token-123";
    const err = await api.listAccessKeys(ctx, ORG, "").catch((e) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err).toMatchObject({ code: ErrorCodes.UNAUTHORIZED, cloudCode: "Unauthorized" });
    expect(err.message).not.toContain("wrong-token-123");
  });

  it("accepts a key's own token and bumps that key's lastUsedAt on every use", async () => {
    const { accessKey, token } = await api.createAccessKey(ctx, ORG, { name: "app", description: "d" });
    const asKey = testContext(emulator.url("bird"), `AccessKey ${token}`);
    await api.listAccessKeys(asKey, ORG, "");
    const used = await api.getAccessKey(ctx, ORG, accessKey.id);
    expect(used.lastUsedAt).toEqual(expect.any(String));
    bird.touch(accessKey.id, new Date("2030-01-01T00:00:00Z"));
    expect((await api.getAccessKey(ctx, ORG, accessKey.id)).lastUsedAt).toBe("2030-01-01T00:00:00.000Z");
  });

  it("answers 404 for an unknown organization and for a deleted key, 204 on delete", async () => {
    const { accessKey } = await api.createAccessKey(ctx, ORG, { name: "x", description: "d" });
    await api.deleteAccessKey(ctx, ORG, accessKey.id);
    await expect(api.deleteAccessKey(ctx, ORG, accessKey.id)).rejects.toBeInstanceOf(NotFoundError);
    const other = "00000000-0000-4000-8000-000000000000";
    await expect(api.listAccessKeys(ctx, other, "")).rejects.toMatchObject({ status: 404, detail: "Organization not found" });
  });

  it("retries a 429 after the wait its Retry-After names, then reports it as RateLimited", async () => {
    emulator.rateLimits.set("bird", 1, 60_000);
    await api.listAccessKeys(ctx, ORG, "");
    ctx.policy.maxThrottledAttempts = 2;
    const err = await api.listAccessKeys(ctx, ORG, "").catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(ctx.sleeps).toHaveLength(1);
    expect(ctx.sleeps[0]).toBeGreaterThan(0);
    expect(ctx.sleeps[0]).toBeLessThanOrEqual(60_000);
  });
});

describe("Bird error bodies are parsed defensively", () => {
  it("reads code, message and the first detail path", () => {
    expect(describeBirdError(422, { code: "InvalidPayload", message: "bad", details: { "/name": ["too long"], roleIds: "x" } }))
      .toEqual({ cloudCode: "InvalidPayload", field: "/name", detail: "bad; /name: too long; roleIds: x", recognized: true });
  });

  it("survives bodies of any other shape", () => {
    expect(describeBirdError(500, undefined)).toEqual({});
    expect(describeBirdError(500, "oops")).toEqual({ detail: "oops" });
    expect(describeBirdError(500, [1, 2])).toEqual({ cloudCode: undefined, field: undefined, detail: undefined, recognized: false });
    expect(describeBirdError(500, { code: 7, message: null, details: [] }))
      .toEqual({ cloudCode: undefined, field: undefined, detail: undefined, recognized: false });
  });
});

async function fetchPage(pageToken: string, reverse: boolean): Promise<{ results: { name: string }[]; nextPageToken: string }> {
  const url = new URL(`${emulator.url("bird")}/organizations/${ORG}/access-keys`);
  url.searchParams.set("limit", "3");
  url.searchParams.set("reverse", String(reverse));
  if (pageToken) url.searchParams.set("pageToken", pageToken);
  const res = await fetch(url, { headers: { authorization: `AccessKey ${TOKENS.bird}` } });
  return (await res.json()) as { results: { name: string }[]; nextPageToken: string };
}
