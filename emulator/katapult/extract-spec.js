#!/usr/bin/env node
// Extracts the object-storage part of Katapult's official Core API v1 OpenAPI spec (every path
// containing "object_storage", plus the components they reference, transitively) into
// emulator/katapult/object-storage.openapi.json. The full spec is 850 KB and lives outside
// the repository (Katapult's Core API v1 spec, github.com/krystal/go-katapult next/katapult-core-openapi.json); CI runs on a clean clone, so the
// contract test reads the committed extract. Re-run after updating the full spec:
//   node emulator/katapult/extract-spec.js [path/to/katapult-core-openapi.json]
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const DEFAULT_SOURCE = path.resolve(root, "..", "shared", "api", "katapult-core-openapi.json");
const TARGET = path.join(__dirname, "object-storage.openapi.json");

/** Every `#/components/<kind>/<name>` reachable from `value`, added to `seen`. */
function collectRefs(spec, value, seen) {
  if (Array.isArray(value)) return value.forEach((v) => collectRefs(spec, v, seen));
  if (!value || typeof value !== "object") return;
  for (const [key, v] of Object.entries(value)) {
    if (key === "$ref" && typeof v === "string" && v.startsWith("#/components/") && !seen.has(v)) {
      seen.add(v);
      const [, , kind, name] = v.split("/");
      collectRefs(spec, spec.components[kind][name], seen);
    } else {
      collectRefs(spec, v, seen);
    }
  }
}

function extract(spec) {
  const paths = Object.fromEntries(Object.entries(spec.paths).filter(([p]) => p.includes("object_storage")));
  const seen = new Set();
  collectRefs(spec, paths, seen);
  const components = {};
  for (const ref of [...seen].sort()) {
    const [, , kind, name] = ref.split("/");
    (components[kind] ??= {})[name] = spec.components[kind][name];
  }
  return {
    openapi: spec.openapi,
    info: {
      ...spec.info,
      description:
        "Object-storage paths of Katapult's Core API v1 spec and the components they reference, " +
        "extracted by emulator/katapult/extract-spec.js. Do not edit by hand.",
    },
    servers: spec.servers,
    paths,
    components,
  };
}

if (require.main === module) {
  const source = path.resolve(process.argv[2] ?? DEFAULT_SOURCE);
  const spec = JSON.parse(fs.readFileSync(source, "utf8"));
  fs.mkdirSync(path.dirname(TARGET), { recursive: true });
  fs.writeFileSync(TARGET, JSON.stringify(extract(spec), null, 2) + "\n");
  process.stdout.write(`wrote ${path.relative(root, TARGET)}\n`);
}

module.exports = { extract, DEFAULT_SOURCE, TARGET };
