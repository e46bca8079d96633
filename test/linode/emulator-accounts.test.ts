/**
 * Linode accounts in the emulator, and the provider using per-resource credentials against it:
 * a key of one account is invisible (Linode's own 404) to another account's token; inventory and
 * controls are scoped by account; a token rotation is an update with no call, and read and delete
 * use the stored credentials; no error carries a token.
 */
import { Emulator, createEmulator } from "../../emulator";
import { LinodeCloud } from "../../emulator/linode";
import { ObjectStorageKeyProvider as LinodeProvider } from "../../provider/linode/provider";
import { callUrl as call } from "../emulator/helpers";

const T = { a: "linode-a-0001", b: "linode-b-0001" };

let emulator: Emulator;
let base: string;

beforeAll(async () => {
  emulator = createEmulator({
    linode: { accounts: { a: [T.a], b: [T.b] } },
  });
  base = await emulator.start();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

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
});

describe("the provider with per-resource credentials", () => {
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
});
