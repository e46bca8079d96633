/**
 * Missing tokens, reported all at once. A token nobody set is found by `check` (in the provider
 * host, where the engine handed over the stack config) rather than by the first API call, so a
 * preview reports it before anything is created; and because the engine stops at the first
 * resource that fails, that failure, like the create error of a provider driven by hand, also
 * lists every other registered cloud whose token is set nowhere.
 */
import type { CheckFailure } from "./check";
import type { CloudDescriptor } from "./cloud";
import { ConfigurationError } from "./http/errors";
import { readSetting, stackConfigGiven } from "./settings";

const tokenMissing = (cloud: CloudDescriptor) => readSetting(cloud.credentials.token) === undefined;
const named = (cloud: CloudDescriptor) => `${cloud.credentials.what.replace(/^The /, "the ")} (${cloud.credentials.token.configKey} / ${cloud.credentials.token.envVar})`;

/** "Not set either: ..." for the other clouds without a token, or "". */
export function otherMissingTokens(cloud: CloudDescriptor, all: readonly CloudDescriptor[]): string {
  const others = all.filter((c) => c.name !== cloud.name && tokenMissing(c));
  return others.length === 0 ? "" : ` Not set either: ${others.map(named).join(", ")}; set those of the clouds your stack uses.`;
}

function missingMessage(cloud: CloudDescriptor, all: readonly CloudDescriptor[]): string {
  const { what, token } = cloud.credentials;
  return `${what} is not set: run \`pulumi config set --secret ${token.configKey} <value>\` or set the ${token.envVar} environment variable.` +
    otherMissingTokens(cloud, all);
}

/** The check failure for a resource without `credentials` whose cloud's token is set nowhere; none otherwise. */
export function missingTokenFailures(cloud: CloudDescriptor, all: readonly CloudDescriptor[], news: Record<string, unknown> | undefined): CheckFailure[] {
  if (!stackConfigGiven() || news?.credentials !== undefined || !tokenMissing(cloud)) return [];
  return [{ property: "", reason: missingMessage(cloud, all) }];
}

/** Runs a provider call; an error saying this cloud's token is not set also names the other missing ones. */
export async function withOtherMissingTokens<T>(cloud: CloudDescriptor, all: readonly CloudDescriptor[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ConfigurationError && err.message.startsWith(`${cloud.credentials.what} is not set`)) err.message += otherMissingTokens(cloud, all);
    throw err;
  }
}
