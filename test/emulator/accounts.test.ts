/**
 * Several accounts in the emulator, and the providers using per-resource credentials against it:
 * a key of one account is invisible (the cloud's own 404) to another account's token; inventory
 * and controls are scoped by account; a credentials-only update calls nothing; read and delete
 * use the stored credentials; no error carries a token.
 */
import { Emulator, createEmulator } from "../../emulator";
import { BirdCloud } from "../../emulator/bird";
import { KatapultCloud } from "../../emulator/katapult";
import { LinodeCloud } from "../../emulator/linode";
import { AccessKeyProvider as BirdProvider } from "../../provider/bird/provider";
import { AccessKeyProvider as KatapultProvider, IncompleteCreateError } from "../../provider/katapult/provider";
import { ObjectStorageKeyProvider as LinodeProvider } from "../../provider/linode/provider";

const T = { a: "linode-a-0001", b: "linode-b-0001", alpha: "katapult-alpha-01", beta: "katapult-beta-01", one: "bird-one-0001", two: "bird-two-0001" };
const ORG = { one: "0b1e7c4a-1111-4a2b-9c3d-5e6f7a8b9c01", two: "0b1e7c4a-2222-4a2b-9c3d-5e6f7a8b9c02" };

let emulator: Emulator;
let base: string;

beforeAll(async () => {
  emulator = createEmulator({
    linode: { accounts: { a: [T.a], b: [T.b] } },
    katapult: {
      accounts: { alpha: { tokens: [T.alpha], organizations: ["alpha"] }, beta: { tokens: [T.beta], organizations: ["org_Beta0000000001"] } },
      organizations: [{ id: "org_Alpha000000001", sub_domain: "alpha" }, { id: "org_Beta0000000001", sub_domain: "beta" }],
    },
    bird: { accounts: { one: { tokens: [T.one], organizations: [ORG.one] }, two: { tokens: [T.two], organizations: [ORG.two] } }, organizations: [ORG.one, ORG.two] },
  });
  base = await emulator.start();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

async function call(url: string, authorization: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { ...init, headers: { authorization, "content-type": "application/json" } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe("the emulator's accounts", () => {
  it("Linode: each account sees only its own keys; another account's key is Linode's 404", async () => {
    const linode = emulator.cloud<LinodeCloud>("linode");
    const url = emulator.url("linode") + "/object-storage/keys";
    const made = await call(url, `Bearer ${T.a}`, { method: "POST", body: JSON.stringify({ label: "of-a" }) });
    const id = (made.body as { id: number }).id;
    expect(await call(`${url}/${id}`, `Bearer ${T.b}`)).toEqual({ status: 404, body: { errors: [{ reason: "The specified access key was not found." }] } });
    expect(await call(`${url}/${id}`, `Bearer ${T.b}`, { method: "DELETE" })).toMatchObject({ status: 404 });
    expect((await call(`${url}?page_size=25`, `Bearer ${T.b}`)).body).toMatchObject({ data: [], results: 0 });
    expect((await call(`${url}?page_size=25`, `Bearer ${T.a}`)).body).toMatchObject({ results: 1 });
    expect(linode.inventory("a").map((k) => k.id)).toEqual([id]);
    expect(linode.inventory("b")).toEqual([]);
    expect((await call(`${base}/_emulator/linode/keys?account=b`, "")).body).toEqual([]);
  });

  it("Linode: a token added to an account works at once, a revoked one is refused (also over HTTP)", async () => {
    const url = emulator.url("linode") + "/object-storage/keys?page_size=25";
    await call(`${base}/_emulator/linode/accounts/b/tokens`, "", { method: "POST", body: JSON.stringify({ token: "linode-b-0002" }) });
    expect((await call(url, "Bearer linode-b-0002")).status).toBe(200);
    expect((await call(`${base}/_emulator/linode/tokens/${T.b}`, "", { method: "DELETE" })).status).toBe(200);
    expect(await call(url, `Bearer ${T.b}`)).toEqual({ status: 401, body: { errors: [{ reason: "Invalid Token" }] } });
    emulator.reset();
    expect((await call(url, `Bearer ${T.b}`)).status).toBe(200);
  });

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

  it("Bird: another account's organization answers Bird's 404", async () => {
    const key = emulator.cloud<BirdCloud>("bird").seed({ organizationId: ORG.one });
    const read = await call(`${emulator.url("bird")}/organizations/${ORG.one}/access-keys/${key.id}`, `AccessKey ${T.two}`);
    expect(read).toMatchObject({ status: 404, body: { code: "NotFound" } });
    expect((await call(`${emulator.url("bird")}/organizations/${ORG.one}/access-keys/${key.id}`, `AccessKey ${T.one}`)).status).toBe(200);
  });
});

describe("providers with per-resource credentials", () => {
  it("Linode: create in one account, rotate its token with no call, then read and delete with the stored one", async () => {
    const provider = new LinodeProvider();
    const linode = emulator.cloud<LinodeCloud>("linode");
    const credentials = { token: T.a, url: emulator.url("linode") };
    const { inputs } = await provider.check({}, { logicalName: "k", label: "of-a", credentials });
    const { id, outs } = await provider.create(inputs!);
    expect(linode.inventory("a").map((k) => String(k.id))).toEqual([id]);
    expect(outs.credentials).toEqual(credentials);

    linode.accounts.addToken("a", "linode-a-0002");
    linode.accounts.revokeToken(T.a);
    const rotated = { ...credentials, token: "linode-a-0002" };
    emulator.resetCounts();
    const updated = await provider.update(id, outs, { ...inputs!, credentials: rotated });
    expect(emulator.requestCounts()).toEqual({});
    expect(updated.outs).toEqual({ ...outs, credentials: rotated });

    // The old token is refused, and says so without showing it.
    const refused = await provider.read(id, outs).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/401/);
    expect(JSON.stringify({ ...(refused as object), message: (refused as Error).message })).not.toContain(T.a);
    expect((await provider.read(id, updated.outs)).props.credentials).toEqual(rotated);
    await provider.delete(id, updated.outs);
    expect(linode.inventory()).toEqual([]);
  });

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

  it("Katapult and Bird: a credentials-only update calls nothing and stores the new credentials", async () => {
    const katapult = new KatapultProvider();
    const seeded = emulator.cloud<KatapultCloud>("katapult").seed({ organization_id: "org_Alpha000000001" });
    const kOld = { apiKey: T.alpha, apiUrl: emulator.url("katapult") };
    const kRead = await katapult.read(String(seeded.id), { organization: { subDomain: "alpha" }, credentials: kOld, secretAccessKey: "" } as never);
    const bird = new BirdProvider();
    const bOld = { accessKey: T.one, apiUrl: emulator.url("bird") };
    const bMade = await bird.create((await bird.check({}, { logicalName: "b", organizationId: ORG.one, credentials: bOld })).inputs!);
    emulator.resetCounts();
    const kNew = { ...kOld, apiKey: "katapult-alpha-02" };
    const kUpdated = await katapult.update(kRead.id, kRead.props, { ...(kRead.inputs as object), credentials: kNew } as never);
    expect(kUpdated.outs).toEqual({ ...kRead.props, credentials: kNew });
    const bNew = { ...bOld, accessKey: "bird-one-0002" };
    const { logicalName, autoNamed, name, description, rotatedAt } = bMade.outs;
    const bNews = { logicalName, autoNamed, organizationId: ORG.one, name, description, rotatedAt, credentials: bNew };
    const bUpdated = await bird.update(bMade.id, bMade.outs, bNews);
    expect(bUpdated.outs).toEqual({ ...bMade.outs, credentials: bNew });
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
