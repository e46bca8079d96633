/**
 * New Katapult credentials work only once Katapult has configured them: generate_credentials
 * answers 200 while the key is still `pending`, and a GET a moment later shows `configured`
 * (docs/api/katapult.md#states). So after issuing credentials the provider reads the key until it
 * is `configured`, within `katapult:credentialsTimeoutSeconds`, and a key that is not ready in
 * time is still recorded with its new secret (never lost, never orphaned).
 */
import { sealCredentials } from "../shared/credentials";
import { PartialCreateError, TimeoutError } from "../shared/http/errors";
import { plain } from "../shared/plain";
import { ClientContext } from "../shared/http/request";
import * as api from "./api";
import { credentialsOf, flattenKey } from "./model";
import { AccessKeyOutputs, ApiKey } from "./schemas";
import { KATAPULT_CREDENTIALS_TIMEOUT, KATAPULT_WAIT_UNTIL_CONFIGURED, credentialsDeadlineMs, waitUntilConfigured } from "./settings";

/** Reads back off from 250 ms, doubling, to at most 5 s apart. */
const FIRST_DELAY_MS = 250;
export const MAX_DELAY_MS = 5_000;

/** Reads the key until it is `configured`; a TimeoutError once `deadlineAt` (epoch ms) has passed. */
export async function awaitConfigured(ctx: ClientContext, id: string, deadlineAt: number): Promise<ApiKey> {
  let delay = FIRST_DELAY_MS;
  for (;;) {
    const key = await api.getAccessKey(ctx, id);
    if (key.state === "configured") return key;
    const left = deadlineAt - ctx.now();
    if (left <= 0) throw stillPending(id, key.state);
    await ctx.sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

/** Gave up waiting: the reads worked, the key stayed in `state`. */
function stillPending(id: string, state: string): TimeoutError {
  return new TimeoutError(`still "${state}" when ${KATAPULT_CREDENTIALS_TIMEOUT.configKey} ran out`, {
    cloud: api.katapultProfile.cloud, operation: `wait for Katapult key ${id} to be configured`, method: "GET", path: api.KEY_PATH,
  });
}

export interface Settled {
  outs: AccessKeyOutputs;
  /** Why the key is not known to be configured; the outputs still hold the new credentials. */
  failure?: Error;
}

/**
 * Outputs for credentials issued at `issuedSince` (epoch ms, the start of the deadline): once
 * configured, or as issued when waiting is off (`katapult:waitUntilConfigured false`), when
 * Katapult already says `configured`, or when the wait failed.
 */
export async function settle(ctx: ClientContext, id: string, issued: AccessKeyOutputs, issuedSince: number): Promise<Settled> {
  try {
    if (issued.state === "configured" || !waitUntilConfigured()) return { outs: issued };
    const key = await awaitConfigured(ctx, id, issuedSince + credentialsDeadlineMs());
    // A GET never carries the secret: keep the one just issued.
    return { outs: plain(flattenKey(key, issued, credentialsOf(issued))) };
  } catch (err) {
    return { outs: issued, failure: err as Error };
  }
}

const HINT =
  `The key is recorded in the stack with its new credentials (state "pending"); Katapult usually finishes within moments: ` +
  `run \`pulumi refresh\` to see its state. Raise ${KATAPULT_CREDENTIALS_TIMEOUT.configKey}, or set ` +
  `${KATAPULT_WAIT_UNTIL_CONFIGURED.configKey} false not to wait.`;

/**
 * A key the engine records although its create failed (docs/pulumi-engine.md#partial-creates).
 * The host sends these outputs on an error path, where the engine's re-marking of secrets is not
 * certain to run: per-resource credentials go marked secret on the wire (see sealCredentials).
 */
export abstract class RecordedKeyError extends PartialCreateError<AccessKeyOutputs> {
  constructor(id: string, properties: AccessKeyOutputs, message: string, cause: Error) {
    super(id, sealCredentials(properties), message, cause);
  }
}

/** What a create's error and an update's warning say when new credentials are not configured in time. */
function notConfigured(id: string, outs: AccessKeyOutputs, cause: Error): string {
  return `Katapult key ${id} ("${outs.name}") has new credentials, but Katapult had not finished configuring them: ${cause.message}. ${HINT}`;
}

/**
 * A create whose credentials were issued but not configured in time. Thrown with `id` and
 * `properties` (secret included) so the engine records the key as a partial create
 * (docs/pulumi-engine.md#partial-creates); `reasons` never carry the secret.
 */
export class NotConfiguredError extends RecordedKeyError {
  static override readonly kind = "NotConfiguredError";
  constructor(id: string, properties: AccessKeyOutputs, cause: Error) {
    super(id, properties, notConfigured(id, properties, cause), cause);
  }
}

/**
 * An update does not throw here: a failed update would leave the old outputs in state (the new
 * secret lost, the old one already revoked), and a partially failed one stores the *old* inputs,
 * so the next `up` would rotate again. The update succeeds with `state: "pending"`, and this
 * warning reaches the CLI as the host's stderr (docs/pulumi-engine.md#logging).
 */
export function warnNotConfigured(id: string, outs: AccessKeyOutputs, cause: Error): void {
  process.stderr.write(`warning: ${notConfigured(id, outs, cause)}\n`);
}
