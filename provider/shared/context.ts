/**
 * Builds the per-call HTTP context (where, as whom, with which retry policy and clock).
 * Providers receive a `Connect` function so tests can swap the clock and policy; the default
 * reads settings at call time.
 */
import { ClientContext } from "./http/request";
import { policyFromEnv } from "./http/retry";

export type Connect = () => ClientContext;

export function realClock(): Pick<ClientContext, "sleep" | "random" | "now"> {
  return {
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    now: Date.now,
  };
}

export function clientContext(baseUrl: string, authorization: string): ClientContext {
  return { baseUrl, authorization, policy: policyFromEnv(process.env), ...realClock() };
}
