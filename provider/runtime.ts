/**
 * What the serialized shim loads at call time (`require("pulumi-access-keys/runtime")`): one
 * implementation per resource kind, plus the `configure` hook that hands over stack config.
 * Adding a cloud is one line here.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ObjectStorageKeyProvider as LinodeObjectStorageKeyProvider } from "./linode/provider";
import { AccessKeyProvider as KatapultAccessKeyProvider } from "./katapult/provider";
import { AccessKeyProvider as BirdAccessKeyProvider } from "./bird/provider";
import { ConfigurationError } from "./shared/http/errors";
import { StackConfig, useStackConfig } from "./shared/settings";

const implementations: Record<string, pulumi.dynamic.ResourceProvider> = {
  "linode:ObjectStorageKey": new LinodeObjectStorageKeyProvider(),
  "bird:AccessKey": new BirdAccessKeyProvider(),
  "katapult:ObjectStorageAccessKey": new KatapultAccessKeyProvider(),
};

export function implementation(kind: string): pulumi.dynamic.ResourceProvider {
  const found = implementations[kind];
  if (!found) {
    throw new ConfigurationError(
      `pulumi-access-keys has no resource kind "${kind}": the state was written by a newer version of the package than the one installed`,
    );
  }
  return found;
}

/** Hands the stack config (secure values decrypted) to the settings reader. */
export function configure(config: StackConfig | undefined): void {
  useStackConfig(config);
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
