/**
 * What the serialized shim loads at call time (`require("pulumi-access-keys/runtime")`): one
 * implementation per resource kind, plus the `configure` hook that hands over stack config.
 * Adding a cloud is one line here.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ObjectStorageKeyProvider as LinodeObjectStorageKeyProvider } from "./linode/provider";
import { AccessKeyProvider as KatapultAccessKeyProvider } from "./katapult/provider";
import { AccessKeyProvider as BirdAccessKeyProvider } from "./bird/provider";
import { StackConfig, useStackConfig } from "./shared/settings";

const implementations: Record<string, pulumi.dynamic.ResourceProvider> = {
  "linode:ObjectStorageKey": new LinodeObjectStorageKeyProvider(),
  "bird:AccessKey": new BirdAccessKeyProvider(),
  "katapult:ObjectStorageAccessKey": new KatapultAccessKeyProvider(),
};

export function implementation(kind: string): pulumi.dynamic.ResourceProvider {
  const found = implementations[kind];
  if (!found) {
    throw new Error(
      `pulumi-access-keys has no resource kind "${kind}": the state was written by a newer version of the package than the one installed`,
    );
  }
  return found;
}

type Method = "configure" | "check" | "diff" | "create" | "read" | "update" | "delete";

/**
 * Entry point of every shim method: `configure` receives the whole stack config (secure values
 * decrypted) from the engine; every other method goes to the kind's implementation.
 */
export async function run(shim: { kind: string }, method: Method, args: ArrayLike<unknown>): Promise<unknown> {
  if (method === "configure") return useStackConfig((args[0] as { config?: StackConfig } | undefined)?.config);
  const impl = implementation(shim.kind) as unknown as Record<Method, (...a: unknown[]) => Promise<unknown>>;
  return impl[method](...Array.from(args));
}
