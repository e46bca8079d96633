/**
 * Writes a fixture for test/upgrade/upgrade.test.ts: a stack made by an earlier version of this
 * package, exported with `stack.exportStack()`, plus the emulator's keys (ids and secrets) at
 * that moment and the inputs the program passed. The test puts those keys back into a fresh
 * emulator, imports the checkpoint and drives it with the current package (CHANGELOG.md,
 * "Versioning": state written by one version is read, refreshed, updated and deleted by the next).
 *
 * It drives the OLD build only: the package, the emulator and the Automation API all come from
 * the old worktree, and the program's folder lives inside it, so the provider host loads that
 * worktree's `pulumi-access-keys/runtime` (docs/pulumi-engine.md#module-resolution).
 *
 * Regenerate (fake tokens and secrets only; the passphrase is a throwaway):
 *   git worktree add --detach /work/wt-old <commit>    # 448ec19 (previous layout) or dae5563 (0.1.0)
 *   cp -a node_modules /work/wt-old/ && (cd /work/wt-old && npm run build)
 *   npx tsc --outDir .engine-work/make-fixture --module commonjs --target es2022 --types node \
 *     --skipLibCheck test/upgrade/make-fixture.ts
 *   node .engine-work/make-fixture/make-fixture.js /work/wt-old previous-layout   # or 0.1.0
 * The fixture lands under its name in test/upgrade/fixtures/stacks.json. Its `emulatorBase` is the emulator's
 * address then: the default provider's recorded config holds it, and refresh and destroy use that
 * recorded config, so the test moves it to its own emulator's address (a real cloud's URL stays).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Shared with the test through the fixture file: the engine tests' passphrase (test/helpers/engine.ts). */
const PASSPHRASE = "engine-test-passphrase";
const PROJECT = "upgrade-engine";
const TOKENS = { linode: "linode-test-token-0000", katapult: "katapult-test-token-0000", bird: "bird-test-token-0000" };
/** A second Linode account, reached only through the `credentials` input of the Linode key. */
const LINODE_OPS_TOKEN = "linode-ops-token-0000";
/** The repository: two levels up from test/upgrade/ and from .engine-work/make-fixture/. */
const REPO = path.resolve(__dirname, "..", "..");
const BIRD_ORGANIZATION = "2f7c1a9e-5b3d-4e8f-a1c2-7d9e0b4f6a13";
const ROLE = "11111111-2222-4333-8444-555555555555";
const WORKSPACE = "66666666-7777-4888-9999-aaaaaaaaaaaa";
/** Far enough that the keys never fall due while the fixture is in use. */
const ROTATE_AFTER_DAYS = 36_500;

type Inputs = Record<"l" | "k" | "b", Record<string, unknown>>;

/**
 * The stack's resources as the test drives them without naming a cloud: the package export
 * (`<cloud>:<Type>` is `pkg.<cloud>.<Type>`), the secret output, an in-place change and the
 * calls its update makes (README.md, each resource's "API calls").
 */
const RESOURCES = {
  l: { kind: "linode:ObjectStorageKey", secretOutput: "secretKey", change: { label: "l-upgraded" }, calls: { "linode PUT /v4/object-storage/keys/{keyId}": 1 } },
  k: {
    kind: "katapult:ObjectStorageAccessKey", secretOutput: "secretAccessKey", change: { name: "k-upgraded" },
    calls: { "katapult PATCH /core/v1/object_storage/access_keys/access_key": 1 },
  },
  b: {
    kind: "bird:AccessKey", secretOutput: "accessKey", change: { description: "upgraded" },
    calls: { "bird PATCH /organizations/{organizationId}/access-keys/{accessKeyId}": 1 },
  },
};

/** Each layout with the features it had: 0.1.0 had no credentials, rotation or roleRefs. */
const PROGRAMS: Record<string, { inputs: Inputs; accounts: boolean }> = {
  "0.1.0": {
    accounts: false,
    inputs: {
      l: { regions: ["us-east"] },
      k: { organization: { subDomain: "emulator" }, allBucketsRead: true },
      b: { roleIds: [ROLE] },
    },
  },
  "previous-layout": {
    accounts: true,
    inputs: {
      l: { credentials: { token: LINODE_OPS_TOKEN }, rotateAfterDays: ROTATE_AFTER_DAYS },
      k: { organization: { subDomain: "emulator" }, allBucketsRead: true, rotateAfterDays: ROTATE_AFTER_DAYS },
      b: { roleRefs: [{ id: ROLE, type: "organization", workspaces: [WORKSPACE] }], rotateAfterDays: ROTATE_AFTER_DAYS },
    },
  },
};

interface OldEmulator {
  start(): Promise<string>;
  stop(): Promise<void>;
  url(cloud: string): string;
  cloud(name: string): { inventory(): Record<string, unknown>[] };
}
type ResourceClass = new (name: string, args: Record<string, unknown>) => Record<string, unknown> & { id: unknown };

function oldModules(oldRoot: string) {
  const load = (p: string) => require(path.join(oldRoot, p));
  return {
    automation: load("node_modules/@pulumi/pulumi/automation"),
    pkg: load("dist/provider") as Record<string, Record<string, ResourceClass>>,
    emulator: load("dist/emulator") as { createEmulator(options: Record<string, unknown>): OldEmulator },
    version: String(JSON.parse(fs.readFileSync(path.join(oldRoot, "package.json"), "utf8")).version),
    commit: execFileSync("git", ["-C", oldRoot, "rev-parse", "HEAD"], { encoding: "utf8" }).trim(),
  };
}

/** The token and URL settings of each cloud, as the old versions (and every later one) name them. */
const SETTINGS: Record<keyof typeof TOKENS, [token: string, url: string]> = {
  linode: ["linode:token", "linode:url"], katapult: ["katapult:apiKey", "katapult:apiUrl"], bird: ["bird:accessKey", "bird:apiUrl"],
};

function stackConfig(emulator: OldEmulator): Record<string, { value: string; secret?: boolean }> {
  const entries = Object.entries(SETTINGS).flatMap(([cloud, [tokenKey, urlKey]]) => [
    [tokenKey, { value: TOKENS[cloud as keyof typeof TOKENS], secret: true }],
    [urlKey, { value: emulator.url(cloud) }],
  ]);
  return { ...Object.fromEntries(entries), "bird:organizationId": { value: BIRD_ORGANIZATION } };
}

/** One key per cloud; the stack exports each key's id and secret. */
function program(pkg: Record<string, Record<string, ResourceClass>>, inputs: Inputs) {
  return async () => {
    const made = Object.entries(RESOURCES).map(([name, r]) => {
      const [cloud, type] = r.kind.split(":");
      const resource = new pkg[cloud][type](name, inputs[name as keyof Inputs]);
      return [name, { id: resource.id, secret: resource[r.secretOutput] }];
    });
    return Object.fromEntries(made);
  };
}

/** The keys in the form the emulator's out-of-band `seed` takes them (with ids and secrets), then edits. */
function seedsOf(emulator: OldEmulator, linodeAccount: string) {
  const linodeSeed = (key: Record<string, unknown>) => {
    const { limited: _limited, regions, bucket_access, ...rest } = key;
    const regionIds = [...new Set((regions as { id: string }[]).map((r) => r.id))];
    return { fields: { ...rest, regions: regionIds, ...(bucket_access ? { bucket_access } : {}), account: linodeAccount } };
  };
  return {
    linode: emulator.cloud("linode").inventory().map(linodeSeed),
    katapult: emulator.cloud("katapult").inventory().map((key) => ({ fields: key })),
    bird: emulator.cloud("bird").inventory().map((key) => ({ fields: key, edit: { updatedAt: key.updatedAt, lastUsedAt: key.lastUsedAt } })),
  };
}

async function main(oldRoot: string, name: string): Promise<void> {
  const chosen = PROGRAMS[name];
  if (!chosen) throw new Error(`fixture name must be one of ${Object.keys(PROGRAMS).join(", ")}`);
  const old = oldModules(path.resolve(oldRoot));
  const linodeAccounts = chosen.accounts ? { accounts: { default: [TOKENS.linode], ops: [LINODE_OPS_TOKEN] } } : { tokens: [TOKENS.linode] };
  const emulatorOptions = { linode: linodeAccounts, katapult: { tokens: [TOKENS.katapult] }, bird: { tokens: [TOKENS.bird] } };
  const emulator = old.emulator.createEmulator(emulatorOptions);
  const emulatorBase = await emulator.start();
  const work = fs.mkdtempSync(path.join(path.resolve(oldRoot), ".engine-work-fixture-"));
  const cliRoot = execFileSync("bash", [path.join(REPO, "scripts", "pulumi-cli.sh")], { encoding: "utf8" }).trim().split("\n").pop();
  try {
    const stack = await old.automation.LocalWorkspace.createOrSelectStack(
      { stackName: "test", projectName: PROJECT, program: program(old.pkg, chosen.inputs) },
      {
        pulumiCommand: await old.automation.PulumiCommand.get({ root: cliRoot, skipVersionCheck: true }),
        workDir: work,
        projectSettings: { name: PROJECT, runtime: "nodejs", backend: { url: `file://${work}` } },
        envVars: { PULUMI_HOME: path.join(work, "home"), PULUMI_CONFIG_PASSPHRASE: PASSPHRASE, PULUMI_SKIP_UPDATE_CHECK: "true" },
      },
    );
    await stack.setAllConfig(stackConfig(emulator));
    const up = await stack.up();
    const outputs = Object.fromEntries(Object.entries(up.outputs as Record<string, { value: unknown }>).map(([k, v]) => [k, v.value]));
    const fixture = {
      about: `written by test/upgrade/make-fixture.ts from ${old.commit} (package ${old.version}) against its own emulator; fake tokens and secrets`,
      commit: old.commit, version: old.version, project: PROJECT, passphrase: PASSPHRASE, emulatorBase,
      tokens: TOKENS, settings: { "bird:organizationId": BIRD_ORGANIZATION }, emulatorOptions,
      seeds: seedsOf(emulator, chosen.accounts ? "ops" : "default"),
      resources: Object.entries(RESOURCES).map(([resource, r]) => ({ name: resource, ...r, inputs: chosen.inputs[resource as keyof Inputs] })),
      outputs, deployment: await stack.exportStack(),
    };
    const out = path.join(REPO, "test", "upgrade", "fixtures", "stacks.json");
    const all = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : {};
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ ...all, [name]: fixture }, null, 2) + "\n");
  } finally {
    await emulator.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [oldRoot, name] = process.argv.slice(2);
  main(oldRoot, name).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
