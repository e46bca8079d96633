/**
 * Rule: a key is "gone" only when the cloud says so at an address proven right. A wrong base
 * URL, a proxy's HTML 404 or a failing list never drops a key from state (read) or reports it
 * deleted (delete): either would lose the secret and orphan the key.
 */
import { CloudName, Emulator } from "../../emulator";
import { BIRD_EMULATOR_ORGANIZATION } from "../../emulator/bird";
import { KatapultCloud } from "../../emulator/katapult";
import { AccessKeyProvider as BirdProvider } from "../../provider/bird/provider";
import { AccessKeyProvider as KatapultProvider } from "../../provider/katapult/provider";
import { ObjectStorageKeyProvider as LinodeProvider } from "../../provider/linode/provider";
import { ApiError, GoneUnconfirmedError, UnexpectedStatusError } from "../../provider/shared/http/errors";
import { ClientContext } from "../../provider/shared/http/request";
import { startEmulator, testContext, TOKENS } from "../helpers/emulator";
import { Proxy, startProxy } from "../helpers/proxy";

interface Provider {
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ inputs?: unknown }>;
  create(inputs: never): Promise<{ id: string; outs: unknown }>;
  read(id: string, props?: never): Promise<{ id: string }>;
  delete(id: string, props?: never): Promise<void>;
}

interface Cloud {
  name: CloudName;
  auth: string;
  /** The emulator's URL for this cloud, as a user could mistype it (the version path left out). */
  wrongPath: string;
  make(ctx: () => ClientContext): Provider;
  inputs: Record<string, unknown>;
  /** The key's own path (GET and DELETE), as the proxy sees it. */
  keyPath: RegExp;
}

const clouds: Cloud[] = [
  {
    name: "linode", auth: `Bearer ${TOKENS.linode}`, wrongPath: "/linode",
    make: (c) => new LinodeProvider(c) as unknown as Provider, inputs: { label: "backups" },
    keyPath: /\/object-storage\/keys\/\d+$/,
  },
  {
    name: "katapult", auth: `Bearer ${TOKENS.katapult}`, wrongPath: "/katapult",
    make: (c) => new KatapultProvider(c) as unknown as Provider, inputs: { name: "backups", organization: { subDomain: "emulator" } },
    keyPath: /\/object_storage\/access_keys\/access_key$/,
  },
  {
    name: "bird", auth: `AccessKey ${TOKENS.bird}`, wrongPath: "/bird/v1",
    make: (c) => new BirdProvider(c) as unknown as Provider, inputs: { name: "backups" },
    keyPath: /\/access-keys\/[0-9a-f-]{36}$/,
  },
];

let emulator: Emulator;
let proxy: Proxy;

beforeAll(async () => {
  emulator = await startEmulator();
  proxy = await startProxy(emulator.url("linode").replace(/\/linode\/v4$/, ""));
  process.env.BIRD_ORGANIZATION_ID = BIRD_EMULATOR_ORGANIZATION;
});
afterAll(async () => {
  delete process.env.BIRD_ORGANIZATION_ID;
  await proxy.stop();
  await emulator.stop();
});
beforeEach(() => {
  emulator.reset();
  proxy.rules.length = 0;
  (emulator.cloud<KatapultCloud>("katapult")).provisioning.createRejections = 0;
});

async function made(cloud: Cloud) {
  const right = testContext(emulator.url(cloud.name), cloud.auth);
  const provider = cloud.make(() => right);
  const { inputs } = await provider.check({}, { logicalName: "key", ...cloud.inputs });
  const { id, outs } = await provider.create(inputs as never);
  const through = (baseUrl: string) => cloud.make(() => testContext(baseUrl, cloud.auth, { maxAttempts: 2 }));
  return { id, outs: outs as never, provider, through };
}

const keys = (cloud: CloudName) => emulator.cloud(cloud).inventory().length;

describe.each(clouds)("$name: a 404 that the cloud did not confirm keeps the key", (cloud) => {
  it("read and delete through a base URL without the API version path fail and leave the key alone", async () => {
    const { id, outs, through } = await made(cloud);
    const wrong = through(emulator.url(cloud.name).replace(/\/(linode|katapult|bird).*$/, cloud.wrongPath));
    const readError = await wrong.read(id, outs).catch((e: unknown) => e);
    expect(readError).toBeInstanceOf(ApiError);
    expect((readError as Error).message).toMatch(/not treated as deleted|not .*own "not found" error/);
    await expect(wrong.delete(id, outs)).rejects.toBeInstanceOf(ApiError);
    expect(keys(cloud.name)).toBe(1);
  });

  it("a proxy's HTML 404 on the key's own path is an error, not 'gone', while listing still works", async () => {
    const { id, outs, through } = await made(cloud);
    proxy.rules.push({ matches: (_m, path) => cloud.keyPath.test(path), status: 404, body: "<html><body>404 Not Found</body></html>" });
    const viaProxy = through(proxy.url + emulator.url(cloud.name).replace(/^http:\/\/[^/]+/, ""));
    const readError = await viaProxy.read(id, outs).catch((e: unknown) => e);
    expect(readError).toBeInstanceOf(UnexpectedStatusError);
    expect((readError as Error).message).toMatch(/not .* own "not found" error/);
    await expect(viaProxy.delete(id, outs)).rejects.toBeInstanceOf(UnexpectedStatusError);
    expect(keys(cloud.name)).toBe(1);
  });

  it("the cloud's own 404 counts only when the key list answers without the key", async () => {
    const { id, outs, provider, through } = await made(cloud);
    emulator.cloud(cloud.name).remove(id);
    // The list fails: not proven, the key stays in state.
    proxy.rules.push({ matches: (m, path) => m === "GET" && /(keys|access_keys|access-keys)$/.test(path), status: 502, body: "<html>bad gateway</html>" });
    const viaProxy = through(proxy.url + emulator.url(cloud.name).replace(/^http:\/\/[^/]+/, ""));
    await expect(viaProxy.read(id, outs)).rejects.toBeInstanceOf(GoneUnconfirmedError);
    await expect(viaProxy.delete(id, outs)).rejects.toBeInstanceOf(GoneUnconfirmedError);
    // The list answers without the key: gone, with one GET and one list.
    emulator.resetCounts();
    expect((await provider.read(id, outs)).id).toBe("");
    expect(Object.values(emulator.requestCounts()).reduce((a, b) => a + b, 0)).toBe(2);
    await expect(provider.delete(id, outs)).resolves.toBeUndefined();
  });
});
