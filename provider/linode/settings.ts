/**
 * Linode settings, read at call time from stack config (`linode:*`) then the environment
 * (`LINODE_*`, the names Linode's own tools read), never at load; a resource's own `credentials`
 * come first (shared/credentials.ts). Wire facts: docs/api/linode.md#base-url-and-auth.
 */
import { Connect } from "../shared/context";
import { CredentialsSpec, connectWith } from "../shared/credentials";
import type { SettingSource } from "../shared/settings";

export const LINODE_TOKEN: SettingSource = { configKey: "linode:token", envVar: "LINODE_TOKEN" };
export const LINODE_URL: SettingSource = { configKey: "linode:url", envVar: "LINODE_URL" };
export const LINODE_DEFAULT_URL = "https://api.linode.com/v4";
/**
 * Linode's own clients (linodego, the Terraform provider) take the URL as a host and add the
 * version themselves, so `LINODE_URL=https://api.linode.com` is common: a bare host gets `/v4`
 * (docs/api/linode.md#base-url-and-auth).
 */
export const LINODE_API_VERSION_PATH = "/v4";

/** `credentials: { token, url? }`, named like `linode:token` and `linode:url`. */
export const LINODE_CREDENTIALS: CredentialsSpec = {
  what: "The Linode API token", tokenField: "token", urlField: "url", token: LINODE_TOKEN, url: LINODE_URL,
  defaultUrl: LINODE_DEFAULT_URL, pathWhenBare: LINODE_API_VERSION_PATH, scheme: "Bearer",
};

/** The resource's credentials, else the token and URL settings read at call time (never at load). */
export const connectLinode: Connect = connectWith(LINODE_CREDENTIALS);
