/**
 * A token refused on read or delete (refresh, destroy) gets a hint naming what to do; other
 * errors pass unchanged. The engine path is in test/engine/stored-settings.test.ts.
 */
import { ServerError, UnauthorizedError } from "../../provider/shared/http/errors";
import { explainRefusedToken } from "../../provider/shared/stored-settings";

const refused = () => new UnauthorizedError("401 Unauthorized", { cloud: "Example", operation: "read Example key 1", method: "GET", path: "/keys/1", status: 401 });
const failing = (err: Error) => () => Promise.reject(err);

test("a refused token with the stack's settings says to run the command with --run-program, or pulumi up first", async () => {
  const err = await explainRefusedToken("destroy", { label: "ci" }, failing(refused())).catch((e: Error) => e);
  expect(err).toBeInstanceOf(UnauthorizedError);
  expect((err as UnauthorizedError).code).toBe(refused().code);
  expect(err.message).toContain("401 Unauthorized");
  expect(err.message).toContain("`pulumi destroy` uses the settings stored at the last `pulumi up`");
  expect(err.message).toContain("run `pulumi destroy --run-program`, or `pulumi up` first");
});

test("a refused token from the resource's own credentials says to update them with pulumi up first", async () => {
  const err = await explainRefusedToken("refresh", { credentials: { token: "x" } }, failing(refused())).catch((e: Error) => e);
  expect(err.message).toContain("This resource's `credentials` are the ones stored at the last `pulumi up`");
  expect(err.message).toContain("run `pulumi up` first (it calls no API), then `pulumi refresh` again");
  expect(err.message).not.toContain("--run-program");
});

test("other errors and successes pass through unchanged", async () => {
  const server = new ServerError("500 Internal Server Error", { cloud: "Example", operation: "read Example key 1", method: "GET", path: "/x", status: 500 });
  const message = server.message;
  await expect(explainRefusedToken("refresh", {}, failing(server))).rejects.toBe(server);
  expect(server.message).toBe(message);
  await expect(explainRefusedToken("refresh", {}, () => Promise.resolve(42))).resolves.toBe(42);
});
