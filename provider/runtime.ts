/**
 * What the serialized shim loads at call time (`require("pulumi-access-keys/runtime")`): the
 * implementation of a resource kind, found in the registry (clouds.ts), plus the `configure` hook
 * that hands over stack config. Bootstraps in state written by 0.1.0 call exactly `configure` and
 * `methods`, so both keep their signatures.
 */
import type * as pulumi from "@pulumi/pulumi";
import { clouds, implementation } from "./clouds";
import { missingTokenFailures, withOtherMissingTokens } from "./shared/missing-credentials";
import { StackConfig, useStackConfig } from "./shared/settings";
import { explainRefusedToken } from "./shared/stored-settings";

export { implementation, registerCloud, clouds } from "./clouds";

/** Hands the stack config (secure values decrypted) to the settings reader. */
export function configure(config: StackConfig | undefined): void {
  useStackConfig(config);
}

/**
 * The provider methods of one kind, installed by the serialized bootstrap's `configure` onto
 * the object the provider host deserialized (see shared/shim.ts). A token refused on read or
 * delete gets a hint: refresh and destroy use the settings stored at the last `up`; a token set
 * nowhere fails `check` and names every other missing one (shared/missing-credentials.ts).
 */
export function methods(kind: string): Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> {
  const impl = implementation(kind) as Required<pulumi.dynamic.ResourceProvider>;
  const cloud = clouds().find((c) => c.kinds.some((k) => k.kind === kind))!;
  const tokens = <T>(call: () => Promise<T>) => withOtherMissingTokens(cloud, clouds(), call);
  return {
    check: async (olds, news) => {
      const checked = await impl.check(olds, news);
      const missing = missingTokenFailures(cloud, clouds(), news);
      return missing.length === 0 ? checked : { ...checked, failures: [...(checked.failures ?? []), ...missing] };
    },
    diff: (id, olds, news) => impl.diff(id, olds, news),
    create: (inputs) => tokens(() => impl.create(inputs)),
    read: (id, props) => tokens(() => explainRefusedToken("refresh", props, () => impl.read(id, props))),
    update: (id, olds, news) => tokens(() => impl.update(id, olds, news)),
    delete: (id, props) => tokens(() => explainRefusedToken("destroy", props, () => impl.delete(id, props))),
  };
}
