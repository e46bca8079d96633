/**
 * Builds the per-call HTTP context (where, as whom, with which retry policy and clock).
 * Providers receive a `Connect` function so tests can swap the clock and policy; the default
 * reads settings at call time.
 */
import { createHash } from "node:crypto";
import { gateFor } from "./http/rate-gate";
import { ClientContext } from "./http/request";
import { policyFromEnv } from "./http/retry";

/**
 * A context as one account: the resource's `credentials` when it has them (in the cloud's field
 * names, see credentials.ts), else the settings.
 */
export type Connect = (credentials?: Readonly<Record<string, string | undefined>>) => ClientContext;

export function realClock(): Pick<ClientContext, "sleep" | "random" | "now"> {
  return {
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    now: Date.now,
  };
}

/**
 * A short fingerprint of the credential an Authorization value carries, to tell later whether
 * the same credential is in use (shared/gone.ts). One-way: API tokens are long random strings
 * (e.g. 64 hex digits), so the fingerprint tells nothing about the token.
 */
export function credentialFingerprint(authorization: string): string {
  return createHash("sha256").update(`pulumi-access-keys credential\0${authorization}`).digest("hex").slice(0, 16);
}

/** A context for real calls: one rate gate per API, identity (the token only as a hash) and budget. */
export function clientContext(baseUrl: string, authorization: string): ClientContext {
  const identity = createHash("sha256").update(authorization).digest("hex");
  return {
    baseUrl, authorization, policy: policyFromEnv(process.env), ...realClock(),
    gate: (budget) => gateFor(`${baseUrl} ${identity} ${budget}`),
  };
}
