/**
 * Rule: a key is "gone" only when the cloud says so at an address proven right. A wrong base
 * URL, a proxy's HTML 404 or a failing list never drops a key from state (read) or reports it
 * deleted (delete): either would lose the secret and orphan the key.
 */
import { Emulator } from "../../emulator";
import { ApiError, GoneUnconfirmedError, UnexpectedStatusError } from "../../provider/shared/http/errors";
import { authorizationOf, emulatorProvider, inventoryIds, TestedCloud, testedClouds } from "../helpers/clouds";
import { startEmulator, testContext } from "../helpers/emulator";
import { Proxy, startProxy } from "../helpers/proxy";

const clouds = testedClouds();
let emulator: Emulator;
let proxy: Proxy;

beforeAll(async () => {
  emulator = await startEmulator();
  proxy = await startProxy(new URL(emulator.url(clouds[0].name)).origin);
});
afterAll(async () => {
  await proxy.stop();
  await emulator.stop();
});
beforeEach(() => {
  emulator.reset();
  proxy.rules.length = 0;
  for (const cloud of clouds) cloud.harness.prepare?.(emulator);
});

async function made(cloud: TestedCloud) {
  const provider = emulatorProvider(cloud, emulator);
  const { inputs } = await provider.check({}, { logicalName: "key", ...cloud.harness.renamed(cloud.harness.inputs(), "backups") });
  const { id, outs } = await provider.create(inputs as Record<string, unknown>);
  const through = (baseUrl: string) => cloud.harness.provider(() => testContext(baseUrl, authorizationOf(cloud), { maxAttempts: 2 }));
  return { id, outs, provider, through };
}

/** The cloud's path below the emulator's origin, e.g. `/<name>/v4`. */
const pathOf = (cloud: TestedCloud) => emulator.url(cloud.name).replace(/^http:\/\/[^/]+/, "");
const keys = (cloud: TestedCloud) => inventoryIds(cloud, emulator).length;

describe.each(clouds)("$title: a 404 that the cloud did not confirm keeps the key", (cloud) => {
  it("read and delete through a base URL without the API version path fail and leave the key alone", async () => {
    const { id, outs, through } = await made(cloud);
    const wrong = through(new URL(emulator.url(cloud.name)).origin + cloud.harness.paths.wrongBase);
    const readError = await wrong.read(id, outs).catch((e: unknown) => e);
    expect(readError).toBeInstanceOf(ApiError);
    expect((readError as Error).message).toMatch(/not treated as deleted|not .*own "not found" error/);
    await expect(wrong.delete(id, outs)).rejects.toBeInstanceOf(ApiError);
    expect(keys(cloud)).toBe(1);
  });

  it("a proxy's HTML 404 on the key's own path is an error, not 'gone', while listing still works", async () => {
    const { id, outs, through } = await made(cloud);
    proxy.rules.push({ matches: (_m, path) => cloud.harness.paths.key.test(path), status: 404, body: "<html><body>404 Not Found</body></html>" });
    const viaProxy = through(proxy.url + pathOf(cloud));
    const readError = await viaProxy.read(id, outs).catch((e: unknown) => e);
    expect(readError).toBeInstanceOf(UnexpectedStatusError);
    expect((readError as Error).message).toMatch(/not .* own "not found" error/);
    await expect(viaProxy.delete(id, outs)).rejects.toBeInstanceOf(UnexpectedStatusError);
    expect(keys(cloud)).toBe(1);
  });

  it("the cloud's own 404 counts only when the key list answers without the key", async () => {
    const { id, outs, provider, through } = await made(cloud);
    emulator.cloud(cloud.name).remove(id);
    // The list fails: not proven, the key stays in state.
    proxy.rules.push({ matches: (m, path) => m === "GET" && cloud.harness.paths.list.test(path), status: 502, body: "<html>bad gateway</html>" });
    const viaProxy = through(proxy.url + pathOf(cloud));
    await expect(viaProxy.read(id, outs)).rejects.toBeInstanceOf(GoneUnconfirmedError);
    await expect(viaProxy.delete(id, outs)).rejects.toBeInstanceOf(GoneUnconfirmedError);
    // The list answers without the key: gone, with one GET and one list.
    emulator.resetCounts();
    expect((await provider.read(id, outs)).id).toBe("");
    expect(Object.values(emulator.requestCounts()).reduce((a, b) => a + b, 0)).toBe(2);
    await expect(provider.delete(id, outs)).resolves.toBeUndefined();
  });
});
