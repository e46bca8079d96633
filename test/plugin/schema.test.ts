/**
 * provider/plugin/schema.json is generated (scripts/schema.ts, `npm run schema`) from the registry
 * and the field tables' types and TSDoc; this fails when the committed file is stale. Also: what
 * the schema must say for the engine and the YAML host to treat secrets and inputs right.
 */
import * as fs from "node:fs";
import { SCHEMA_FILE, schemaText } from "../../scripts/schema";

const committed = fs.readFileSync(SCHEMA_FILE, "utf8");
const schema = JSON.parse(committed);

test("the committed schema.json is what `npm run schema` generates (run it after changing a field table)", () => {
  expect(committed).toBe(schemaText());
});

test("every secret field is secret in the schema, inputs and outputs, and every token setting is secret", () => {
  const linode = schema.resources["access-keys:linode:ObjectStorageKey"];
  expect(linode.properties.secretKey).toMatchObject({ type: "string", secret: true });
  expect(linode.inputProperties.credentials).toMatchObject({ secret: true });
  expect(schema.resources["access-keys:katapult:ObjectStorageAccessKey"].properties.secretAccessKey.secret).toBe(true);
  expect(schema.resources["access-keys:bird:AccessKey"].properties.accessKey.secret).toBe(true);
  const secretSettings = Object.entries(schema.config.variables).filter(([, v]) => (v as { secret?: boolean }).secret).map(([k]) => k);
  expect(secretSettings).toEqual(["linodeToken", "katapultApiKey", "birdAccessKey"]);
  expect(schema.provider.inputProperties).toEqual(schema.config.variables);
});

test("internal fields never appear; descriptions are the field tables' TSDoc", () => {
  for (const resource of Object.values(schema.resources) as { inputProperties: object; properties: object }[]) {
    for (const internal of ["logicalName", "autoNamed", "regionsFromCloud", "__provider"]) {
      expect(Object.keys(resource.inputProperties)).not.toContain(internal);
      expect(Object.keys(resource.properties)).not.toContain(internal);
    }
  }
  const linode = schema.resources["access-keys:linode:ObjectStorageKey"];
  expect(linode.inputProperties.label.description).toMatch(/^Key label, 3\.\.50 characters\./);
  expect(linode.inputProperties.bucketAccess.items).toEqual({ $ref: "#/types/access-keys:linode:BucketAccess" });
  expect(schema.types["access-keys:linode:BucketAccess"].properties.bucketName).toEqual({ type: "string", description: "Bucket label (3..63 characters)." });
});
