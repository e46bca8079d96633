/**
 * A user's own Pulumi project, outside the repository: the files `pulumi new typescript` makes
 * (Pulumi.yaml, index.ts, package.json, tsconfig.json) with a program using all three
 * resources, and helpers to run npm and the Pulumi CLI in it without blocking the event loop
 * (the emulator answering the provider runs in the test's own process).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

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

const PROGRAM = `import { bird, katapult, linode } from "pulumi-access-keys";

const linodeKey = new linode.ObjectStorageKey("backups", {
  label: "consumer-backups",
  bucketAccess: [{ bucketName: "backups", region: "us-east", permissions: "read_write" }],
});
const katapultKey = new katapult.ObjectStorageAccessKey("s3", { allBucketsRead: true, allObjectsRead: true });
const birdKey = new bird.AccessKey("ci", { description: "CI deploys" });

export const linodeKeyId = linodeKey.id;
export const linodeLabel = linodeKey.label;
export const linodeSecretKey = linodeKey.secretKey;
export const katapultAccessKeyId = katapultKey.accessKeyId;
export const katapultSecretAccessKey = katapultKey.secretAccessKey;
export const birdKeyId = birdKey.id;
export const birdAccessKey = birdKey.accessKey;
`;

/**
 * Writes the project into `dir`, depending on the tarball. @pulumi/pulumi, typescript and
 * @types/node at the versions this repository installed, so npm's cache serves them offline.
 * `pulumi new typescript` lists typescript and @types/node too: with them ts-node type-checks
 * index.ts with TypeScript 5 (without, @pulumi/pulumi falls back to its bundled 3.8.3).
 */
export function writeProject(dir: string, tarball: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    "Pulumi.yaml": `name: ${PROJECT}\ndescription: A user's program with pulumi-access-keys\nruntime: nodejs\n`,
    "index.ts": PROGRAM,
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
    "tsconfig.json": JSON.stringify(
      {
        compilerOptions: {
          strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true,
          experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true,
          forceConsistentCasingInFileNames: true,
        },
        files: ["index.ts"],
      },
      null,
      2,
    ),
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
}
