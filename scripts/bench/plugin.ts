/**
 * The provider plugin (provider/plugin/, docs/plugin.md) as one more implementation beside ours
 * (issue 19): the same keys, declared with the plugin's type token (`access-keys:<kind>`) in an
 * Automation API inline program, served by `bin/pulumi-resource-access-keys` over this checkout's
 * `dist/`, which the engine finds through `plugins.providers[].path` in the project settings. The
 * default provider reads the same emulator settings as ours, under the plugin's config names
 * (`<cloud>:token` -> `access-keys:<cloud>Token`). Its resources carry no `__provider`; each key
 * has the arguments of the cloud's workload (emulator/<cloud>/workload.ts `keyArgs`).
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { cloudWorkload } from "../../emulator/clouds";
import { clouds } from "../../provider/clouds";
import type { CloudDescriptor, ResourceKind } from "../../provider/shared/cloud";
import { resourceOptions } from "../../provider/shared/resource";
import { PACKAGE, pluginKey, typeToken } from "../../provider/plugin/names";
import type { CloudCase } from "./clouds";
import type { Subject } from "./scenarios";

/** A key of the plugin's type, declared by hand (no generated SDK), its secrets marked as our class marks them. */
class PluginKey extends pulumi.CustomResource {
  constructor(kind: ResourceKind, name: string, args: Record<string, unknown>) {
    super(typeToken(kind.kind), name, args, resourceOptions(kind.fields, args, {}));
  }
}

function registered(c: CloudCase): { cloud: CloudDescriptor; kind: ResourceKind } {
  const cloud = clouds().find((d) => d.name === c.cloud);
  const kind = cloud?.kinds.find((k) => k.kind === c.kind);
  if (!cloud || !kind) throw new Error(`plugin bench: no registered kind ${c.kind}`);
  return { cloud, kind };
}

/** Every environment variable the cloud's settings fall back to. */
function envVars(cloud: CloudDescriptor): string[] {
  return [cloud.credentials.token, cloud.credentials.url, ...cloud.settings].map((s) => s.envVar);
}

/** Our stack config (`<cloud>:<setting>`) under the plugin's names (`access-keys:<cloud><Setting>`). */
export function pluginConfig(config: ConfigMap): ConfigMap {
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [`${PACKAGE}:${pluginKey(key)}`, value]));
}

/** The plugin's subject for a cloud, from ours. */
export function pluginSubject(root: string, c: CloudCase, ours: Subject): Subject | undefined {
  const args = cloudWorkload(c.cloud).bench.keyArgs;
  const { cloud, kind } = registered(c);
  return {
    ...ours,
    label: `${c.cloud}-plugin`,
    type: typeToken(kind.kind),
    config: pluginConfig(ours.config),
    declare: (index, revision) => new PluginKey(kind, `key-${index}`, args(index, revision)),
    pluginDir: path.join(root, "bin"),
    // The plugin falls back to these when a setting is unset: none may come from the caller's shell.
    env: { ...ours.env, ...Object.fromEntries(envVars(cloud).map((name) => [name, ""])) },
  };
}
