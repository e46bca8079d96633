/**
 * Katapult keys through the real dynamic-provider host: configure from stack config, then every
 * method, with the secret surviving read and update and never printed.
 */
import { KatapultCloud } from "../../emulator/katapult";
import { katapult } from "../../provider";
import { withHost } from "../helpers/host";
import { fileEmulator, TOKENS } from "../helpers/emulator";

const emulator = fileEmulator();

const hostEnv = { KATAPULT_API_KEY: "", PULUMI_ACCESS_KEYS_RETRY_BASE_MS: "20" };

test("Katapult: Check, Create (with credentials), Diff, Update, Read and Delete through the host", async () => {
  const cloud = emulator.cloud<KatapultCloud>("katapult");
  const config = { "katapult:apiKey": TOKENS.katapult, "katapult:apiUrl": emulator.url("katapult"), "katapult:organization": "emulator" };
  await withHost(katapult.objectStorageAccessKeyProvider, hostEnv, config, async (host) => {
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
