/**
 * Rules of the shared HTTP layer and create recovery that no cloud may break:
 * - nothing built from a response carries the credential;
 * - a create whose outcome is unknown is never resent blindly, and when the look-up fails the
 *   error names the key and says it may exist.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { ApiError, ServerError, UncertainCreateError } from "../../provider/shared/http/errors";
import { callApi } from "../../provider/shared/http/request";
import { createWithRecovery } from "../../provider/shared/recovery";
import { testedClouds } from "../helpers/clouds";
import { testContext } from "../helpers/emulator";

const TOKEN = "tok-0123456789abcdef-SECRET";

/** A server whose every answer is `respond(authorization)`. */
async function echoServer(respond: (authorization: string) => { status: number; body: string }) {
  const server = http.createServer((req, res) => {
    const { status, body } = respond(String(req.headers.authorization));
    res.writeHead(status, { "content-type": "application/json", "x-request-id": String(req.headers.authorization) });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
}

const echoes = testedClouds().map(({ title, descriptor, harness }) => [title, descriptor.profile, descriptor.credentials.scheme, harness.echoAuthBody] as const);

describe.each(echoes)("%s errors that echo the Authorization header", (_cloud, profile, scheme, body) => {
  it.each([400, 401, 403, 404, 422, 500])("never carry the token (status %i)", async (status) => {
    const server = await echoServer((a) => ({ status, body: JSON.stringify(body(a)) }));
    try {
      const ctx = testContext(server.url, `${scheme} ${TOKEN}`, { maxAttempts: 1 });
      const error = (await callApi(ctx, profile, { operation: "read key", method: "GET", path: "/k", response: z.object({}) })
        .catch((e: unknown) => e)) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      const everything = JSON.stringify({ m: error.message, d: error.detail, c: error.cloudCode, f: error.field, r: error.requestId, s: String(error) });
      expect(everything).not.toContain(TOKEN);
      expect(everything).toContain("***");
    } finally {
      await server.close();
    }
  });
});

describe("a create whose outcome is unknown", () => {
  const lost = () => new ServerError("504 Gateway Timeout", { cloud: "Example", operation: 'create Example key "ci"', method: "POST", path: "/k", status: 504, mayHaveSucceeded: true });
  const ctx = testContext("http://127.0.0.1:1", "Bearer x", { timeoutMs: 600 });

  it("keeps looking for the key through the settle window after a gateway 5xx, then resolves it", async () => {
    let lookups = 0;
    let creates = 0;
    const resolved: string[] = [];
    const key = await createWithRecovery<string>({
      create: async () => (++creates === 1 ? Promise.reject(lost()) : "second"),
      // The key the lost create made appears on the third look-up.
      findCandidates: async () => (++lookups >= 3 ? ["first"] : []),
      resolve: async (k) => void resolved.push(k),
      nameIsUnique: true, describe: (k) => k, idOf: (k) => k, subject: 'Example key labelled "ci"', ctx,
    });
    expect({ key, creates, lookups, resolved }).toEqual({ key: "second", creates: 2, lookups: 3, resolved: ["first"] });
  });

  it("does not create again when the look-up fails, and names the key that may exist", async () => {
    let creates = 0;
    const error = await createWithRecovery<string>({
      create: async () => (++creates, Promise.reject(lost())),
      findCandidates: async () => Promise.reject(new Error("list failed: 503")),
      resolve: async () => undefined,
      nameIsUnique: true, describe: (k) => k, idOf: (k) => k, subject: 'Example key labelled "ci"', ctx,
    }).catch((e: unknown) => e);
    expect(creates).toBe(1);
    expect(error).toBeInstanceOf(UncertainCreateError);
    expect((error as Error).message).toMatch(/Example key labelled "ci" may have been created, and looking it up failed \(list failed: 503\)/);
    expect((error as Error).message).toMatch(/existingKeyId/);
  });

  it("with a chosen name, never takes a key that existed before the request: it creates again once none appeared", async () => {
    let creates = 0;
    const resolved: string[] = [];
    // "live" is the key a create-before-delete replacement replaces: same name, there all along.
    const key = await createWithRecovery<string>({
      create: async () => (++creates === 1 ? Promise.reject(lost()) : "new"),
      findCandidates: async () => ["live"],
      resolve: async (k) => void resolved.push(k),
      nameIsUnique: false, describe: (k) => `Example key ${k}`, idOf: (k) => k, subject: 'Example key "ci"', ctx,
    });
    expect({ key, creates, resolved }).toEqual({ key: "new", creates: 2, resolved: [] });
  });

  it("with a chosen name, names only a key that appeared after the request, never one from before", async () => {
    let lookups = 0;
    const error = await createWithRecovery<string>({
      create: async () => Promise.reject(lost()),
      findCandidates: async () => (++lookups >= 2 ? ["live", "landed"] : ["live"]),
      resolve: async () => undefined,
      nameIsUnique: false, describe: (k) => `Example key ${k}`, idOf: (k) => k, subject: 'Example key "ci"', ctx,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UncertainCreateError);
    expect((error as Error).message).toContain("may have created Example key landed with the same name");
    expect((error as Error).message).not.toContain("live");
  });
});
