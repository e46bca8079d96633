/**
 * The plugin's names, derived from the registry (provider/clouds.ts) by Pulumi's conventions:
 * package `access-keys`, resource types `access-keys:<kind>` (`access-keys:<cloud>:<Type>`),
 * provider config `access-keys:<cloud><Setting>` for each descriptor setting `<cloud>:<setting>`
 * (`<cloud>:token` -> `access-keys:<cloud>Token`). See docs/plugin.md#names.
 */
import { clouds } from "../clouds";
import type { CloudDescriptor, ResourceKind } from "../shared/cloud";
import { ConfigurationError } from "../shared/http/errors";
import type { SettingSource } from "../shared/settings";

export const PACKAGE = "access-keys";

/** The type token of a resource kind. */
export function typeToken(kind: string): string {
  return `${PACKAGE}:${kind}`;
}

/** The registered kind a type token (or URN type) names, with its cloud. */
export function kindOfType(type: string): { cloud: CloudDescriptor; kind: ResourceKind } {
  for (const cloud of clouds()) {
    const kind = cloud.kinds.find((k) => typeToken(k.kind) === type);
    if (kind) return { cloud, kind };
  }
  throw new ConfigurationError(`the ${PACKAGE} plugin has no resource type "${type}"; known: ${allTypes().join(", ")}`);
}

function allTypes(): string[] {
  return clouds().flatMap((c) => c.kinds.map((k) => typeToken(k.kind)));
}

/** `urn:pulumi:stack::project::type::name` -> its type and logical name (the name may hold `::`). */
export function parseUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  if (parts.length < 4) return { type: "", name: "" };
  const typeChain = parts[2].split("$");
  return { type: typeChain[typeChain.length - 1], name: parts.slice(3).join("::") };
}

/** One provider setting: its plugin config key (without the package prefix), its source, and whether it is secret. */
export interface PluginSetting {
  /** E.g. `<cloud>Token`; the full key is `access-keys:<cloud>Token`. */
  key: string;
  source: SettingSource;
  secret: boolean;
  cloud: CloudDescriptor;
  /** What the value is, for the schema. */
  role: "token" | "url" | "other";
}

/** `<cloud>:apiUrl` -> `<cloud>ApiUrl`. */
export function pluginKey(configKey: string): string {
  const [cloud, setting] = configKey.split(":");
  return `${cloud}${setting.charAt(0).toUpperCase()}${setting.slice(1)}`;
}

/** Every setting of every registered cloud: token and URL first, then the others. */
export function pluginSettings(): PluginSetting[] {
  return clouds().flatMap((cloud) => [
    { key: pluginKey(cloud.credentials.token.configKey), source: cloud.credentials.token, secret: true, cloud, role: "token" as const },
    { key: pluginKey(cloud.credentials.url.configKey), source: cloud.credentials.url, secret: false, cloud, role: "url" as const },
    ...cloud.settings.map((source) => ({ key: pluginKey(source.configKey), source, secret: false, cloud, role: "other" as const })),
  ]);
}
