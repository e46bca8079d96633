/**
 * Katapult settings, read at call time from stack config (`katapult:*`) then the environment
 * (`KATAPULT_*`, the names Katapult's Terraform provider reads, docs/api/katapult.md#other-tools). Never read at load,
 * so no token from here reaches `__provider` or state. A resource's own `credentials` come first
 * (shared/credentials.ts).
 */
import { Connect } from "../shared/context";
import { CredentialsSpec, connectWith } from "../shared/credentials";
import { ConfigurationError } from "../shared/http/errors";
import { ClientContext } from "../shared/http/request";
import { SettingSource, readSetting } from "../shared/settings";
import { parseOrganization } from "./model";
import type { OrganizationRef } from "./fields";

export const KATAPULT_API_KEY: SettingSource = { configKey: "katapult:apiKey", envVar: "KATAPULT_API_KEY" };
export const KATAPULT_API_URL: SettingSource = { configKey: "katapult:apiUrl", envVar: "KATAPULT_API_URL" };
export const KATAPULT_ORGANIZATION: SettingSource = { configKey: "katapult:organization", envVar: "KATAPULT_ORGANIZATION" };
export const KATAPULT_REGION: SettingSource = { configKey: "katapult:region", envVar: "KATAPULT_REGION" };
export const KATAPULT_CREDENTIALS_TIMEOUT: SettingSource = {
  configKey: "katapult:credentialsTimeoutSeconds",
  envVar: "KATAPULT_CREDENTIALS_TIMEOUT_SECONDS",
};
export const KATAPULT_WAIT_UNTIL_CONFIGURED: SettingSource = {
  configKey: "katapult:waitUntilConfigured",
  envVar: "KATAPULT_WAIT_UNTIL_CONFIGURED",
};

export const KATAPULT_DEFAULT_URL = "https://api.katapult.io/core/v1";
/** The only object storage region Katapult has (docs/api/katapult.md#organizations-and-regions); there is no endpoint listing regions. */
export const KATAPULT_DEFAULT_REGION = "uk-lon-1";
/**
 * How long to keep asking for credentials while Katapult provisions: five minutes, like
 * Katapult's own Terraform provider (provisioning was seen to take 30-45 s, docs/api/katapult.md#provisioning).
 */
export const DEFAULT_CREDENTIALS_TIMEOUT_MS = 300_000;
/** Provisioning lasts tens of seconds: poll at least every 10 s rather than the default 30 s cap. */
const PROVISIONING_MAX_DELAY_MS = 10_000;

/** `credentials: { apiKey, apiUrl? }`, named like `katapult:apiKey` and `katapult:apiUrl`. */
export const KATAPULT_CREDENTIALS: CredentialsSpec = {
  what: "The Katapult API key", tokenField: "apiKey", urlField: "apiUrl", token: KATAPULT_API_KEY, url: KATAPULT_API_URL,
  defaultUrl: KATAPULT_DEFAULT_URL, scheme: "Bearer",
};

/** The resource's credentials, else the API key and URL settings read at call time. */
export const connectKatapult: Connect = connectWith(KATAPULT_CREDENTIALS);

/** `katapult:organization` / KATAPULT_ORGANIZATION: `org_...` is an id, anything else a sub-domain. */
export function defaultOrganization(): OrganizationRef | undefined {
  const value = readSetting(KATAPULT_ORGANIZATION);
  return value === undefined ? undefined : parseOrganization(value);
}

export function defaultRegion(): string {
  return readSetting(KATAPULT_REGION) ?? KATAPULT_DEFAULT_REGION;
}

export function credentialsDeadlineMs(): number {
  const raw = readSetting(KATAPULT_CREDENTIALS_TIMEOUT);
  if (raw === undefined) return DEFAULT_CREDENTIALS_TIMEOUT_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ConfigurationError(`${KATAPULT_CREDENTIALS_TIMEOUT.configKey} / ${KATAPULT_CREDENTIALS_TIMEOUT.envVar} must be a positive number of seconds`);
  }
  return seconds * 1000;
}

/** `katapult:waitUntilConfigured` / KATAPULT_WAIT_UNTIL_CONFIGURED: `true` (default) or `false`. */
export function waitUntilConfigured(): boolean {
  const raw = readSetting(KATAPULT_WAIT_UNTIL_CONFIGURED)?.trim().toLowerCase();
  if (raw === undefined || raw === "" || raw === "true") return true;
  if (raw === "false") return false;
  throw new ConfigurationError(`${KATAPULT_WAIT_UNTIL_CONFIGURED.configKey} / ${KATAPULT_WAIT_UNTIL_CONFIGURED.envVar} must be true or false`);
}

/**
 * The context for calls that Katapult refuses while it provisions (generate credentials, PATCH):
 * those refusals (BusyError) are bounded by `deadlineMs` rather than by the usual attempt count.
 */
export function provisioningContext(ctx: ClientContext, deadlineMs: number): ClientContext {
  return {
    ...ctx,
    policy: {
      ...ctx.policy,
      // Up to one refusal per step of at most 10 s over the whole deadline.
      maxThrottledAttempts: Math.max(ctx.policy.maxThrottledAttempts, Math.ceil(deadlineMs / 1_000)),
      deadlineMs,
      maxDelayMs: Math.min(ctx.policy.maxDelayMs, PROVISIONING_MAX_DELAY_MS),
    },
  };
}
