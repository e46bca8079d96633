/**
 * Provider configuration: `access-keys:<cloud><Setting>` (names.ts), from a provider resource's
 * inputs or the stack config. CheckConfig checks the values offline and names the key, never the
 * value; DiffConfig makes any change an update (a rotated token must never replace the keys the
 * provider manages); Configure hands the values to the settings reader, where each still falls
 * back to its environment variable (shared/settings.ts). The engine starts one plugin process per
 * provider instance, so the process-wide settings reader serves exactly one configuration.
 */
import { deepEqual } from "../shared/diff";
import { StackConfig, parseBaseUrl, tokenProblem, useStackConfig } from "../shared/settings";
import { PACKAGE, PluginSetting, pluginSettings } from "./names";
import type { Props } from "./wire";

export interface ConfigFailure {
  property: string;
  reason: string;
}

/** `access-keys:<cloud>Token` and `<cloud>Token` both name the setting `<cloud>Token`. */
function shortKey(key: string): string {
  return key.startsWith(`${PACKAGE}:`) ? key.slice(PACKAGE.length + 1) : key;
}

/** The configured values by short key, as strings (stack config always is; a provider resource may pass numbers or booleans). */
export function configValues(props: Props): Record<string, string> {
  const entries = Object.entries(props).filter(([, v]) => v !== undefined && v !== null && v !== "");
  return Object.fromEntries(entries.map(([k, v]) => [shortKey(k), typeof v === "string" ? v : JSON.stringify(v)]));
}

/** Why a setting's value cannot be used, naming the key and never showing the value. */
function settingProblem(setting: PluginSetting, value: string): string | undefined {
  if (setting.role === "token") return tokenProblem(value);
  if (setting.role === "url") {
    const parsed = parseBaseUrl(value, setting.cloud.credentials.pathWhenBare);
    return "problem" in parsed ? parsed.problem : undefined;
  }
  return undefined;
}

/** CheckConfig: the failures of the given values. Unknown (preview) values and keys of other tools pass. */
export function checkConfig(props: Props): ConfigFailure[] {
  const values = configValues(props);
  return pluginSettings().flatMap((setting) => {
    const value = values[setting.key];
    const problem = value === undefined || value === UNKNOWN_VALUE ? undefined : settingProblem(setting, value);
    return problem ? [{ property: setting.key, reason: `${PACKAGE}:${setting.key} ${problem}` }] : [];
  });
}

const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** DiffConfig: the keys whose value changed; every change is applied in place. */
export function changedConfig(olds: Props, news: Props): string[] {
  const before = configValues(olds);
  const after = configValues(news);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== "version");
  return keys.filter((k) => !deepEqual(before[k], after[k])).sort();
}

/** The settings reader's view of a provider's config: `<cloud>:token` is `access-keys:<cloud>Token`. */
export function pluginConfig(props: Props): StackConfig {
  const values = configValues(props);
  const byConfigKey = new Map(pluginSettings().map((s) => [s.source.configKey, s.key]));
  return {
    get: (configKey) => {
      const key = byConfigKey.get(configKey);
      return key === undefined ? undefined : values[key];
    },
  };
}

/** Configure: the settings reader reads the provider's config (then, per setting, the environment). */
export function configure(props: Props): void {
  useStackConfig(pluginConfig(props));
}
