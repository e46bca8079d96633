/**
 * Katapult's own error codes reach the user in `cloudCode` and in the message; `code` is the
 * package's stable code for the meaning (docs/errors.md).
 */
import { Emulator } from "../../emulator";
import * as api from "../../provider/katapult/api";
import { ErrorCodes, NotFoundError, UnexpectedStatusError } from "../../provider/shared/http/errors";
import { startEmulator, testContext, TOKENS } from "../helpers/emulator";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const context = () => testContext(emulator.url("katapult"), `Bearer ${TOKENS.katapult}`);

describe("Katapult errors", () => {
  it("a 404 for a missing key carries cloudCode object_storage_access_key_not_found and the NotFound code", async () => {
    const error = (await api.getAccessKey(context(), "objkey_missing").catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect([error.status, error.code, error.cloudCode]).toEqual([404, ErrorCodes.NOT_FOUND, "object_storage_access_key_not_found"]);
    expect(error.message).toContain("404 Not Found [object_storage_access_key_not_found]");
  });

  it("a 404 from the wrong route keeps Katapult's route_not_found as cloudCode and is not a NotFound", async () => {
    emulator.inject({ cloud: "katapult", method: "GET", kind: "status", status: 404 });
    const error = (await api.getAccessKey(context(), "objkey_missing").catch((e: unknown) => e)) as UnexpectedStatusError;
    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect([error.code, error.cloudCode]).toEqual([ErrorCodes.UNEXPECTED_STATUS, "route_not_found"]);
  });
});
