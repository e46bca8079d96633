/**
 * What the serialized shim loads at call time (`require("pulumi-access-keys/runtime")`): the
 * implementation of a resource kind, found in the registry (clouds.ts), plus the `configure` hook
 * that hands over stack config. Bootstraps in state written by 0.1.0 call exactly `configure` and
 * `methods`, so both keep their signatures; newer ones call `boot`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { implementation } from "./clouds";
import { StackConfig, useStackConfig } from "./shared/settings";

export { implementation, registerCloud, clouds } from "./clouds";

/** Hands the stack config (secure values decrypted) to the settings reader. */
export function configure(config: StackConfig | undefined): void {
  useStackConfig(config);
}

/** What a serialized bootstrap needs from `boot`: the kind it was made for. */
export interface Bootstrap {
  kind: string;
}

/**
 * What current bootstraps call from `configure` (shared/shim.ts; earlier ones call `configure`
 * and `methods`, which stay): hand over the stack config, then install the methods of the
 * bootstrap's kind on it. One call keeps the serialized text short; the host calls `configure`
 * once per distinct bootstrap text and process.
 */
export function boot(bootstrap: Bootstrap, req: pulumi.dynamic.ConfigureRequest): void {
  configure(req.config);
  if (!("create" in bootstrap)) Object.assign(bootstrap, methods(bootstrap.kind));
}

/**
 * The provider methods of one kind, installed by the serialized bootstrap's `configure` onto
 * the object the provider host deserialized (see shared/shim.ts).
 */
export function methods(kind: string): Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> {
  const impl = implementation(kind) as Required<pulumi.dynamic.ResourceProvider>;
  return {
    check: (olds, news) => impl.check(olds, news),
    diff: (id, olds, news) => impl.diff(id, olds, news),
    create: (inputs) => impl.create(inputs),
    read: (id, props) => impl.read(id, props),
    update: (id, olds, news) => impl.update(id, olds, news),
    delete: (id, props) => impl.delete(id, props),
  };
}
