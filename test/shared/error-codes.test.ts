/**
 * Rules of the stable error codes (docs/errors.md): one code per class, fixed, the same in every
 * loaded copy of the package; the cloud's and the transport's own codes in fields of their own.
 */
import * as http from "node:http";
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import * as pkg from "../../provider";
import * as errors from "../../provider/shared/http/errors";
import { ApiErrorDetails, ErrorCodes } from "../../provider/shared/http/errors";
import { CloudProfile, callApi } from "../../provider/shared/http/request";
import { testContext } from "../helpers/emulator";

const details: ApiErrorDetails = { cloud: "Test", operation: "read key 1", method: "GET", path: "/keys/1" };

/** One instance of every class the package exports, built the way the provider builds it. */
function oneOfEach(m: typeof errors): Record<string, Error & { code: string }> {
  const apiClasses = [
    m.ApiError, m.NotFoundError, m.UnauthorizedError, m.RateLimitedError, m.ValidationError, m.BusyError, m.ServerError,
    m.ConnectionError, m.TimeoutError, m.ResponseShapeError, m.GoneUnconfirmedError, m.UncertainCreateError, m.UnexpectedStatusError,
  ];
  const all: Error[] = [
    ...apiClasses.map((Type) => new Type("x", details)),
    new m.ConfigurationError("x"),
    new m.InputError("x", "id"),
    new m.PartialCreateError("id-1", {}, "x"),
  ];
  return Object.fromEntries(all.map((e) => [e.name, e as Error & { code: string }]));
}

/** A profile of no particular cloud: these rules hold for every one. */
const profile: CloudProfile = { cloud: "Test", describeError: () => ({}) };

describe("error codes", () => {
  it("each class has a distinct stable code, starting with ERR_ACCESS_KEYS_", () => {
    const codes = Object.entries(oneOfEach(errors)).map(([name, e]) => [name, e.code]);
    expect(codes).toHaveLength(16);
    expect(new Set(codes.map(([, code]) => code)).size).toBe(16);
    for (const [, code] of codes) expect(code).toMatch(/^ERR_ACCESS_KEYS_[A-Z_]+$/);
    expect(Object.fromEntries(codes)).toMatchObject({
      NotFoundError: "ERR_ACCESS_KEYS_NOT_FOUND",
      ConnectionError: "ERR_ACCESS_KEYS_CONNECTION",
      PartialCreateError: "ERR_ACCESS_KEYS_PARTIAL_CREATE",
    });
  });

  it("every code in ErrorCodes belongs to a class, and the table is frozen", () => {
    const used = Object.values(oneOfEach(errors)).map((e) => e.code).sort();
    expect(Object.values(ErrorCodes).sort()).toEqual(used);
    expect(Object.isFrozen(ErrorCodes)).toBe(true);
  });

  it("the package index exports the codes and the classes carrying them", () => {
    expect(pkg.ErrorCodes).toBe(ErrorCodes);
    expect(new pkg.ConfigurationError("x").code).toBe(ErrorCodes.CONFIGURATION);
  });

  it("a class's code is the same on the class and on its instances", () => {
    expect(errors.NotFoundError.code).toBe(new errors.NotFoundError("x", details).code);
    expect(errors.InputError.code).toBe(new errors.InputError("x").code);
  });

  it("the code and the brand survive a second loaded copy of the module", () => {
    let copy: typeof errors | undefined;
    jest.isolateModules(() => {
      copy = jest.requireActual<typeof errors>("../../provider/shared/http/errors");
    });
    expect(copy!.NotFoundError).not.toBe(errors.NotFoundError);
    const theirs = oneOfEach(copy!);
    const ours = oneOfEach(errors);
    for (const name of Object.keys(ours)) expect([name, theirs[name].code]).toEqual([name, ours[name].code]);
    const foreign = new copy!.NotFoundError("x", details);
    expect(foreign).toBeInstanceOf(errors.NotFoundError);
    expect(foreign).toBeInstanceOf(errors.ApiError);
    expect(foreign).not.toBeInstanceOf(errors.ServerError);
    expect(foreign.code).toBe(errors.ErrorCodes.NOT_FOUND);
  });

  it("a subclass of PartialCreateError keeps its parent's code and its own name", () => {
    class StepNotFinishedError extends errors.PartialCreateError {
      static override readonly kind = "StepNotFinishedError";
    }
    const error = new StepNotFinishedError("id-1", {}, "x");
    expect([error.code, error.name]).toEqual([ErrorCodes.PARTIAL_CREATE, "StepNotFinishedError"]);
    expect(error).toBeInstanceOf(errors.PartialCreateError);
  });

  it("the message shows the cloud's code in brackets, as before, and never the stable code", () => {
    const error = new errors.NotFoundError("404 Not Found", { ...details, status: 404, cloudCode: "key_not_found" });
    expect(error.message).toBe("read key 1: 404 Not Found [key_not_found] (GET /keys/1)");
    expect([error.code, error.cloudCode, error.transportCode]).toEqual([ErrorCodes.NOT_FOUND, "key_not_found", undefined]);
  });
});

describe("transport failures", () => {
  it("a dropped connection carries the ConnectionError code and the errno in transportCode", async () => {
    // A reset (RST) rather than a FIN: the client sees the errno ECONNRESET.
    const server = http.createServer((req) => req.socket.resetAndDestroy());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const ctx = testContext(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, "Bearer t", { maxAttempts: 1 });
      const error = await callApi(ctx, profile, { operation: "read key 1", method: "GET", path: "/keys/1", response: z.object({}) })
        .catch((e: unknown) => e as errors.ConnectionError);
      expect(error).toBeInstanceOf(errors.ConnectionError);
      expect([error.code, error.transportCode, error.cloudCode]).toEqual([ErrorCodes.CONNECTION, "ECONNRESET", undefined]);
      expect(error.message).toMatch(/^read key 1: connection failed \[ECONNRESET\]/);
      expect(error.mayHaveSucceeded).toBe(true);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("a refused connection keeps ECONNREFUSED in transportCode, and is known not to have reached the cloud", async () => {
    const port = await closedPort();
    const ctx = testContext(`http://127.0.0.1:${port}`, "Bearer t", { maxAttempts: 1 });
    const error = await callApi(ctx, profile, { operation: "create key", method: "POST", path: "/keys", response: z.object({}) })
      .catch((e: unknown) => e as errors.ConnectionError);
    expect([error.code, error.transportCode, error.mayHaveSucceeded]).toEqual([ErrorCodes.CONNECTION, "ECONNREFUSED", false]);
  });
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}
