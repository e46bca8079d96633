/* istanbul ignore file -- coverage counters would be captured into the serialized provider */
/**
 * The provider object that Pulumi serializes into every resource's `__provider` state property.
 *
 * It is deliberately a thin shim: each method `require`s this package's compiled implementation
 * *by package name* at call time and forwards to it. So the serialized text stays small (about
 * 2 KB: the closure serializer wraps each of the seven methods), holds no zod/undici internals
 * (which cannot be serialized), no token and no secret, and is byte-identical across resources
 * of a kind and across releases (no spurious diffs). The provider host resolves the `require`
 * from the Pulumi program's folder, which must have this package in its node_modules.
 *
 * The methods capture nothing: the kind travels as a plain property and the bodies are kept
 * short on purpose, because their source text is what gets stored, once per resource.
 */
import type * as pulumi from "@pulumi/pulumi";

export interface Shim extends pulumi.dynamic.ResourceProvider {
  /** Resource kind, e.g. `linode:ObjectStorageKey`; the runtime picks the implementation by it. */
  readonly kind: string;
}

export function shimProvider<TInputs, TOutputs>(kind: string): Shim & pulumi.dynamic.ResourceProvider<TInputs, TOutputs> {
  /* eslint-disable prefer-rest-params */
  return {
    kind,
    configure() { return require("pulumi-access-keys/runtime").run(this, "configure", arguments); },
    check() { return require("pulumi-access-keys/runtime").run(this, "check", arguments); },
    diff() { return require("pulumi-access-keys/runtime").run(this, "diff", arguments); },
    create() { return require("pulumi-access-keys/runtime").run(this, "create", arguments); },
    read() { return require("pulumi-access-keys/runtime").run(this, "read", arguments); },
    update() { return require("pulumi-access-keys/runtime").run(this, "update", arguments); },
    delete() { return require("pulumi-access-keys/runtime").run(this, "delete", arguments); },
  } as unknown as Shim & pulumi.dynamic.ResourceProvider<TInputs, TOutputs>;
}
