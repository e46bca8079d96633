/**
 * Our keys in a stack's deployment (the JSON of `pulumi stack export` or the Automation API's
 * `exportStack`): resources of a registered kind, as dynamic resources (`pulumi-nodejs:dynamic/<kind>`)
 * or served by the provider plugin (`access-keys:<kind>`), and creates an interrupted `pulumi up`
 * left as pending operations (docs/audit.md#where-unmanaged-keys-come-from). Ids and inputs are
 * plaintext there; secrets (per-resource `credentials`) are ciphertext unless exported with
 * `--show-secrets`.
 */
import { clouds } from "../clouds";
import type { CloudDescriptor } from "../shared/cloud";

/** One of our resources in a deployment. */
export interface StackKey {
  cloud: CloudDescriptor;
  urn: string;
  /** The resource's name in the program (the URN's last part). */
  logicalName: string;
  /** Absent for a pending create: the engine never learnt it. */
  id?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  /** A plugin resource's provider (`<urn>::<id>`): its settings come from that provider's config. */
  provider?: string;
}

/** A provider of the plugin (default or explicit) in a deployment: its config is its inputs. */
export interface PluginProvider {
  logicalName: string;
  /** `access-keys:<cloud><Setting>` values by short key (`<cloud>Token`); secrets as stored. */
  inputs: Record<string, unknown>;
}

export interface StackState {
  /** The stack's name, or the file it was read from. */
  source: string;
  /** For labels: `stack <name>`, or the file. */
  where: string;
  keys: StackKey[];
  /** Creates `pulumi up` started and never finished recording (the run was killed). */
  pendingCreates: StackKey[];
  /** The plugin's providers, by the reference their resources carry (`<urn>::<id>`). */
  providers: Map<string, PluginProvider>;
}

interface ExportedResource {
  urn?: unknown;
  type?: unknown;
  id?: unknown;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  provider?: unknown;
}

/** The type of the plugin's provider resources (docs/plugin.md#names). */
const PROVIDER_TYPE = "pulumi:providers:access-keys";

/** The engine's mark of a secret value (docs/pulumi-engine.md#what-the-engine-does). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** A value as stored: plain, a revealed secret (`--show-secrets`), or a secret still encrypted. */
export function reveal(value: unknown): { value: unknown } | "encrypted" {
  if (!value || typeof value !== "object" || !(SECRET_SIG in value)) return { value };
  const secret = value as { plaintext?: unknown; value?: unknown };
  if (typeof secret.plaintext === "string") return { value: JSON.parse(secret.plaintext) };
  if ("value" in secret) return { value: secret.value };
  return "encrypted";
}

function cloudOfType(type: string): CloudDescriptor | undefined {
  return clouds().find((c) => c.kinds.some((k) => type === `pulumi-nodejs:dynamic/${k.kind}` || type === `access-keys:${k.kind}`));
}

function stackKey(resource: ExportedResource): StackKey | undefined {
  const cloud = typeof resource.type === "string" ? cloudOfType(resource.type) : undefined;
  if (!cloud || typeof resource.urn !== "string") return undefined;
  return {
    cloud,
    urn: resource.urn,
    logicalName: logicalNameOf(resource.urn),
    id: typeof resource.id === "string" && resource.id !== "" ? resource.id : undefined,
    inputs: resource.inputs ?? {},
    outputs: resource.outputs ?? {},
    // Dynamic resources name the Node.js host's provider, which holds no settings of ours.
    ...(typeof resource.provider === "string" && String(resource.type).startsWith("access-keys:") ? { provider: resource.provider } : {}),
  };
}

function logicalNameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The plugin's provider resources, by reference. */
function pluginProviders(resources: ExportedResource[]): Map<string, PluginProvider> {
  const providers = resources.filter((r) => r.type === PROVIDER_TYPE && typeof r.urn === "string" && typeof r.id === "string");
  return new Map(providers.map((r) => [`${r.urn}::${r.id}`, { logicalName: logicalNameOf(r.urn as string), inputs: r.inputs ?? {} }]));
}

/** The stack a URN names: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function stackOfUrn(urn: string): string {
  return urn.split("::")[0].replace(/^urn:pulumi:/, "");
}

/** Our keys and pending creates in an exported deployment (`{version, deployment}`). */
export function stackState(source: string, where: string, exported: unknown): StackState {
  const deployment = (exported as { deployment?: { resources?: unknown; pending_operations?: unknown } } | undefined)?.deployment;
  if (!deployment || typeof deployment !== "object") throw new Error(`${source}: not the output of \`pulumi stack export\` (no "deployment")`);
  const resources = Array.isArray(deployment.resources) ? (deployment.resources as ExportedResource[]) : [];
  const pending = Array.isArray(deployment.pending_operations) ? (deployment.pending_operations as { type?: unknown; resource?: ExportedResource }[]) : [];
  return {
    source,
    where,
    keys: resources.map(stackKey).filter((k): k is StackKey => k !== undefined && k.id !== undefined),
    pendingCreates: pending
      .filter((op) => op.type === "creating" && op.resource)
      .map((op) => stackKey(op.resource!))
      .filter((k): k is StackKey => k !== undefined),
    providers: pluginProviders(resources),
  };
}
