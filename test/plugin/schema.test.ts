/**
 * provider/plugin/schema.json is generated (scripts/schema.ts, `npm run schema`) from the registry
 * and the field tables' types and TSDoc; this fails when the committed file is stale. Also: what
 * the schema must say for the engine and the YAML host to treat secrets and inputs right.
 */
import * as fs from "node:fs";
import { clouds } from "../../provider/clouds";
import { pluginSettings, typeToken } from "../../provider/plugin/names";
import { fieldsWhere } from "../../provider/shared/fields";
import { SCHEMA_FILE, schemaText } from "../../scripts/schema";

const committed = fs.readFileSync(SCHEMA_FILE, "utf8");
const schema = JSON.parse(committed);

test("the committed schema.json is what `npm run schema` generates (run it after changing a field table)", () => {
  expect(committed).toBe(schemaText());
});

const resources = () => clouds().flatMap((c) => c.kinds.map((k) => ({ type: typeToken(k.kind), fields: k.fields, spec: schema.resources[typeToken(k.kind)] })));

test("every secret field is secret in the schema, inputs and outputs, and every token setting is secret", () => {
  for (const { type, fields, spec } of resources()) {
    const secrets = fieldsWhere(fields, (f) => f.secret === true);
    expect({ type, secrets: secrets.filter((k) => spec.properties[k]?.secret !== true) }).toEqual({ type, secrets: [] });
    const secretArgs = secrets.filter((k) => fields[k].arg !== undefined);
    expect({ type, inputs: secretArgs.filter((k) => spec.inputProperties[k]?.secret !== true) }).toEqual({ type, inputs: [] });
  }
  const secretSettings = Object.entries(schema.config.variables).filter(([, v]) => (v as { secret?: boolean }).secret).map(([k]) => k);
  expect(secretSettings).toEqual(pluginSettings().filter((s) => s.role === "token").map((s) => s.key));
  expect(schema.provider.inputProperties).toEqual(schema.config.variables);
});

test("arguments are inputs, shown fields outputs, internal fields neither; each has its table entry's TSDoc", () => {
  for (const { type, fields, spec } of resources()) {
    expect({ type, inputs: Object.keys(spec.inputProperties) }).toEqual({ type, inputs: fieldsWhere(fields, (f) => f.arg !== undefined) });
    const internal = fieldsWhere(fields, (f) => f.arg === undefined && f.shown === undefined);
    expect({ type, leaked: Object.keys(spec.properties).filter((k) => internal.includes(k) || k === "__provider") }).toEqual({ type, leaked: [] });
    const undocumented = Object.entries({ ...spec.inputProperties, ...spec.properties }).filter(([, p]) => !(p as { description?: string }).description).map(([k]) => k);
    expect({ type, undocumented }).toEqual({ type, undocumented: [] });
  }
});
