/**
 * A user's own Pulumi project, outside the repository: the files `pulumi new typescript` makes
 * (Pulumi.yaml, index.ts, package.json, tsconfig.json) with a program using every registered
 * cloud's resource, and helpers to run npm and the Pulumi CLI in it without blocking the event loop
 * (the emulator answering the provider runs in the test's own process).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { TestedCloud } from "../helpers/clouds";

export const ROOT = path.resolve(__dirname, "..", "..");
export const PROJECT = "access-keys-consumer";

/** The environment for child processes, minus what `npm test` adds about this repository. */
export function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_)|^npm_config_(local_prefix|call)$|^INIT_CWD$/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Paths in `npm pack --json` output (npm prints the JSON array on stdout). */
export function packedFiles(json: string): string[] {
  const [entry] = JSON.parse(json) as { files: { path: string }[] }[];
  return entry.files.map((f) => f.path);
}

export interface Ran {
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command; rejects with its output when it fails. */
export function run(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(file)} ${args.join(" ")} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr, ms: Date.now() - started });
    });
  });
}

const version = (name: string): string => JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;

/** A user's program declaring one key of each cloud and exporting its id, name and secret (`<cloud>KeyId`, ...). */
export function program(clouds: readonly TestedCloud[]): string {
  const lines = ['import * as accessKeys from "pulumi-access-keys";'];
  for (const { name, harness } of clouds) {
    lines.push(
      "",
      `const ${name}Key = ${harness.consumer.declaration};`,
      `export const ${name}KeyId = ${name}Key.id;`,
      `export const ${name}Name = ${name}Key.${harness.consumer.nameOutput};`,
      `export const ${name}Secret = ${name}Key.${harness.secretOutput};`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * `pulumi new typescript`'s tsconfig.json, exactly (pulumi/templates, typescript/tsconfig.json):
 * strict, no `esModuleInterop`, no `skipLibCheck`, so our published `.d.ts` files are checked as
 * a user's CI checks them.
 */
export const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    strict: true, outDir: "bin", target: "es2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: true,
    experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/** A program that misspells an argument of each cloud's resource (`nmae`), to see the error a user sees. */
export function typoProgram(clouds: readonly TestedCloud[]): string {
  const lines = ['import * as accessKeys from "pulumi-access-keys";'];
  for (const { name, descriptor } of clouds) {
    const [module, className] = descriptor.kinds[0].kind.split(":");
    lines.push(`export const ${name}Typo = new accessKeys.${module}.${className}("typo", { nmae: "x" });`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes the project into `dir`, depending on the tarball. @pulumi/pulumi, typescript and
 * @types/node at the versions this repository installed, so npm's cache serves them offline.
 * `pulumi new typescript` lists typescript and @types/node too: with them ts-node type-checks
 * index.ts with TypeScript 5 (without, @pulumi/pulumi falls back to its bundled 3.8.3).
 */
export function writeProject(dir: string, tarball: string, programText: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    "Pulumi.yaml": `name: ${PROJECT}\ndescription: A user's program with pulumi-access-keys\nruntime: nodejs\n`,
    "index.ts": programText,
    "package.json": JSON.stringify(
      {
        name: PROJECT,
        main: "index.ts",
        devDependencies: { "@types/node": version("@types/node"), typescript: version("typescript") },
        dependencies: { "@pulumi/pulumi": version("@pulumi/pulumi"), "pulumi-access-keys": `file:${tarball}` },
      },
      null,
      2,
    ),
    "tsconfig.json": JSON.stringify(TEMPLATE_TSCONFIG, null, 4),
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
}
