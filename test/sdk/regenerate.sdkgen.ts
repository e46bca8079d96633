/**
 * `npm run test:sdkgen` (jest.sdkgen.config.js), opt-in: builds the SDK generator (scripts/sdkgen.sh,
 * a compile of pulumi pkg/v3, minutes when not cached) and regenerates sdk/* from the committed
 * schema into a temporary folder: the output must be the committed files exactly, and
 * sdk/.generated.json must describe it. Run it after changing the schema or the generator; the
 * default `npm test` only checks the manifest (test/sdk/generated.test.ts).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageVersion } from "../../scripts/plugin";
import { REPO, SCHEMA_FILE } from "../../scripts/schema";
import { changedFiles, generatedFiles, LANGUAGES, readManifest, sha256, SDK_DIR } from "../../scripts/sdk-manifest";

// A cold generator build takes minutes on 2 cores.
jest.setTimeout(1_200_000);

/** The sdkgen binary: PULUMI_ACCESS_KEYS_SDKGEN, else built (or found in the cache) by scripts/sdkgen.sh. */
function sdkgen(): string {
  if (process.env.PULUMI_ACCESS_KEYS_SDKGEN) return process.env.PULUMI_ACCESS_KEYS_SDKGEN;
  const out = execFileSync("bash", [path.join(REPO, "scripts", "sdkgen.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return out.trim().split("\n").pop() as string;
}

test("regenerating the SDKs from the committed schema gives the committed files and manifest (run `npm run sdk` after changing the schema)", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "sdkgen-"));
  try {
    execFileSync(sdkgen(), ["-schema", SCHEMA_FILE, "-version", packageVersion(), "-out", out], { stdio: "pipe" });
    expect(fs.readdirSync(out).sort()).toEqual(LANGUAGES);
    const regenerated = generatedFiles(out);
    expect(changedFiles(regenerated, generatedFiles(SDK_DIR))).toEqual([]);
    expect(readManifest()).toEqual({ schemaSha256: sha256(SCHEMA_FILE), version: packageVersion(), files: regenerated });
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
