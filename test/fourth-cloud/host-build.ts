/**
 * The provider host is its own process and loads only the compiled package (dist/, through
 * `require("pulumi-access-keys/runtime")`: docs/pulumi-engine.md#module-resolution). For it to know
 * the test-only cloud, this folder's provider files are transpiled (TypeScript API, no type
 * check: jest's ts-jest already checked them) into `.engine-work/`, next to a link `provider` ->
 * `dist/provider`. Their `../../provider/...` imports then resolve, through that link, to the same
 * files the runtime loads, so `registerCloud` fills the registry the runtime reads. Nothing is
 * added to dist/ or to the packed package.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { REPO_ROOT } from "../helpers/host";

const SOURCES = ["api.ts", "provider.ts", "register.ts"];

/** Compiles the cloud for the host; returns the module to pass to `node --require`, and a cleanup. */
export function compileForHost(): { registration: string; cleanup(): void } {
  const dist = path.join(REPO_ROOT, "dist", "provider");
  if (!fs.existsSync(path.join(dist, "runtime.js"))) throw new Error("dist/provider is missing: run `npm run build` first");
  const base = path.join(REPO_ROOT, ".engine-work");
  fs.mkdirSync(base, { recursive: true });
  const root = fs.mkdtempSync(path.join(base, "fourth-cloud-"));
  const out = path.join(root, "test", "fourth-cloud");
  fs.mkdirSync(out, { recursive: true });
  for (const file of SOURCES) {
    const source = fs.readFileSync(path.join(__dirname, file), "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    });
    fs.writeFileSync(path.join(out, file.replace(/\.ts$/, ".js")), outputText);
  }
  fs.symlinkSync(dist, path.join(root, "provider"), "dir");
  return { registration: path.join(out, "register.js"), cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}
