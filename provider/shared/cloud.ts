/**
 * What the package knows about one cloud, in one place: its name, its resource kinds, its
 * settings (config keys, environment variables, default URL, auth scheme) and its error profile.
 * The registry (provider/clouds.ts) holds one descriptor per cloud; the runtime, the emulator,
 * the test harness, the demo and the benchmark iterate it, so a new cloud is its own folder plus
 * one registry line (as a Terraform provider registers each resource once; see
 * docs/adding-a-cloud.md).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CredentialsSpec } from "./credentials";
import type { FieldTable } from "./fields";
import type { CloudProfile } from "./http/request";
import type { KeyInventory } from "./inventory";
import type { SettingSource } from "./settings";

/** One resource kind of a cloud. */
export interface ResourceKind {
  /**
   * `<cloud>:<Type>`: the type token is `pulumi-nodejs:dynamic/<kind>` and the serialized
   * bootstrap stores it, so it never changes once released (state written by 0.1.0 names it).
   */
  kind: string;
  /**
   * Every field of the resource (shared/fields.ts): the provider plugin derives its schema,
   * secret outputs and detailed diffs from it (provider/plugin/).
   */
  fields: FieldTable;
  /** Builds the implementation; called once per process, on first use. */
  provider(): pulumi.dynamic.ResourceProvider;
}

export interface CloudDescriptor {
  /** Lower case: the config namespace (`<name>:token`), the folder names, the emulator's prefix. */
  name: string;
  /** For messages, capitalised. Equal to `profile.cloud`. */
  title: string;
  kinds: readonly ResourceKind[];
  /** The token and URL: config keys, environment variables, default URL, auth scheme. */
  credentials: CredentialsSpec;
  /** Every other setting the cloud reads (e.g. an organization), for docs and checks. */
  settings: readonly SettingSource[];
  /** How the cloud's errors, rate limits and request ids read (the HTTP layer's view of it). */
  profile: CloudProfile;
  /** The project's notes on the cloud's wire, with the vendor's links. */
  apiNotes: string;
  /** How `pulumi-access-keys audit` lists every key of an account; a cloud without it is not audited. */
  inventory?: KeyInventory;
}

/** Stack config that points a cloud's resources at an API URL with a token. */
export function stackConfig(cloud: CloudDescriptor, url: string, token: string, extra: Record<string, string> = {}): Record<string, { value: string; secret?: boolean }> {
  return {
    [cloud.credentials.token.configKey]: { value: token, secret: true },
    [cloud.credentials.url.configKey]: { value: url },
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, { value: v }])),
  };
}

/** The Authorization header value a cloud sends for a token. */
export function authorization(cloud: CloudDescriptor, token: string): string {
  return `${cloud.credentials.scheme} ${token}`;
}
