/**
 * The plugin's Pulumi package schema, from the registry (provider/clouds.ts): one resource per
 * kind, its properties from the kind's field table (shared/fields.ts) with the types and TSDoc
 * that extract.ts read, and the provider config from each descriptor's settings
 * (provider/plugin/names.ts). Internal fields (`logicalName`, `autoNamed`, ...) are left out;
 * secret fields are `secret: true`, so generated SDKs and the YAML host list them in
 * `additionalSecretOutputs` (docs/plugin.md#secrets). No version: GetPluginInfo carries it.
 */
import { clouds } from "../../provider/clouds";
import type { FieldTable } from "../../provider/shared/fields";
import { PACKAGE, PluginSetting, pluginSettings, typeToken } from "../../provider/plugin/names";
import type { Extracted, ExtractedField, TypeSpec } from "./extract";

type PropertySpec = TypeSpec & { description?: string; secret?: boolean };

export function buildSchema(extracted: Extracted): Record<string, unknown> {
  const config = Object.fromEntries(pluginSettings().map((s) => [s.key, settingSpec(s)]));
  const resources: Record<string, unknown> = {};
  for (const cloud of clouds()) {
    for (const kind of cloud.kinds) {
      const found = extracted.kinds.get(kind.kind);
      if (!found) throw new Error(`no field table found for ${kind.kind}: register it as { kind: "${kind.kind}", fields: <table>, ... }`);
      resources[typeToken(kind.kind)] = resourceSpec(`${cloud.title} ${kind.kind.split(":")[1]}`, kind.fields, found);
    }
  }
  return {
    name: PACKAGE,
    displayName: "Access Keys",
    description: `Cloud access keys (${clouds().map((c) => c.title).join(", ")}): create, update, rotate, refresh, import and delete.`,
    keywords: ["pulumi", "access-keys", "category/cloud", "kind/native"],
    license: "Apache-2.0",
    config: { variables: config },
    provider: { description: "The access-keys provider: one instance per set of accounts.", inputProperties: config },
    resources,
    types: sortKeys(extracted.types),
  };
}

function settingSpec(s: PluginSetting): PropertySpec {
  const env = `Falls back to the ${s.source.envVar} environment variable.`;
  const what = s.role === "token" ? `${s.cloud.credentials.what}.` :
    s.role === "url" ? `The ${s.cloud.title} API URL (default ${s.cloud.credentials.defaultUrl}).` : `The ${s.cloud.title} setting \`${s.source.configKey}\` of the dynamic resources.`;
  return { type: "string", description: `${what} ${env}`, ...(s.secret ? { secret: true } : {}) };
}

function resourceSpec(title: string, fields: FieldTable, found: Map<string, ExtractedField>) {
  const inputProperties: Record<string, PropertySpec> = {};
  const properties: Record<string, PropertySpec> = {};
  const required: string[] = [];
  for (const [key, field] of Object.entries(fields)) {
    const extracted = found.get(key);
    const secret = field.secret === true ? { secret: true } : {};
    const description = extracted?.description ? { description: extracted.description } : {};
    if (field.arg !== undefined && extracted?.input) inputProperties[key] = { ...extracted.input, ...description, ...secret };
    const isOutput = field.shown !== undefined || (field.arg !== undefined && field.state !== undefined);
    if (isOutput && extracted?.output) properties[key] = { ...extracted.output, ...description, ...secret };
    if (field.shown !== undefined && field.optional !== true && field.state !== undefined) required.push(key);
  }
  return { description: `A ${title}.`, inputProperties, properties, required };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
