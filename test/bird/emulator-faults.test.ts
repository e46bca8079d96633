/** Faults on the emulated Bird: a gateway 5xx injected over HTTP whose create still lands. */
import { BIRD_EMULATOR_ORGANIZATION } from "../../emulator/bird";
import { fileEmulator } from "../helpers/emulator";
import { call, control } from "../emulator/helpers";

const emulator = fileEmulator();

describe("gateway fault", () => {
  it("is injected over HTTP too, and /_emulator/settled waits for the late request", async () => {
    await control(emulator, "faults", { cloud: "bird", method: "POST", kind: "gateway", status: 502 });
    const answer = await call(emulator, "bird", "POST", `/organizations/${BIRD_EMULATOR_ORGANIZATION}/access-keys`, { name: "late", description: "late" });
    expect(answer.status).toBe(502);
    await control(emulator, "settled", {});
    expect(emulator.cloud("bird").inventory()).toHaveLength(1);
  });
});
