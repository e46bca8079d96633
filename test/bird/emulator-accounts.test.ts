/**
 * Bird accounts in the emulator, and the provider using per-resource credentials against it:
 * another account's organization answers Bird's 404 and cannot make a key look deleted; a
 * credentials-only update calls nothing; no error carries a token.
 */
import { Emulator, createEmulator } from "../../emulator";
import { BirdCloud } from "../../emulator/bird";
import { AccessKeyProvider as BirdProvider } from "../../provider/bird/provider";
import { callUrl as call } from "../emulator/helpers";

const T = { one: "bird-one-0001", two: "bird-two-0001" };
const ORG = { one: "0b1e7c4a-1111-4a2b-9c3d-5e6f7a8b9c01", two: "0b1e7c4a-2222-4a2b-9c3d-5e6f7a8b9c02" };

let emulator: Emulator;

beforeAll(async () => {
  emulator = createEmulator({
    bird: { accounts: { one: { tokens: [T.one], organizations: [ORG.one] }, two: { tokens: [T.two], organizations: [ORG.two] } }, organizations: [ORG.one, ORG.two] },
  });
  await emulator.start();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

describe("the emulator's accounts", () => {
  it("Bird: another account's organization answers Bird's 404", async () => {
    const key = emulator.cloud<BirdCloud>("bird").seed({ organizationId: ORG.one });
    const read = await call(`${emulator.url("bird")}/organizations/${ORG.one}/access-keys/${key.id}`, `AccessKey ${T.two}`);
    expect(read).toMatchObject({ status: 404, body: { code: "NotFound" } });
    expect((await call(`${emulator.url("bird")}/organizations/${ORG.one}/access-keys/${key.id}`, `AccessKey ${T.one}`)).status).toBe(200);
  });
});

describe("the provider with per-resource credentials", () => {
  it("Bird: another organization's access key cannot make a key look deleted", async () => {
    const provider = new BirdProvider();
    const credentials = { accessKey: T.one, apiUrl: emulator.url("bird") };
    const { inputs } = await provider.check({}, { logicalName: "k", organizationId: ORG.one, credentials });
    const { id, outs } = await provider.create(inputs!);
    const wrong = { ...outs, credentials: { ...credentials, accessKey: T.two } };
    const error = await provider.read(id, wrong).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/not treated as deleted[^]*the resource's credentials/);
    expect((error as Error).message).not.toContain(T.two);
    await provider.delete(id, outs);
    expect(emulator.cloud<BirdCloud>("bird").inventory()).toEqual([]);
  });

  it("Bird: a credentials-only update calls nothing and stores the new credentials", async () => {
    const bird = new BirdProvider();
    const bOld = { accessKey: T.one, apiUrl: emulator.url("bird") };
    const bMade = await bird.create((await bird.check({}, { logicalName: "b", organizationId: ORG.one, credentials: bOld })).inputs!);
    emulator.resetCounts();
    const bNew = { ...bOld, accessKey: "bird-one-0002" };
    const { logicalName, autoNamed, name, description, rotatedAt } = bMade.outs;
    const bNews = { logicalName, autoNamed, organizationId: ORG.one, name, description, rotatedAt, credentials: bNew };
    const bUpdated = await bird.update(bMade.id, bMade.outs, bNews);
    expect(bUpdated.outs).toEqual({ ...bMade.outs, credentials: bNew });
    expect(emulator.requestCounts()).toEqual({});
  });
});
