/**
 * Upgrading: a stack written by an earlier version keeps working with the installed package
 * (CHANGELOG.md, "Versioning"). Each fixture (test/upgrade/make-fixture.ts) holds a checkpoint
 * exported from a stack that an old build made against its own emulator, and that emulator's keys.
 * The keys go back into a fresh emulator with their ids and secrets, the checkpoint is imported,
 * and the current package must: preview no change without calling any API, refresh with no
 * change (still running the old serialized bootstraps, which call `configure` and `methods` of
 * `pulumi-access-keys/runtime`: docs/pulumi-engine.md#serialized-provider), keep the secrets,
 * update in place with the documented calls (README.md, each resource's "API calls") and destroy
 * every key.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CloudName, createEmulator, Emulator } from "../../emulator";
import { bird, katapult, linode } from "../../provider";
import { clouds } from "../../provider/clouds";
import { stackConfig as descriptorConfig } from "../../provider/shared/cloud";
import { EngineStack, engineStack, expectNoLeaks, PASSPHRASE, recording } from "../helpers/engine";

jest.setTimeout(180_000);

type Letter = "l" | "k" | "b";
type Wire = Record<string, unknown>;
interface Fixture {
  commit: string;
  project: string;
  /** The old emulator's address, recorded in the default provider's config in the checkpoint. */
  emulatorBase: string;
  passphrase: string;
  tokens: { linode: string; katapult: string; bird: string; linodeOps?: string };
  inputs: Record<Letter, Record<string, unknown>>;
  outputs: Record<Letter, { id: string; secret: string }>;
  inventory: { linode: Wire[]; katapult: Wire[]; bird: Wire[] };
  deployment: { version: number; deployment: { resources: { type: string; outputs?: Wire }[] } };
}

/** 0.1.0 (dae5563: the CHANGELOG's 0.1.0 list, no release tag) and the layout before the cloud registry (448ec19). */
const FIXTURES = ["0.1.0", "previous-layout"];

const load = (name: string): Fixture => JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `${name}.json`), "utf8"));

/** What each cloud's update calls when a label, name or description changes (README.md, "API calls"). */
const IN_PLACE = {
  l: { change: { label: "l-upgraded" }, cloud: "linode", calls: { "linode PUT /v4/object-storage/keys/{keyId}": 1 } },
  k: { change: { name: "k-upgraded" }, cloud: "katapult", calls: { "katapult PATCH /core/v1/object_storage/access_keys/access_key": 1 } },
  b: { change: { description: "upgraded" }, cloud: "bird", calls: { "bird PATCH /organizations/{organizationId}/access-keys/{accessKeyId}": 1 } },
} as const;

function program(fixture: Fixture, changed: boolean) {
  const args = (letter: Letter) => ({ ...fixture.inputs[letter], ...(changed ? IN_PLACE[letter].change : {}) });
  return async () => {
    const l = new linode.ObjectStorageKey("l", args("l") as linode.ObjectStorageKeyArgs);
    const k = new katapult.ObjectStorageAccessKey("k", args("k") as katapult.ObjectStorageAccessKeyArgs);
    const b = new bird.AccessKey("b", args("b") as bird.AccessKeyArgs);
    return { l: { id: l.id, secret: l.secretKey }, k: { id: k.id, secret: k.secretAccessKey }, b: { id: b.id, secret: b.accessKey } };
  };
}

function emulatorFor(fixture: Fixture): Emulator {
  const { tokens } = fixture;
  const linodeAccounts = tokens.linodeOps ? { accounts: { default: [tokens.linode], ops: [tokens.linodeOps] } } : { tokens: [tokens.linode] };
  return createEmulator({ linode: linodeAccounts, katapult: { tokens: [tokens.katapult] }, bird: { tokens: [tokens.bird] } });
}

/** Puts the fixture's keys back, as they were (ids, secrets, timestamps), through the out-of-band controls. */
function restoreKeys(emulator: Emulator, fixture: Fixture): void {
  const linodeAccount = fixture.inputs.l.credentials ? "ops" : "default";
  for (const key of fixture.inventory.linode) {
    const regions = [...new Set((key.regions as { id: string }[]).map((r) => r.id))];
    const { bucket_access, limited: _limited, regions: _regions, ...rest } = key;
    emulator.cloud("linode").seed!({ ...rest, regions, ...(bucket_access ? { bucket_access } : {}), account: linodeAccount });
  }
  for (const key of fixture.inventory.katapult) emulator.cloud("katapult").seed!(key);
  for (const key of fixture.inventory.bird) {
    emulator.cloud("bird").seed!(key);
    emulator.cloud("bird").edit(String(key.id), { updatedAt: key.updatedAt, lastUsedAt: key.lastUsedAt });
  }
}

/** Each registered cloud's token and URL settings (provider/clouds.ts), plus Bird's organization. */
function stackConfig(emulator: Emulator, fixture: Fixture) {
  const tokens = fixture.tokens as unknown as Record<string, string>;
  const settings = clouds().map((cloud) => descriptorConfig(cloud, emulator.url(cloud.name as CloudName), tokens[cloud.name]));
  return Object.assign({ "bird:organizationId": { value: String(fixture.inventory.bird[0].organizationId) } }, ...settings);
}

const totalCalls = (emulator: Emulator) => Object.values(emulator.requestCounts()).reduce((a, b) => a + b, 0);
const keysLeft = (emulator: Emulator) => clouds().map((c) => emulator.cloud(c.name as CloudName).inventory().length);
const bootstraps = (s: EngineStack) => s.resources().map((r) => r.outputs.__provider);

describe.each(FIXTURES)("a stack written by %s", (name) => {
  const fixture = load(name);
  let emulator: Emulator;
  let s: EngineStack;

  beforeAll(async () => {
    expect(fixture.passphrase).toBe(PASSPHRASE);
    emulator = emulatorFor(fixture);
    const base = await emulator.start();
    restoreKeys(emulator, fixture);
    s = await engineStack(fixture.project, program(fixture, false), stackConfig(emulator, fixture));
    // Refresh and destroy use the provider config recorded in state (the old emulator's URLs).
    await s.stack.importStack(JSON.parse(JSON.stringify(fixture.deployment).split(fixture.emulatorBase).join(base)));
  });
  afterAll(async () => {
    await s?.cleanup();
    await emulator?.stop();
  });

  test("previews and refreshes with no change, updates in place with the documented calls, and destroys every key", async () => {
    const oldBootstraps = fixture.deployment.deployment.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")).map((r) => r.outputs?.__provider);
    emulator.resetCounts();
    expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: 4 });
    expect(emulator.requestCounts()).toEqual({});

    // Refresh reads each key once with the old bootstraps, which load the installed runtime.
    await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
    expect(totalCalls(emulator)).toBeGreaterThanOrEqual(3);
    expect(bootstraps(s)).toEqual(oldBootstraps);

    emulator.resetCounts();
    const up = await s.stack.up({ ...recording(s), program: program(fixture, true) });
    expect(up.summary.resourceChanges).toEqual({ same: 1, update: 3 });
    const expectedCalls = Object.assign({}, ...Object.values(IN_PLACE).map((c) => c.calls));
    expect(emulator.requestCounts()).toEqual(expectedCalls);
    const outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
    expect(outputs).toEqual(fixture.outputs);

    await s.stack.destroy(recording(s));
    expect(keysLeft(emulator)).toEqual([0, 0, 0]);
    const tokens = Object.values(fixture.tokens).filter((t): t is string => t !== undefined);
    expectNoLeaks(s, [...Object.values(fixture.outputs).map((o) => o.secret), ...tokens]);
  });
});
