/** Faults on the emulated Katapult: a server clock an hour ahead while rate limited. */
import { fileEmulator } from "../helpers/emulator";
import { call, control } from "../emulator/helpers";
import { KatapultCloud } from "../../emulator/katapult";

const HOUR = 3_600_000;
const emulator = fileEmulator();
beforeEach(() => {
  emulator.cloud<KatapultCloud>("katapult").provisioning.createRejections = 0;
});

describe("clock-skew fault", () => {
  it("Katapult: rate_limit_reached with no budget left and a Date an hour ahead", async () => {
    await control(emulator, "faults", { cloud: "katapult", kind: "clock-skew" });
    const answer = await call(emulator, "katapult", "GET", "/object_storage/access_keys/access_key?access_key%5Bid%5D=x");
    expect([answer.status, answer.json.error.code, answer.headers.get("x-ratelimit-remaining")]).toEqual([429, "rate_limit_reached", "0"]);
    expect(Date.parse(answer.headers.get("date")!) - Date.now()).toBeGreaterThan(HOUR - 5_000);
  });
});
