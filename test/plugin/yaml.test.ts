/**
 * A YAML program through the provider plugin and the real engine, against the emulator: an
 * explicit provider for each of two Linode accounts, one for Katapult and one for Bird. `up`
 * puts each key in its provider's account with secret outputs and no plaintext secret or token
 * in state; refresh takes in an out-of-band rename; `pulumi import` adopts a key made outside
 * Pulumi and the code it prints previews no changes; a rotated provider token updates the
 * provider only (no key replaced, no API call); destroy empties every account.
 */
import { createEmulator, Emulator } from "../../emulator";
import { expectNoLeaks, isCiphertext } from "../helpers/engine";
import { harnessOf } from "../helpers/clouds";
import { PluginProject, pluginProject, recorded } from "../helpers/plugin";

jest.setTimeout(300_000);

const TOKENS = {
  linodeOne: "linode-plugin-one-0001", linodeTwo: "linode-plugin-two-0001", linodeTwoRotated: "linode-plugin-two-0002",
  katapult: "katapult-plugin-one-0001", bird: "bird-plugin-one-0001",
};
const ALL_TOKENS = Object.values(TOKENS);
const BIRD_ORGANIZATION = harnessOf("bird").accounts.args("one").organizationId as string;

let emulator: Emulator;
let p: PluginProject;

/** The program: one provider per account, one key each; `extra` is appended to `resources:`. */
function program(extra = ""): string {
  const url = (cloud: string) => emulator.url(cloud);
  return `config:
  linodeOneToken: { type: string, secret: true }
  linodeTwoToken: { type: string, secret: true }
  katapultToken: { type: string, secret: true }
  birdToken: { type: string, secret: true }
resources:
  linodeOne:
    type: pulumi:providers:access-keys
    properties: { linodeToken: "\${linodeOneToken}", linodeUrl: "${url("linode")}" }
  linodeTwo:
    type: pulumi:providers:access-keys
    properties: { linodeToken: "\${linodeTwoToken}", linodeUrl: "${url("linode")}" }
  katapult:
    type: pulumi:providers:access-keys
    properties: { katapultApiKey: "\${katapultToken}", katapultApiUrl: "${url("katapult")}", katapultOrganization: one }
  bird:
    type: pulumi:providers:access-keys
    properties: { birdAccessKey: "\${birdToken}", birdApiUrl: "${url("bird")}", birdOrganizationId: "${BIRD_ORGANIZATION}" }
  keyOne:
    type: access-keys:linode:ObjectStorageKey
    properties: { label: plugin-one, regions: [us-east] }
    options: { provider: "\${linodeOne}" }
  keyTwo:
    type: access-keys:linode:ObjectStorageKey
    properties: { label: plugin-two, regions: [us-east] }
    options: { provider: "\${linodeTwo}" }
  katKey:
    type: access-keys:katapult:ObjectStorageAccessKey
    properties: { allBucketsRead: true }
    options: { provider: "\${katapult}" }
  birdKey:
    type: access-keys:bird:AccessKey
    properties: { description: CI deploys }
    options: { provider: "\${bird}" }
${extra}outputs:
  linodeOneId: \${keyOne.id}
  linodeOneSecret: \${keyOne.secretKey}
  linodeTwoId: \${keyTwo.id}
  katapultId: \${katKey.id}
  katapultSecret: \${katKey.secretAccessKey}
  birdId: \${birdKey.id}
  birdSecret: \${birdKey.accessKey}
`;
}

/** Key ids per account, as the emulator holds them. */
function inventory(): Record<string, string[]> {
  const ids = (cloud: string, account: string) => emulator.cloud(cloud).inventory(account).map((k) => String(k.id));
  return { linodeOne: ids("linode", "one"), linodeTwo: ids("linode", "two"), katapult: ids("katapult", "one"), bird: ids("bird", "one") };
}

/** Every secret the emulated clouds hold (for the leak scan). */
function cloudSecrets(): string[] {
  const of = (cloud: string, field: string) => emulator.cloud(cloud).inventory().map((k) => String(k[field] ?? ""));
  return [...of("linode", harnessOf("linode").storedSecret), ...of("katapult", harnessOf("katapult").storedSecret), ...of("bird", harnessOf("bird").storedSecret)];
}

beforeAll(async () => {
  emulator = createEmulator({
    linode: { accounts: { one: [TOKENS.linodeOne], two: [TOKENS.linodeTwo] } },
    katapult: harnessOf("katapult").accounts.emulatorOptions({ one: TOKENS.katapult, two: "katapult-plugin-unused-0001" }),
    bird: harnessOf("bird").accounts.emulatorOptions({ one: TOKENS.bird, two: "bird-plugin-unused-0001" }),
  } as Parameters<typeof createEmulator>[0]);
  await emulator.start();
  const secret = (value: string) => ({ value, secret: true });
  // Nothing may come from the environment: each provider has its own account.
  const noAmbient = Object.fromEntries(["LINODE_TOKEN", "LINODE_URL", "KATAPULT_API_KEY", "KATAPULT_API_URL", "BIRD_ACCESS_KEY", "BIRD_API_URL"].map((v) => [v, ""]));
  p = await pluginProject("plugin-yaml", "yaml", "", {
    linodeOneToken: secret(TOKENS.linodeOne), linodeTwoToken: secret(TOKENS.linodeTwo), katapultToken: secret(TOKENS.katapult), birdToken: secret(TOKENS.bird),
  }, noAmbient);
  p.write(program());
});
afterAll(async () => {
  await p?.cleanup();
  await emulator?.stop();
});

test("up, refresh drift, pulumi import, token rotation and destroy through explicit providers in a YAML program", async () => {
  const up = await p.stack.up(recorded(p));
  expect(up.summary.resourceChanges).toMatchObject({ create: 9 });
  const out = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v]));
  expect(inventory()).toEqual({
    linodeOne: [out.linodeOneId.value], linodeTwo: [out.linodeTwoId.value], katapult: [out.katapultId.value], bird: [out.birdId.value],
  });
  for (const name of ["linodeOneSecret", "katapultSecret", "birdSecret"]) expect({ name, secret: out[name].secret }).toEqual({ name, secret: true });
  expect(up.stdout).toMatch(/linodeOneSecret\s*: \[secret\]/);
  // Secrets in the raw checkpoint are ciphertext, the providers' tokens included.
  const byName = (n: string) => p.resources().find((r) => r.urn.endsWith(`::${n}`))!;
  expect(isCiphertext(byName("keyOne").outputs.secretKey)).toBe(true);
  expect(isCiphertext(byName("katKey").outputs.secretAccessKey)).toBe(true);
  const providers = (JSON.parse(p.rawState()).checkpoint.latest.resources as { type: string; inputs: Record<string, unknown> }[])
    .filter((r) => r.type === "pulumi:providers:access-keys");
  expect(providers.map((r) => Object.entries(r.inputs).filter(([k]) => /Token|ApiKey|AccessKey/.test(k)).every(([, v]) => isCiphertext(v)))).toEqual([true, true, true, true]);
  expectNoLeaks(p as never, [...ALL_TOKENS, ...cloudSecrets()]);

  // Out-of-band rename of account two's key: refresh takes it in, preview shows the label to restore.
  const renamed = await fetch(`${emulator.url("linode")}/object-storage/keys/${out.linodeTwoId.value}`, {
    method: "PUT", headers: { authorization: `Bearer ${TOKENS.linodeTwo}`, "content-type": "application/json" }, body: JSON.stringify({ label: "renamed-outside" }),
  });
  expect(renamed.status).toBe(200);
  const refresh = await p.stack.refresh(recorded(p));
  expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
  expect(byName("keyTwo").outputs.label).toBe("renamed-outside");
  const drift = await p.stack.preview({ ...recorded(p), diff: true });
  expect(drift.changeSummary).toMatchObject({ update: 1 });
  expect(drift.stdout).toMatch(/~ label\s*: "renamed-outside" => "plugin-two"/);
  await p.stack.up(recorded(p));
  expect(emulator.cloud("linode").inventory("two")[0].label).toBe("plugin-two");

  // A key made outside Pulumi, imported through account one's provider.
  const made = await fetch(`${emulator.url("linode")}/object-storage/keys`, {
    method: "POST", headers: { authorization: `Bearer ${TOKENS.linodeOne}`, "content-type": "application/json" },
    body: JSON.stringify({ label: "made-outside", regions: ["us-east", "eu-central"] }),
  });
  const outside = (await made.json()) as { id: number };
  const providerUrn = JSON.parse(p.rawState()).checkpoint.latest.resources.find((r: { urn: string }) => r.urn.endsWith("::linodeOne")).urn;
  const printed = await p.cli(["import", "access-keys:linode:ObjectStorageKey", "adopted", String(outside.id), "--provider", `linodeOne=${providerUrn}`, "--protect=false", "--yes"]);
  expect(printed).toContain("= 1 imported");
  const code = printed.slice(printed.indexOf("resources:\n") + "resources:\n".length);
  expect(code).toMatch(/adopted:\n\s+type: access-keys:linode:ObjectStorageKey\n\s+properties:\n\s+label: made-outside/);
  const imported = byName("adopted");
  expect({ id: imported.id, inputs: imported.inputs, secret: isCiphertext(imported.outputs.secretKey) })
    .toEqual({ id: String(outside.id), inputs: { label: "made-outside", regions: ["eu-central", "us-east"] }, secret: true });
  // The program with the printed declaration previews no changes.
  p.write(program(code.trimEnd().split("\n").map((l) => `${l}\n`).join("")));
  const same = await p.stack.preview({ ...recorded(p), diff: true, expectNoChanges: true });
  expect(same.changeSummary).toEqual({ same: 10 });

  // Account two's token is rotated: only its provider is updated, with no call to any cloud.
  const { accounts } = emulator.cloud("linode");
  accounts.addToken("two", TOKENS.linodeTwoRotated);
  accounts.revokeToken(TOKENS.linodeTwo);
  await p.stack.setConfig("linodeTwoToken", { value: TOKENS.linodeTwoRotated, secret: true });
  emulator.resetCounts();
  const rotated = await p.stack.up({ ...recorded(p), diff: true });
  expect(rotated.summary.resourceChanges).toEqual({ same: 9, update: 1 });
  expect(rotated.stdout).toMatch(/~ pulumi:providers:access-keys: \(update\)[^]*linodeToken\s*: \[secret\] => \[secret\]/);
  expect(emulator.requestCounts()).toEqual({});

  // Refresh and destroy go through the new token.
  const after = await p.stack.refresh(recorded(p));
  expect(after.summary.resourceChanges).not.toHaveProperty("update");
  await p.stack.destroy(recorded(p));
  expect(inventory()).toEqual({ linodeOne: [], linodeTwo: [], katapult: [], bird: [] });
  expectNoLeaks(p as never, ALL_TOKENS);
});
