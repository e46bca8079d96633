/**
 * Bird settings, read at call time from stack config (`bird:*`) then the environment
 * (`BIRD_*`), never at load; a resource's own `credentials` come first (shared/credentials.ts).
 * Wire facts: docs/api/bird.md#base-url-and-auth.
 */
import { Connect } from "../shared/context";
import { CredentialsSpec, connectWith } from "../shared/credentials";
import type { SettingSource } from "../shared/settings";

export const BIRD_ACCESS_KEY: SettingSource = { configKey: "bird:accessKey", envVar: "BIRD_ACCESS_KEY" };
export const BIRD_API_URL: SettingSource = { configKey: "bird:apiUrl", envVar: "BIRD_API_URL" };
export const BIRD_ORGANIZATION_ID: SettingSource = { configKey: "bird:organizationId", envVar: "BIRD_ORGANIZATION_ID" };
export const BIRD_DEFAULT_URL = "https://api.bird.com";

/** `credentials: { accessKey, apiUrl? }`, named like `bird:accessKey` and `bird:apiUrl`. */
export const BIRD_CREDENTIALS: CredentialsSpec = {
  what: "The Bird access key", tokenField: "accessKey", urlField: "apiUrl", token: BIRD_ACCESS_KEY, url: BIRD_API_URL,
  defaultUrl: BIRD_DEFAULT_URL, scheme: "AccessKey",
};

/** The resource's credentials, else the access key and URL settings read at call time (never at load). */
export const connectBird: Connect = connectWith(BIRD_CREDENTIALS);
