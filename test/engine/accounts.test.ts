/**
 * Several accounts in one stack, through the real Pulumi engine: two Linode accounts, two
 * Katapult tokens (one organization each) and two Bird organizations (one access key each), each
 * resource with its own `credentials` read from `config.requireSecret`. Each account ends with
 * exactly its own keys; no token is in state or in the CLI's output (diffs included); rotating one
 * account's token is an update with no API call, after which refresh and destroy work with the
 * new token while the old one is refused.
 */
import * as pulumi from "@pulumi/pulumi";
import { Emulator, createEmulator } from "../../emulator";
import { BirdCloud } from "../../emulator/bird";
import { KatapultCloud } from "../../emulator/katapult";
import { LinodeCloud } from "../../emulator/linode";
import { bird, katapult, linode } from "../../provider";
import { EngineStack, engineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";

jest.setTimeout(240_000);

const TOKEN = {
  linodeA: "linode-account-a-0001", linodeB: "linode-account-b-0001", linodeB2: "linode-account-b-0002",
  katapultAlpha: "katapult-alpha-0001", katapultBeta: "katapult-beta-0001",
  birdOne: "bird-org-one-0001", birdTwo: "bird-org-two-0001",
};
const ORG = { one: "0b1e7c4a-1111-4a2b-9c3d-5e6f7a8b9c01", two: "0b1e7c4a-2222-4a2b-9c3d-5e6f7a8b9c02" };

let emulator: Emulator;
let s: EngineStack;
const clouds = () => ({
  linode: emulator.cloud<LinodeCloud>("linode"), katapult: emulator.cloud<KatapultCloud>("katapult"), bird: emulator.cloud<BirdCloud>("bird"),
});

beforeAll(async () => {
  emulator = createEmulator({
    linode: { accounts: { a: [TOKEN.linodeA], b: [TOKEN.linodeB] } },
    katapult: {
      accounts: { alpha: { tokens: [TOKEN.katapultAlpha], organizations: ["alpha"] }, beta: { tokens: [TOKEN.katapultBeta], organizations: ["beta"] } },
      organizations: [{ id: "org_Alpha000000001", sub_domain: "alpha" }, { id: "org_Beta0000000001", sub_domain: "beta" }],
      provisioning: { createRejections: 0 },
    },
    bird: { accounts: { one: { tokens: [TOKEN.birdOne], organizations: [ORG.one] }, two: { tokens: [TOKEN.birdTwo], organizations: [ORG.two] } }, organizations: [ORG.one, ORG.two] },
  });
  await emulator.start();
  const secret = (value: string) => ({ value, secret: true });
  s = await engineStack("accounts", program, {
    "accounts:linodeA": secret(TOKEN.linodeA), "accounts:linodeB": secret(TOKEN.linodeB),
    "accounts:katapultAlpha": secret(TOKEN.katapultAlpha), "accounts:katapultBeta": secret(TOKEN.katapultBeta),
    "accounts:birdOne": secret(TOKEN.birdOne), "accounts:birdTwo": secret(TOKEN.birdTwo),
    // Account B's key gives no URL: it comes from the setting, as without credentials.
    "linode:url": { value: emulator.url("linode") },
  }, { LINODE_TOKEN: "", KATAPULT_API_KEY: "", BIRD_ACCESS_KEY: "" });
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

/** The README's example, one resource per account. */
async function program() {
  const config = new pulumi.Config();
  const linodeUrl = emulator.url("linode");
  const la = new linode.ObjectStorageKey("la", { credentials: { token: config.requireSecret("linodeA"), url: linodeUrl } });
  const lb = new linode.ObjectStorageKey("lb", { credentials: { token: config.requireSecret("linodeB") } });
  const katapultUrl = emulator.url("katapult");
  const ka = new katapult.ObjectStorageAccessKey("ka", {
    organization: { subDomain: "alpha" }, credentials: { apiKey: config.requireSecret("katapultAlpha"), apiUrl: katapultUrl },
  });
  const kb = new katapult.ObjectStorageAccessKey("kb", {
    organization: { subDomain: "beta" }, credentials: { apiKey: config.requireSecret("katapultBeta"), apiUrl: katapultUrl },
  });
  const birdUrl = emulator.url("bird");
  const ba = new bird.AccessKey("ba", { organizationId: ORG.one, credentials: { accessKey: config.requireSecret("birdOne"), apiUrl: birdUrl } });
  const bb = new bird.AccessKey("bb", { organizationId: ORG.two, credentials: { accessKey: config.requireSecret("birdTwo"), apiUrl: birdUrl } });
  // A lookup in account B, by the same credentials.
  const lookup = linode.ObjectStorageKey.get("lb-lookup", lb.id, { credentials: { token: config.requireSecret("linodeB") } });
  return { ids: pulumi.all([la.id, lb.id, ka.id, kb.id, ba.id, bb.id]), lookupLabel: lookup.label };
}

/** Key ids per account, as the emulator holds them. */
function idsByAccount(): Record<string, string[]> {
  const { linode: l, katapult: k, bird: b } = clouds();
  const ids = (keys: Record<string, unknown>[]) => keys.map((key) => String(key.id));
  return {
    linodeA: ids(l.inventory("a")), linodeB: ids(l.inventory("b")),
    katapultAlpha: ids(k.inventory("alpha")), katapultBeta: ids(k.inventory("beta")),
    birdOne: ids(b.inventory("one")), birdTwo: ids(b.inventory("two")),
  };
}

async function status(path: string, authorization: string): Promise<number> {
  return (await fetch(emulator.url("linode") + path, { headers: { authorization } })).status;
}

test("six accounts in one stack, each with its own key, credentials only as ciphertext, rotation without API calls", async () => {
  const up = await s.stack.up(recording(s));
  expect(up.summary.resourceChanges).toMatchObject({ create: 7 });
  const [la, lb, ka, kb, ba, bb] = up.outputs.ids.value as string[];
  expect(idsByAccount()).toEqual({ linodeA: [la], linodeB: [lb], katapultAlpha: [ka], katapultBeta: [kb], birdOne: [ba], birdTwo: [bb] });
  expect(up.outputs.lookupLabel.value).toMatch(/^lb-[a-z0-9]{7}$/);

  // Credentials are ciphertext in inputs and outputs of every resource, the lookup included.
  const managed = s.resources().filter((r) => r.outputs.credentials !== undefined);
  expect(managed).toHaveLength(7);
  for (const r of managed) {
    expect({ id: r.id, input: isCiphertext(r.inputs.credentials), output: isCiphertext(r.outputs.credentials) })
      .toEqual({ id: r.id, input: true, output: true });
  }

  // Account B's token is rotated: the emulator takes the new one and refuses the old.
  const { linode: l } = clouds();
  l.accounts.addToken("b", TOKEN.linodeB2);
  l.accounts.revokeToken(TOKEN.linodeB);
  expect(await status(`/object-storage/keys/${lb}`, `Bearer ${TOKEN.linodeB}`)).toBe(401);
  await s.stack.setConfig("accounts:linodeB", { value: TOKEN.linodeB2, secret: true });

  // The diff shows a credentials change, never the tokens (secret inputs display as [secret]).
  emulator.resetCounts();
  const preview = await s.stack.preview({ ...recording(s), diff: true });
  expect(preview.changeSummary).toMatchObject({ update: 1, same: 6 });
  expect(preview.stdout).toMatch(/~ pulumi-nodejs:dynamic\/linode:ObjectStorageKey: \(update\)[^]*credentials: \[secret\]/);
  emulator.resetCounts();
  const rotated = await s.stack.up({ ...recording(s), diff: true });
  expect(rotated.summary.resourceChanges).toMatchObject({ update: 1 });
  // No call for the update; only the lookup is read again (with the new token), as on every up.
  expect(emulator.requestCounts()).toEqual({ "linode GET /v4/object-storage/keys/{keyId}": 1 });

  // Refresh and destroy use the stored (new) token: the old one would be refused.
  emulator.resetCounts();
  const refresh = await s.stack.refresh(recording(s));
  expect(refresh.summary.resourceChanges).not.toHaveProperty("update");
  expect(emulator.count("linode", "GET /v4/object-storage/keys/{keyId}")).toBe(3);
  expectNoLeaks(s, [...Object.values(TOKEN), ...allSecrets()]);

  await s.stack.destroy(recording(s));
  expect(idsByAccount()).toEqual({ linodeA: [], linodeB: [], katapultAlpha: [], katapultBeta: [], birdOne: [], birdTwo: [] });
  expectNoLeaks(s, Object.values(TOKEN));
});

function allSecrets(): string[] {
  const { linode: l, katapult: k, bird: b } = clouds();
  return [
    ...l.inventory().map((key) => String(key.secret_key)),
    ...k.inventory().map((key) => String(key.s3_secret_access_key)),
    ...b.inventory().map((key) => String(key.token)),
  ];
}
