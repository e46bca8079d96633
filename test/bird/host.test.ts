/**
 * Bird keys through the real dynamic-provider host: configure from stack config, then every
 * method, with the secret surviving read and update and never printed.
 */
import { BIRD_EMULATOR_ORGANIZATION, BirdCloud } from "../../emulator/bird";
import { bird } from "../../provider";
import { withHost } from "../helpers/host";
import { fileEmulator, TOKENS } from "../helpers/emulator";

const emulator = fileEmulator();

const hostEnv = { BIRD_ACCESS_KEY: "", PULUMI_ACCESS_KEYS_RETRY_BASE_MS: "20" };

test("Bird: Check, Create, Diff, Update, Read and Delete through the host", async () => {
  const cloud = emulator.cloud<BirdCloud>("bird");
  const config = { "bird:accessKey": TOKENS.bird, "bird:apiUrl": emulator.url("bird"), "bird:organizationId": BIRD_EMULATOR_ORGANIZATION };
  await withHost(bird.accessKeyProvider, hostEnv, config, async (host) => {
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
