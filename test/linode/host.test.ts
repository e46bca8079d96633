/**
 * The Linode resource through the real dynamic-provider host: deserialization of the thin shim,
 * configure from stack config, module resolution from the program folder, struct conversion.
 */
import { Emulator } from "../../emulator";
import { LinodeCloud } from "../../emulator/linode";
import { linode } from "../../provider";
import { Host, startHost } from "../helpers/host";
import { startEmulator, TOKENS } from "../helpers/emulator";

let emulator: Emulator;
let host: Host;

beforeAll(async () => {
  emulator = await startEmulator();
  // No token in the environment: it must come from stack config through `configure`.
  host = await startHost(linode.objectStorageKeyProvider, { LINODE_TOKEN: "", LINODE_URL: "" });
  await host.configure({ "linode:token": TOKENS.linode, "linode:url": emulator.url("linode") });
});
afterAll(async () => {
  await host?.stop();
  await emulator?.stop();
});

test("Check, Diff, Create, Read, Update and Delete work through the provider host", async () => {
  const cloud = emulator.cloud<LinodeCloud>("linode");
  const args = { logicalName: "hosted", bucketAccess: [{ bucketName: "logs", region: "fr-par", permissions: "read_write" }] };

  const bad = await host.check({}, { ...args, label: "x" });
  expect(bad.failures).toEqual([{ property: "label", reason: "label must be 3 to 50 characters" }]);
  expect(emulator.requestCounts()).toEqual({});

  const { inputs } = await host.check({}, args);
  expect(inputs.label).toMatch(/^hosted-[a-z0-9]{7}$/);
  const created = await host.create(inputs);
  const stored = cloud.inventory()[0];
  expect(created.id).toBe(String(stored.id));
  expect(created.properties.secretKey).toBe(stored.secret_key);

  const renamed = { ...inputs, label: "hosted-renamed" };
  expect(await host.diff(created.id, created.properties, renamed)).toEqual({ changes: 2, replaces: [] });
  expect(await host.diff(created.id, created.properties, inputs)).toEqual({ changes: 1, replaces: [] });
  const updated = await host.update(created.id, created.properties, renamed);
  expect(updated.label).toBe("hosted-renamed");
  expect(updated.secretKey).toBe(stored.secret_key);

  cloud.edit(created.id, { label: "changed-in-console" });
  const read = await host.read(created.id, updated);
  expect(read.properties.label).toBe("changed-in-console");
  expect(read.properties.secretKey).toBe(stored.secret_key);
  expect(read.inputs.label).toBe("changed-in-console");

  await host.delete(created.id, read.properties);
  expect(cloud.inventory()).toEqual([]);
  cloud.remove(created.id);
  expect((await host.read(created.id, read.properties)).id).toBe("");

  // Nothing the host printed carries the token or the secret.
  expect(host.output()).not.toContain(TOKENS.linode);
  expect(host.output()).not.toContain(String(stored.secret_key));
});

test("a missing token is a clear error that says how to set it", async () => {
  const bare = await startHost(linode.objectStorageKeyProvider, { LINODE_TOKEN: "", LINODE_URL: emulator.url("linode") });
  try {
    await bare.configure({});
    await expect(bare.create({ label: "no-token" })).rejects.toThrow(
      /Linode API token is not set: run `pulumi config set --secret linode:token <value>` or set the LINODE_TOKEN/,
    );
  } finally {
    await bare.stop();
  }
});

test("a resource's own credentials work with nothing configured, and never appear in check failures or errors", async () => {
  const bare = await startHost(linode.objectStorageKeyProvider, { LINODE_TOKEN: "", LINODE_URL: "" });
  const secretish = "wrong-token-7f3a9c";
  try {
    await bare.configure({});
    const bad = await bare.check({}, { logicalName: "own", credentials: { token: `${secretish} x`, url: "http://linode.example.com" } });
    expect(bad.failures).toEqual([
      { property: "credentials.token", reason: "credentials.token contains whitespace" },
      { property: "credentials.url", reason: "credentials.url must be an https:// URL (plain http is only allowed for loopback addresses)" },
    ]);
    const refused = bare.create({ label: "own-key", credentials: { token: secretish, url: emulator.url("linode") } });
    await expect(refused).rejects.toThrow(/401/);
    await expect(refused).rejects.not.toThrow(secretish);

    const credentials = { token: TOKENS.linode, url: emulator.url("linode") };
    const { inputs } = await bare.check({}, { logicalName: "own", credentials });
    const created = await bare.create(inputs);
    expect(created.properties.credentials).toEqual(credentials);
    await bare.delete(created.id, created.properties);
    expect(emulator.cloud<LinodeCloud>("linode").inventory()).toEqual([]);
    expect(bare.output()).not.toContain(secretish);
    expect(bare.output()).not.toContain(TOKENS.linode);
  } finally {
    await bare.stop();
  }
});
