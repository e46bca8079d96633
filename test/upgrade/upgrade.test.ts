/**
 * Upgrading: a stack written by an earlier version keeps working with the installed package
 * (CHANGELOG.md, "Versioning"). Each fixture (test/upgrade/make-fixture.ts) holds a checkpoint
 * exported from a stack that an old build made against its own emulator, and that emulator's keys.
 * The keys go back into a fresh emulator with their ids and secrets, the checkpoint is imported,
 * and the current package must: preview no change without calling any API, refresh with no
 * change (still running the old serialized bootstraps, which call `configure` and `methods` of
 * `pulumi-access-keys/runtime`: docs/pulumi-engine.md#serialized-provider), keep the secrets,
 * update in place with the documented calls (README.md, each resource's "API calls") and destroy
 * every key. Clouds come from the registry and the fixture, so this file names none.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { CloudName, createEmulator, Emulator } from "../../emulator";
import * as pkg from "../../provider";
import { clouds } from "../../provider/clouds";
import { stackConfig as descriptorConfig } from "../../provider/shared/cloud";
import { EngineStack, engineStack, expectNoLeaks, PASSPHRASE, recording } from "../helpers/engine";

jest.setTimeout(180_000);

type Wire = Record<string, unknown>;
interface FixtureResource {
  name: string;
  /** `<cloud>:<Type>`: the package exports it as `<cloud>.<Type>`. */
  kind: string;
  secretOutput: string;
  inputs: Wire;
  change: Wire;
  calls: Record<string, number>;
}
interface Fixture {
  commit: string;
  project: string;
  passphrase: string;
  /** The old emulator's address, recorded in the default provider's config in the checkpoint. */
  emulatorBase: string;
  /** Per cloud: the token of the stack settings; `settings`: the other stack settings. */
  tokens: Record<string, string>;
  settings: Record<string, string>;
  emulatorOptions: Record<string, Wire>;
  seeds: Record<string, { fields: Wire; edit?: Wire }[]>;
  resources: FixtureResource[];
  outputs: Record<string, { id: string; secret: string }>;
  deployment: { version: number; deployment: { resources: { type: string; outputs?: Wire }[] } };
}
type ResourceClass = new (name: string, args: Wire) => pulumi.CustomResource & Record<string, pulumi.Output<unknown>>;

/** 0.1.0 (dae5563: the CHANGELOG's 0.1.0 list, no release tag) and the layout before the cloud registry (448ec19). */
const FIXTURES: Record<string, Fixture> = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "stacks.json"), "utf8"));

function program(fixture: Fixture, changed: boolean) {
  const exported = pkg as unknown as Record<string, Record<string, ResourceClass>>;
  return async () => {
    const made = fixture.resources.map((r) => {
      const [cloud, type] = r.kind.split(":");
      const resource = new exported[cloud][type](r.name, { ...r.inputs, ...(changed ? r.change : {}) });
      return [r.name, { id: resource.id, secret: resource[r.secretOutput] }];
    });
    return Object.fromEntries(made);
  };
}

/** Puts the fixture's keys back as they were (ids, secrets, timestamps) through the out-of-band controls. */
function restoreKeys(emulator: Emulator, fixture: Fixture): void {
  for (const [cloud, seeds] of Object.entries(fixture.seeds)) {
    for (const { fields, edit } of seeds) {
      const seeded = emulator.cloud(cloud as CloudName).seed!(fields);
      if (edit) emulator.cloud(cloud as CloudName).edit(String(seeded.id), edit);
    }
  }
}

/** Each registered cloud's token and URL settings (provider/clouds.ts), plus the fixture's other settings. */
function stackConfig(emulator: Emulator, fixture: Fixture) {
  const settings = clouds().map((cloud) => descriptorConfig(cloud, emulator.url(cloud.name as CloudName), fixture.tokens[cloud.name], fixture.settings));
  return Object.assign({}, ...settings);
}

const totalCalls = (emulator: Emulator) => Object.values(emulator.requestCounts()).reduce((a, b) => a + b, 0);
const keysLeft = (emulator: Emulator) => clouds().map((c) => emulator.cloud(c.name as CloudName).inventory().length);
const bootstraps = (resources: { type: string; outputs?: Wire }[]) =>
  resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")).map((r) => r.outputs?.__provider);
/** Every string in the emulator's options: the tokens of every account. */
const stringsIn = (value: unknown): string[] =>
  typeof value === "string" ? [value] : value && typeof value === "object" ? Object.values(value).flatMap(stringsIn) : [];

describe.each(Object.keys(FIXTURES))("a stack written by %s", (name) => {
  const fixture = FIXTURES[name];
  let emulator: Emulator;
  let s: EngineStack;

  beforeAll(async () => {
    expect(fixture.passphrase).toBe(PASSPHRASE);
    emulator = createEmulator(fixture.emulatorOptions as Parameters<typeof createEmulator>[0]);
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
    emulator.resetCounts();
    expect((await s.stack.preview(recording(s))).changeSummary).toEqual({ same: fixture.resources.length + 1 });
    expect(emulator.requestCounts()).toEqual({});

    // Refresh reads each key with the old bootstraps, which load the installed runtime.
    await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
    expect(totalCalls(emulator)).toBeGreaterThanOrEqual(fixture.resources.length);
    expect(bootstraps(s.resources())).toEqual(bootstraps(fixture.deployment.deployment.resources));

    emulator.resetCounts();
    const up = await s.stack.up({ ...recording(s), program: program(fixture, true) });
    expect(up.summary.resourceChanges).toEqual({ same: 1, update: fixture.resources.length });
    expect(emulator.requestCounts()).toEqual(Object.assign({}, ...fixture.resources.map((r) => r.calls)));
    expect(Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]))).toEqual(fixture.outputs);

    await s.stack.destroy(recording(s));
    expect(keysLeft(emulator)).toEqual(clouds().map(() => 0));
    expectNoLeaks(s, [...Object.values(fixture.outputs).map((o) => o.secret), ...stringsIn(fixture.emulatorOptions)]);
  });
});
