/**
 * Katapult and Bird keys through the real dynamic-provider host: configure from stack config,
 * then every method, with the secret surviving read and update and never printed.
 */
import { BIRD_EMULATOR_ORGANIZATION, BirdCloud, Emulator, KatapultCloud } from "../../emulator";
import { bird, katapult } from "../../provider";
import { Host, startHost } from "../helpers/host";
import { startEmulator, TOKENS } from "../helpers/emulator";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator?.stop());

const hostEnv = { KATAPULT_API_KEY: "", BIRD_ACCESS_KEY: "", PULUMI_ACCESS_KEYS_RETRY_BASE_MS: "20" };

async function withHost(provider: object, config: Record<string, string>, body: (host: Host) => Promise<void>): Promise<void> {
  const host = await startHost(provider, hostEnv);
  try {
    await host.configure(config);
    await body(host);
  } finally {
    await host.stop();
  }
}

test("Katapult: Check, Create (with credentials), Diff, Update, Read and Delete through the host", async () => {
  const cloud = emulator.cloud<KatapultCloud>("katapult");
  const config = { "katapult:apiKey": TOKENS.katapult, "katapult:apiUrl": emulator.url("katapult"), "katapult:organization": "emulator" };
  await withHost(katapult.objectStorageAccessKeyProvider, config, async (host) => {
    const bad = await host.check({}, { logicalName: "k", allBucketsRead: "yes" });
    expect(bad.failures.map((f) => f.property)).toEqual(["allBucketsRead"]);

    const { inputs } = await host.check({}, { logicalName: "hosted", allObjectsRead: true });
    expect(inputs.organization).toEqual({ subDomain: "emulator" });
    const created = await host.create(inputs);
    const stored = cloud.inventory().find((k) => k.id === created.id)!;
    expect(created.properties.secretAccessKey).toBe(stored.s3_secret_access_key);

    const renamed = { ...inputs, name: "hosted-renamed" };
    expect(await host.diff(created.id, created.properties, renamed)).toEqual({ changes: 2, replaces: [] });
    expect((await host.diff(created.id, created.properties, { ...inputs, region: "uk-man-1" })).replaces).toEqual(["region"]);
    const updated = await host.update(created.id, created.properties, renamed);
    expect(updated.name).toBe("hosted-renamed");
    expect(updated.secretAccessKey).toBe(stored.s3_secret_access_key);

    const read = await host.read(created.id, updated);
    expect(read.properties.secretAccessKey).toBe(stored.s3_secret_access_key);
    await host.delete(created.id, read.properties);
    expect(cloud.inventory()).toEqual([]);
    expect((await host.read(created.id, read.properties)).id).toBe("");
    expect(host.output()).not.toContain(TOKENS.katapult);
    expect(host.output()).not.toContain(String(stored.s3_secret_access_key));
  });
});

test("Bird: Check, Create, Diff, Update, Read and Delete through the host", async () => {
  const cloud = emulator.cloud<BirdCloud>("bird");
  const config = { "bird:accessKey": TOKENS.bird, "bird:apiUrl": emulator.url("bird"), "bird:organizationId": BIRD_EMULATOR_ORGANIZATION };
  await withHost(bird.accessKeyProvider, config, async (host) => {
    const bad = await host.check({}, { logicalName: "b", description: "" });
    expect(bad.failures.map((f) => f.property)).toEqual(["description"]);

    const { inputs } = await host.check({}, { logicalName: "hosted" });
    expect(inputs.organizationId).toBe(BIRD_EMULATOR_ORGANIZATION);
    const created = await host.create(inputs);
    const token = created.properties.accessKey as string;
    expect(token.length).toBeGreaterThan(10);
    expect(created.properties.suffix).toBe(token.slice(-6));

    const renamed = { ...inputs, name: "hosted-renamed" };
    expect(await host.diff(created.id, created.properties, renamed)).toEqual({ changes: 2, replaces: [] });
    const updated = await host.update(created.id, created.properties, renamed);
    expect(updated.name).toBe("hosted-renamed");
    expect(updated.accessKey).toBe(token);

    const read = await host.read(created.id, updated);
    expect(read.properties.accessKey).toBe(token);
    expect(read.inputs.name).toBe("hosted-renamed");
    await host.delete(created.id, read.properties);
    expect(cloud.inventory()).toEqual([]);
    expect(host.output()).not.toContain(TOKENS.bird);
    expect(host.output()).not.toContain(token);
  });
});
