/**
 * The do-nothing baseline: a dynamic resource whose provider makes no call and keeps no state of
 * its own, so running the same N through it measures the engine, the provider host and the
 * closure serializer alone. Ours divided by baseline is then our own cost.
 *
 * Only `create` is defined, which keeps its serialized text (its `__provider`) small: the host
 * stands in for the others (check returns the news, diff leaves the decision to the engine's own
 * comparison of inputs, read returns the stored state, update takes the news as outputs, delete
 * does nothing), so the engine makes the same RPCs for it as for ours. Its inputs mirror a key's:
 * a logical name and a label that the update pass changes.
 */
import * as pulumi from "@pulumi/pulumi";

/** What a baseline resource holds: the same as it was given. */
export interface BaselineProps {
  logicalName: string;
  label: string;
}

const baselineProvider: pulumi.dynamic.ResourceProvider<BaselineProps, BaselineProps> = {
  async create(inputs) {
    return { id: `fixed-${inputs.logicalName}`, outs: inputs };
  },
};

/** Type token `pulumi-nodejs:dynamic/bench:Baseline`. */
export const BASELINE_KIND = "bench:Baseline";

export class BaselineResource extends pulumi.dynamic.Resource {
  constructor(name: string, label: string) {
    super(baselineProvider, name, { logicalName: name, label }, {}, "bench", "Baseline");
  }
}
