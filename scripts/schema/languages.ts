/**
 * The schema's `language` and `meta` sections: the names each generated SDK (sdk/<language>,
 * written by scripts/sdkgen/) takes in its ecosystem. One place, so the SDKs, examples and
 * README agree (docs/sdks.md#names). The version is not here: the codegen tool stamps
 * package.json's version into every SDK, and each SDK then asks the engine for that plugin version.
 */

/** The Go module of sdk/go (a name, not a download address: docs/sdks.md#go). */
export const GO_MODULE = "github.com/pulumi-access-keys/pulumi-access-keys/sdk/go";
/** The Node.js SDK's npm name (the dynamic-resource package keeps `pulumi-access-keys`). */
export const NODE_SDK_PACKAGE = "pulumi-access-keys-sdk";
export const PYTHON_PACKAGE = "pulumi_access_keys";

export function languageSections(): Record<string, unknown> {
  return {
    // supportPack: each SDK is a complete package of its own (pyproject.toml, go.mod in sdk/go).
    meta: { moduleFormat: "(.*)", supportPack: true },
    language: {
      // TypeScript and @types/node as this package pins them (the generator's defaults are 4.x and 18).
      nodejs: { packageName: NODE_SDK_PACKAGE, typescriptVersion: "^5.9.3", devDependencies: { "@types/node": "^20.19.0" }, respectSchemaVersion: true },
      python: { packageName: PYTHON_PACKAGE, pyproject: { enabled: true }, pythonRequires: ">=3.9", respectSchemaVersion: true },
      go: { importBasePath: `${GO_MODULE}/accesskeys`, respectSchemaVersion: true },
      csharp: { rootNamespace: "Pulumi", namespaces: { "access-keys": "AccessKeys" }, respectSchemaVersion: true },
    },
  };
}
