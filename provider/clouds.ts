/**
 * The registry: every cloud the package supports, one descriptor each (shared/cloud.ts). The
 * runtime, the emulator, the test harness, the demo and the benchmark iterate `clouds()`; nothing
 * else keeps a list of clouds. A new cloud is its folder plus one line in `BUILT_IN`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { birdCloud } from "./bird/cloud";
import { katapultCloud } from "./katapult/cloud";
import { linodeCloud } from "./linode/cloud";
import type { CloudDescriptor } from "./shared/cloud";
import { ConfigurationError } from "./shared/http/errors";

const BUILT_IN: readonly CloudDescriptor[] = [linodeCloud, katapultCloud, birdCloud];

const registered: CloudDescriptor[] = [...BUILT_IN];
const implementations = new Map<string, pulumi.dynamic.ResourceProvider>();

/** Every registered cloud, built-in ones first. */
export function clouds(): readonly CloudDescriptor[] {
  return registered;
}

/**
 * Adds a cloud at run time (extensions, and the test that proves the registry is the only
 * integration point). Names and kinds must be new.
 */
export function registerCloud(cloud: CloudDescriptor): void {
  if (registered.some((c) => c.name === cloud.name)) throw new ConfigurationError(`a cloud named "${cloud.name}" is already registered`);
  const taken = cloud.kinds.find((k) => kindOwner(k.kind) !== undefined);
  if (taken) throw new ConfigurationError(`resource kind "${taken.kind}" is already registered`);
  registered.push(cloud);
}

export function cloudNamed(name: string): CloudDescriptor {
  const found = registered.find((c) => c.name === name);
  if (!found) throw new ConfigurationError(`no cloud named "${name}"; known: ${registered.map((c) => c.name).join(", ")}`);
  return found;
}

function kindOwner(kind: string) {
  for (const cloud of registered) {
    const found = cloud.kinds.find((k) => k.kind === kind);
    if (found) return found;
  }
  return undefined;
}

/** The implementation of a resource kind, built on first use. */
export function implementation(kind: string): pulumi.dynamic.ResourceProvider {
  let impl = implementations.get(kind);
  if (impl === undefined) {
    const found = kindOwner(kind);
    if (!found) {
      throw new ConfigurationError(
        `pulumi-access-keys has no resource kind "${kind}": the state was written by a newer version of the package than the one installed`,
      );
    }
    impl = found.provider();
    implementations.set(kind, impl);
  }
  return impl;
}
