/**
 * The echo-auth fault on every registered cloud: the cloud's own error body quoting the request's
 * Authorization header (each cloud's fields in its harness, `emulatorEcho`).
 */
import { testedClouds } from "../helpers/clouds";
import { fileEmulator, TOKENS } from "../helpers/emulator";
import { AUTH, call } from "./helpers";

const emulator = fileEmulator();

describe("echo-auth fault", () => {
  for (const { name: cloud, harness } of testedClouds()) {
    const { path, fields } = harness.emulatorEcho;
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
