/**
 * Katapult accounts in the emulator, and the provider using per-resource credentials against it:
 * another account's organization and keys answer Katapult's own 404s; a credentials-only update
 * calls nothing; a partial create hands its credentials to the engine marked secret.
 */
import { Emulator, createEmulator } from "../../emulator";
import { KatapultCloud } from "../../emulator/katapult";
import { AccessKeyProvider as KatapultProvider, IncompleteCreateError } from "../../provider/katapult/provider";
import { callUrl as call } from "../emulator/helpers";

const T = { alpha: "katapult-alpha-01", beta: "katapult-beta-01" };

let emulator: Emulator;

beforeAll(async () => {
  emulator = createEmulator({
    katapult: {
      accounts: { alpha: { tokens: [T.alpha], organizations: ["alpha"] }, beta: { tokens: [T.beta], organizations: ["org_Beta0000000001"] } },
      organizations: [{ id: "org_Alpha000000001", sub_domain: "alpha" }, { id: "org_Beta0000000001", sub_domain: "beta" }],
    },
  });
  await emulator.start();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

describe("the emulator's accounts", () => {
  it("Katapult: another account's organization and keys answer Katapult's own 404s", async () => {
    const katapult = emulator.cloud<KatapultCloud>("katapult");
    const key = katapult.seed({ organization_id: "org_Alpha000000001" });
    const read = await call(`${emulator.url("katapult")}/object_storage/access_keys/access_key?access_key[id]=${key.id}`, `Bearer ${T.beta}`);
    expect(read).toMatchObject({ status: 404, body: { error: { code: "object_storage_access_key_not_found" } } });
    const list = await call(`${emulator.url("katapult")}/organizations/organization/object_storage/access_keys?organization[sub_domain]=alpha`, `Bearer ${T.beta}`);
    expect(list).toMatchObject({ status: 404, body: { error: { code: "organization_not_found" } } });
    expect(katapult.inventory("alpha").map((k) => k.id)).toEqual([key.id]);
    expect(katapult.inventory("beta")).toEqual([]);
  });
});

describe("the provider with per-resource credentials", () => {
  it("Katapult: a credentials-only update calls nothing and stores the new credentials", async () => {
    const katapult = new KatapultProvider();
    const seeded = emulator.cloud<KatapultCloud>("katapult").seed({ organization_id: "org_Alpha000000001" });
    const kOld = { apiKey: T.alpha, apiUrl: emulator.url("katapult") };
    const kRead = await katapult.read(String(seeded.id), { organization: { subDomain: "alpha" }, credentials: kOld, secretAccessKey: "" } as never);
    emulator.resetCounts();
    const kNew = { ...kOld, apiKey: "katapult-alpha-02" };
    const kUpdated = await katapult.update(kRead.id, kRead.props, { ...(kRead.inputs as object), credentials: kNew } as never);
    expect(kUpdated.outs).toEqual({ ...kRead.props, credentials: kNew });
    expect(emulator.requestCounts()).toEqual({});
  });

  it("Katapult: a partial create hands the engine its credentials marked secret on the wire", async () => {
    const provider = new KatapultProvider();
    const credentials = { apiKey: T.alpha, apiUrl: emulator.url("katapult") };
    const { inputs } = await provider.check({}, { logicalName: "k", organization: { subDomain: "alpha" }, credentials });
    emulator.inject({ cloud: "katapult", route: "generate_credentials", kind: "status", status: 400 });
    const error = (await provider.create(inputs!).catch((e: Error) => e)) as IncompleteCreateError;
    expect(error).toBeInstanceOf(IncompleteCreateError);
    expect(error.properties.credentials).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: credentials });
    expect(`${error.message} ${error.reasons.join(" ")}`).not.toContain(T.alpha);
    expect(emulator.cloud<KatapultCloud>("katapult").inventory("alpha").map((k) => k.id)).toEqual([error.id]);
  });
});
