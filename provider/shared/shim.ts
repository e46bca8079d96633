/* istanbul ignore file -- coverage counters would be captured into the serialized provider */
/**
 * The provider object that Pulumi serializes into every resource's `__provider` state property.
 *
 * What gets serialized is deliberately tiny (about 580 bytes as stored, twice per resource): the
 * resource kind and a one-line `configure` method. The provider host calls `configure` once, right
 * after deserializing, before any other method (cmd/dynamic-provider `getProvider`, SDK >= 3.139);
 * `configure` then `require`s this package's compiled implementation *by package name*, whose
 * `boot` hands it the stack config and installs the real `check`/`diff`/`create`/`read`/`update`/
 * `delete` on the deserialized object. So the state holds no zod/undici internals (which cannot be
 * serialized), no token, no secret, and the same bytes for every resource of a kind and every
 * release (no spurious diffs). The host resolves the `require` from the Pulumi program's folder,
 * which must have this package in its node_modules.
 *
 * In the program the same object also answers those methods directly (users and tests may drive
 * the provider by hand): a Proxy serves them on demand, so the closure serializer, which only
 * sees the target's own properties, never captures them.
 */
import type * as pulumi from "@pulumi/pulumi";

export const PROVIDER_METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;

/** What is serialized: a kind and a bootstrap. */
interface Bootstrap {
  readonly kind: string;
  configure(req: pulumi.dynamic.ConfigureRequest): void;
}

export function shimProvider<TInputs, TOutputs>(kind: string): pulumi.dynamic.ResourceProvider<TInputs, TOutputs> {
  // Every character of `configure` is stored twice per resource: one line, one call into the
  // runtime, nothing async (the host awaits whatever it returns). Byte budget: docs/benchmarks.md#__provider.
  // prettier-ignore
  const bootstrap: Bootstrap = { kind, configure(r) { require("pulumi-access-keys/runtime").boot(this, r); } };
  const direct = new Map<string | symbol, unknown>();
  const isMethod = (name: string | symbol) => (PROVIDER_METHODS as readonly (string | symbol)[]).includes(name);
  return new Proxy(bootstrap, {
    get(target, name, receiver) {
      if (name in target || !isMethod(name)) return Reflect.get(target, name, receiver);
      if (!direct.has(name)) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        direct.set(name, (...args: unknown[]) => require("pulumi-access-keys/runtime").methods(kind)[name as string](...args));
      }
      return direct.get(name);
    },
    has: (target, name) => name in target || isMethod(name),
  }) as unknown as pulumi.dynamic.ResourceProvider<TInputs, TOutputs>;
}
