/**
 * The emulator's side of the registry (provider/clouds.ts): how each cloud is emulated. A cloud's
 * folder `emulator/<name>/` exports `emulated` from its `index.ts` (and, for the demo and the
 * benchmark, `workload` from `workload.ts`); nothing here names a cloud, so a new cloud is its
 * folder plus its line in the provider's registry. Test-only clouds register themselves instead.
 */
import type { AccountsOption } from "./accounts";
import type { CloudModule } from "./types";
import type { CloudWorkload } from "./workload";

/** Options every cloud module takes; a cloud's own options type (its folder) extends them. */
export interface EmulatedCloudOptions {
  /** Tokens of one account. */
  tokens?: string[];
  /** Several accounts, by name: each its own tokens (and organizations, where the cloud has them). */
  accounts?: AccountsOption;
  /** The cloud's own options (e.g. a cap on keys per account): see the cloud's folder. */
  [option: string]: unknown;
}

/** What a cloud's emulator folder exports as `emulated` from `emulator/<name>/index.ts`. */
export interface EmulatedCloud {
  /** The API's base path below the cloud's prefix: "/v4" gives `<emulator>/<cloud>/v4`. */
  apiPath: string;
  /** Builds the cloud's module (paths, payloads, auth, errors) from its options (tokens, accounts, ...). */
  create(options?: EmulatedCloudOptions): CloudModule;
  /** Stack settings besides token and URL that point a program at this emulator, e.g. {"<cloud>:organization": "emulator"}. */
  stackSettings: Readonly<Record<string, string>>;
  /** The token `npm run emulator` accepts when the cloud's token env var is unset. */
  defaultToken: string;
  /** Options `npm run emulator` adds from its environment (e.g. real-time provisioning delays). */
  mainOptions?(env: NodeJS.ProcessEnv): EmulatedCloudOptions;
}

const registered = new Map<string, EmulatedCloud>();
const workloads = new Map<string, CloudWorkload>();

/** Adds a cloud that has no folder here (test-only clouds); `workload` for demo and bench runs. */
export function registerEmulatedCloud(name: string, cloud: EmulatedCloud, workload?: CloudWorkload): void {
  registered.set(name, cloud);
  if (workload) workloads.set(name, workload);
}

/** How a cloud is emulated: a registered one, else its folder's `emulated` export. */
export function emulatedCloud(name: string): EmulatedCloud {
  // `/index`, not the bare folder: a stale `<name>.js` left in dist/ by an older build would win.
  return registeredOrConventional(registered, name, "index", "emulated");
}

/** What the demo and the benchmark do on a cloud: a registered one, else `emulator/<name>/workload.ts`'s `workload`. */
export function cloudWorkload(name: string): CloudWorkload {
  return registeredOrConventional(workloads, name, "workload", "workload");
}

/** The registered value, else the export of `emulator/<name>/<file>`, remembered for the next call. */
function registeredOrConventional<T>(cache: Map<string, T>, name: string, file: string, exportName: string): T {
  let found = cache.get(name);
  if (found === undefined) {
    found = conventionalExport<T>(`./${name}/${file}`, exportName, name);
    cache.set(name, found);
  }
  return found;
}

function conventionalExport<T>(modulePath: string, exportName: string, cloud: string): T {
  // Only names from the provider's registry reach here, never user input: a module path of our own.
  if (!/^[a-z][a-z0-9-]*$/.test(cloud)) throw new Error(`emulator: "${cloud}" is not a cloud name`);
  let loaded: Record<string, unknown>;
  try {
    loaded = require(modulePath) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`emulator: no folder emulator/${cloud} (and no registerEmulatedCloud("${cloud}", ...)): ${err instanceof Error ? err.message : String(err)}`);
  }
  const value = loaded[exportName];
  if (value === undefined) throw new Error(`emulator: emulator/${modulePath.slice(2)} exports no \`${exportName}\``);
  return value as T;
}
