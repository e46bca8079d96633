/**
 * Narrower result types than the SDK's (where `outs` is optional): our providers always return
 * full outputs, because a missing `outs` wipes the resource's outputs (docs/pulumi-engine.md#update-outputs).
 */
export interface Created<TOutputs> {
  id: string;
  outs: TOutputs;
}
export interface Updated<TOutputs> {
  outs: TOutputs;
}
export interface Read<TOutputs> {
  /** Empty when the key is gone. */
  id: string;
  props: TOutputs;
  /** Inputs rebuilt from the live key (typed as outputs by the SDK). */
  inputs?: TOutputs;
}
