/**
 * Credentials and endpoints, resolved at call time.
 *
 * Order: stack config (handed to the provider's `configure` hook by the engine, secure values
 * already decrypted) first, then environment variables. Nothing here is read at module load and
 * nothing is ever stored on the serialized provider, so no token can reach `__provider`. The
 * engine itself records the stack config, encrypted, as the default provider's inputs, and
 * refresh and destroy get that record (docs/pulumi-engine.md#stored-settings).
 * A resource's own `credentials` input comes before all of these (credentials.ts).
 */
import { ConfigurationError } from "./http/errors";

export interface StackConfig {
  get(key: string): string | undefined;
}

/** The stack config of the running deployment, if the engine gave us one. */
let stackConfig: StackConfig | undefined;

/** Called from the provider's `configure` hook (once per provider host). */
export function useStackConfig(config: StackConfig | undefined): void {
  stackConfig = config;
}

/** Whether the engine handed over a stack config (in the provider host). */
export function stackConfigGiven(): boolean {
  return stackConfig !== undefined;
}

export interface SettingSource {
  /** Stack config key, e.g. `<cloud>:token`. */
  configKey: string;
  /** Environment variable, e.g. `<CLOUD>_TOKEN`. */
  envVar: string;
}

/** Config value, else environment value, else undefined. Empty strings count as unset. */
export function readSetting(source: SettingSource, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromConfig = safeGet(source.configKey);
  if (fromConfig) return fromConfig;
  const fromEnv = env[source.envVar];
  return fromEnv ? fromEnv : undefined;
}

function safeGet(key: string): string | undefined {
  try {
    return stackConfig?.get(key) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A credential that must be present and usable; the error says exactly how to provide it and
 * never shows the value. A token with whitespace or control characters (a pasted newline, a
 * quoted value) would be refused by the cloud with a confusing 401 or, worse, split the header.
 */
export function requireCredential(what: string, source: SettingSource, env?: NodeJS.ProcessEnv): string {
  const value = readSetting(source, env);
  if (!value) {
    throw new ConfigurationError(
      `${what} is not set: run \`pulumi config set --secret ${source.configKey} <value>\` ` +
        `or set the ${source.envVar} environment variable`,
    );
  }
  const problem = tokenProblem(value);
  if (problem) throw new ConfigurationError(`${what} (${source.configKey} / ${source.envVar}) ${problem}; set it again without them`);
  return value;
}

/** Why a token cannot be sent in an Authorization header, or undefined when it can. */
export function tokenProblem(value: string): string | undefined {
  if (/\s/.test(value)) return "contains whitespace";
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(value)) return "contains control characters";
  return undefined;
}

/**
 * The API base URL. Plain `http://` is refused unless the host is loopback (the bundled
 * emulator), so a typo cannot send a token in the clear. `pathWhenBare` is added to a URL given
 * without a path (`https://api.example.com` -> `https://api.example.com/v4`), as the cloud's own
 * clients do with their URL setting.
 */
export function resolveBaseUrl(source: SettingSource, defaultUrl: string, env?: NodeJS.ProcessEnv, pathWhenBare?: string): string {
  const given = readSetting(source, env);
  const parsed = parseBaseUrl(given ?? defaultUrl, given !== undefined ? pathWhenBare : undefined);
  if ("url" in parsed) return parsed.url;
  throw new ConfigurationError(`${source.configKey} / ${source.envVar} ${parsed.problem}${parsed.got ? `, got ${parsed.got}` : ""}`);
}

/**
 * The URL rules of `resolveBaseUrl`, for any source (stack config or a resource's credentials):
 * the normalised URL, or why it cannot be used. `got` (scheme and host) is only for messages
 * whose source is not secret.
 */
export function parseBaseUrl(raw: string, pathWhenBare?: string): { url: string } | { problem: string; got?: string } {
  const withPath = pathWhenBare !== undefined ? withPathWhenBare(raw, pathWhenBare) : raw;
  let url: URL;
  try {
    url = new URL(withPath);
  } catch {
    return { problem: "is not a valid URL" };
  }
  if (url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url.hostname))) return { url: withPath.replace(/\/+$/, "") };
  return { problem: "must be an https:// URL (plain http is only allowed for loopback addresses)", got: `${url.protocol}//${url.host}` };
}

function withPathWhenBare(raw: string, path: string): string {
  try {
    const url = new URL(raw);
    return url.pathname === "/" || url.pathname === "" ? raw.replace(/\/+$/, "") + path : raw;
  } catch {
    return raw;
  }
}

export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}
