/**
 * The clouds the cross-cloud tests run against: every cloud of the registry (provider/clouds.ts)
 * with its test harness, found by convention in `test/<name>/harness.ts` (export `harness`).
 * A test-only cloud registers its harness with `registerHarness`. What a harness holds is what
 * the cross-cloud tests need from a cloud and cannot read from its descriptor.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Emulator } from "../../emulator";
import { emulatedCloud } from "../../emulator/clouds";
import { clouds } from "../../provider/clouds";
import { authorization, CloudDescriptor, stackConfig } from "../../provider/shared/cloud";
import { Connect } from "../../provider/shared/context";
import { testContext, testToken } from "./emulator";

/** Inputs or outputs of a resource, in the cloud's own field names. */
export type Props = Record<string, unknown>;

/** A resource provider as the cross-cloud tests call it (each cloud's own is typed by its schemas). */
export interface TestedProvider {
  check(olds: Props, news: Props): Promise<{ inputs?: unknown; failures?: { property: string; reason: string }[] }>;
  diff(id: string, olds: Props, news: Props): Promise<{ changes?: boolean; replaces?: string[] }>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props?: Props): Promise<{ id: string; props: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  delete(id: string, props?: Props): Promise<void>;
}

/** An emulator route of one operation, as the emulator names routes (`POST /v4/...`). */
export interface OperationRoute {
  method: string;
  route: string;
}

/** A key declared in a Pulumi program: the outputs the engine tests read. */
export interface DeclaredKey {
  id: pulumi.Output<string>;
  /** The key's name as the cloud shows it (a label, on some clouds). */
  name: pulumi.Output<string>;
  /** The output that holds the key's secret. */
  secret: pulumi.Output<string>;
  rotatedAt: pulumi.Output<string | undefined>;
  /** Outputs the cloud's own checks read after `up` (see `EngineHarness.checkUp`). */
  extra: Record<string, pulumi.Output<unknown>>;
  /** The resource itself, for tests that read outputs by their field-table names. */
  resource?: pulumi.CustomResource;
}

/** What the engine tests need from a cloud. */
export interface EngineHarness {
  /** Declares a key of the cloud's kind with these args (credentials in the cloud's field names). */
  declare(name: string, args: Props): DeclaredKey;
  /** The provider object the kind's resources serialize (the package's export, a thin shim). */
  shim: object;
  /** Looks up a key the program does not manage, with the resource class's `get` (`state` holds its credentials). */
  lookup(name: string, id: pulumi.Input<string>, state: Props): DeclaredKey;
  /** Args for the i-th of many keys in one program, valid without the emulator's stack settings. */
  nth(i: number): Props;
  /** Emulator and stack settings for a test that waits for keys to be usable (a cloud that configures them late). */
  slowProvisioning?: { prepare(emulator: Emulator): void; stackSettings: Readonly<Record<string, string>> };
  /**
   * The cloud's own checks of a key's outputs once `up` ends, after creating it (requests counted
   * from before that `up`) or after rotating it: e.g. a key the cloud configures late is configured by then.
   */
  checkUp?(outputs: Props, emulator: Emulator, after: "create" | "rotation"): void;
}

/** The cloud's part of a user's own program (test/consumer/), as TypeScript source. */
export interface ConsumerHarness {
  /** An expression declaring one key, with the package imported as `accessKeys`. */
  declaration: string;
  /** The output holding the key's name (a label, on some clouds). */
  nameOutput: string;
  /** The name the declaration gives, when it gives one. */
  name?: string;
  /** A wire field the test renames out of band to show drift on refresh, where it does. */
  driftField?: string;
}

/** Two accounts of the cloud in one emulator, for the multi-account tests. */
export interface AccountsHarness {
  /** Emulator options with accounts `one` and `two`, each holding its token (and its own organization). */
  emulatorOptions(tokens: { one: string; two: string }): object;
  /** Args that place a key in the account (its organization), credentials aside. */
  args(account: "one" | "two"): Props;
  /** Makes a key named `name` in the account (its organization) directly in the emulator, as in the cloud's console; returns its id. */
  seed(emulator: Emulator, account: "one" | "two", name: string): string;
}

/** The cloud through the provider plugin (test/plugin/). */
export interface PluginHarness {
  /** Provider settings besides token and URL, by plugin key (provider/plugin/names.ts), that point a provider at the account (its organization). */
  settings(account: "one" | "two"): Props;
  /** A key's properties in a program, named `name` (in `nameField`). */
  declaration(name: string): Props;
  /** The field holding the key's name: the same name as input, output and wire field. */
  nameField: string;
}

export interface CloudHarness {
  /** Builds the cloud's resource provider over a connection, on the real clock unless given one. */
  provider(connect: Connect, now?: () => number): TestedProvider;
  /** Whether rotation regenerates the secret in place (an update) rather than replacing the key. */
  rotatesInPlace: boolean;
  /** The key takes `keepPreviousForHours` (docs/rotation-overlap.md). */
  keepsPrevious?: true;
  /**
   * The calls of a rotation that keeps the previous key, by operation (a `routes` name), once the
   * cloud has no provisioning refusals left (`prepare`); default `{ create: 1 }`.
   */
  overlapRotationCalls?: Readonly<Record<string, number>>;
  /** Valid inputs against the emulator, besides `logicalName`. */
  inputs(): Props;
  /** The same inputs with an in-place change (a new name or label). */
  renamed(inputs: Props, name: string): Props;
  /** Inputs that regenerate the secret in place, for a cloud that can. */
  rotated?(inputs: Props): Props;
  /** The output that holds the secret, and the emulator's field for it. */
  secretOutput: string;
  storedSecret: string;
  /** An error body in the cloud's own shape that quotes `authorization` in every field it can. */
  echoAuthBody(authorization: string): unknown;
  /** A GET path below the API path, and the fields of the echo-auth fault's body that quote the Authorization (message first). */
  emulatorEcho: { path: string; fields(body: unknown): string[] };
  /** Emulator routes per operation (create, read, update, delete, and credentials where it exists). */
  routes: Readonly<Record<string, OperationRoute>>;
  /** Puts the emulated cloud in a deterministic state before a case (no random refusals). */
  prepare?(emulator: Emulator): void;
  /**
   * Offline facts for check and diff: every input name, a valid example using most of them, the
   * old outputs of a key and inputs that key already matches; the least a program must give (no
   * settings read), what a create returns besides the inputs, and a well-formed key id.
   */
  offline: { keys: readonly string[]; valid: Props; olds: Props; matching: Props; least: Props; created: Props; id: string };
  /** Paths as seen on the wire: a base URL missing the API version, the key's own path, the key list. */
  paths: { wrongBase: string; key: RegExp; list: RegExp };
  engine: EngineHarness;
  consumer: ConsumerHarness;
  accounts: AccountsHarness;
  plugin: PluginHarness;
  /** Rate limits for the load test: keys, requests per window, window, and the phase that must exceed one window. */
  load: { keys: number; perWindow: number; windowMs: number; exceededBy: "up" | "refresh"; prepare?(emulator: Emulator, keys: number): void };
}

/** A registered cloud with its harness. */
export interface TestedCloud {
  descriptor: CloudDescriptor;
  name: string;
  title: string;
  /**
   * A resource name for the cloud's keys in a shared program (`c0`, `c1`...): the CLI prints it
   * after the type token (`...AccessKey c2`), so it stays under the 8 characters the leak scan's
   * `AccessKey <credential>` pattern looks for (helpers/engine.ts).
   */
  short: string;
  harness: CloudHarness;
}

const registered = new Map<string, CloudHarness>();

/** The harness of a test-only cloud (one registered with `registerCloud`). */
export function registerHarness(name: string, harness: CloudHarness): void {
  registered.set(name, harness);
}

export function harnessOf(name: string): CloudHarness {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return registered.get(name) ?? (require(`../${name}/harness`) as { harness: CloudHarness }).harness;
}

/** Every cloud of the registry, with its harness, in registry order. */
export function testedClouds(): TestedCloud[] {
  return clouds().map((descriptor, i) => ({ descriptor, name: descriptor.name, title: descriptor.title, short: `c${i}`, harness: harnessOf(descriptor.name) }));
}

/** The cloud owning a resource of this type token (`pulumi-nodejs:dynamic/<kind>`) in state. */
export function cloudOfType(type: string): TestedCloud {
  const found = testedClouds().find((c) => c.descriptor.kinds.some((k) => type === `pulumi-nodejs:dynamic/${k.kind}`));
  if (!found) throw new Error(`no registered cloud has the resource type ${type}`);
  return found;
}

/** The secret output of a resource as stored in state, whichever cloud it belongs to. */
export function secretInState(resource: { type: string; outputs: Record<string, unknown> }): unknown {
  return resource.outputs[cloudOfType(resource.type).harness.secretOutput];
}

/** The token the test emulator (helpers/emulator.ts) accepts for a cloud. */
export function tokenOf(cloud: TestedCloud): string {
  return testToken(cloud.name);
}

/** Settings besides token and URL that point a program at the cloud's emulator (its organization). */
export function emulatorSettings(cloud: TestedCloud): Readonly<Record<string, string>> {
  return emulatedCloud(cloud.name).stackSettings;
}

/** The Authorization value sent with `tokenOf(cloud)`. */
export function authorizationOf(cloud: TestedCloud): string {
  return authorization(cloud.descriptor, tokenOf(cloud));
}

/** The cloud's provider against the emulator, on an instant clock unless `realSleep`. */
export function emulatorProvider(cloud: TestedCloud, emulator: Emulator, policy: Parameters<typeof testContext>[2] = {}, options: { realSleep?: boolean } = {}): TestedProvider {
  return cloud.harness.provider(() => testContext(emulator.url(cloud.name), authorizationOf(cloud), policy, options));
}

/** Ids of the keys the emulated cloud holds (one account's when named). */
export function inventoryIds(cloud: TestedCloud, emulator: Emulator, account?: string): string[] {
  return emulator.cloud(cloud.name).inventory(account).map((k) => String(k.id));
}

/** Secrets of the keys the emulated cloud holds. */
export function storedSecrets(cloud: TestedCloud, emulator: Emulator): string[] {
  return emulator.cloud(cloud.name).inventory().map((k) => String(k[cloud.harness.storedSecret] ?? ""));
}

/** Stack config with the cloud's token and the emulator's URL, plus `extra` settings. */
export function emulatorStackConfig(cloud: TestedCloud, emulator: Emulator, extra: Record<string, string> = {}): Record<string, { value: string; secret?: boolean }> {
  return stackConfig(cloud.descriptor, emulator.url(cloud.name), tokenOf(cloud), extra);
}
