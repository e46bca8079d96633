/**
 * Per-resource credentials (`credentials` input): several accounts of one cloud in one stack.
 *
 * A resource without `credentials` reads the stack config, then the environment, at call time
 * (settings.ts). A resource with them uses them for every call: create and update take them from
 * the new inputs, read and delete from the stored outputs, which is why they are echoed there
 * (the host hands `read`/`delete` only the old outputs, docs/pulumi-engine.md#rpc-mapping). The
 * resource class wraps them in `pulumi.secret` and lists them in `additionalSecretOutputs`, so
 * state holds them only as ciphertext (docs/pulumi-engine.md#what-the-engine-does); the host
 * hands them to us unwrapped, so nothing here may echo a value: checks and errors name fields.
 */
import { z } from "zod";
import { clientContext, Connect } from "./context";
import { ConfigurationError } from "./http/errors";
import { SettingSource, parseBaseUrl, requireCredential, resolveBaseUrl, tokenProblem } from "./settings";

/** A resource's credentials as given, in the cloud's own field names (e.g. `{ apiKey, apiUrl }`). */
export type CredentialsValue = Readonly<Record<string, string | undefined>>;

/** How one cloud names and uses its credentials. */
export interface CredentialsSpec {
  /** E.g. "The <Cloud> API token", for the message when nothing is set. */
  what: string;
  /** Field names inside `credentials`, the same as the cloud's config keys (`<cloud>:token` -> `token`). */
  tokenField: string;
  urlField: string;
  token: SettingSource;
  url: SettingSource;
  defaultUrl: string;
  /** Added to a URL given as a bare host (an API version such as `/v4`), as for the URL setting. */
  pathWhenBare?: string;
  /** Authorization scheme, e.g. `Bearer`. */
  scheme: string;
}

/** The token field: non-empty and sendable in a header. The reason names the field, never the value. */
export function credentialToken(path: string) {
  return z.string().superRefine((value, ctx) => {
    const problem = value === "" ? "must not be empty" : tokenProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `${path} ${problem}` });
  });
}

/** The URL field: the rules of the URL setting (https, or http on loopback only). */
export function credentialUrl(path: string, pathWhenBare?: string) {
  return z.string().superRefine((value, ctx) => {
    const parsed = parseBaseUrl(value, pathWhenBare);
    // `got` is left out: the URL is part of a secret.
    if ("problem" in parsed) ctx.addIssue({ code: "custom", message: `${path} ${parsed.problem}` });
  });
}

/**
 * The `Connect` of a cloud: the resource's credentials when given, else stack config then
 * environment. A URL left out of `credentials` comes from the URL setting, as without them.
 */
export function connectWith(spec: CredentialsSpec): Connect {
  return (given) => {
    if (given === undefined) {
      const token = requireCredential(spec.what, spec.token);
      return clientContext(resolveBaseUrl(spec.url, spec.defaultUrl, undefined, spec.pathWhenBare), `${spec.scheme} ${token}`);
    }
    return clientContext(givenUrl(spec, given), `${spec.scheme} ${givenToken(spec, given)}`);
  };
}

/** `check` is skipped for `get`, so the values are checked again here, naming the field only. */
function givenToken(spec: CredentialsSpec, given: CredentialsValue): string {
  const token = given[spec.tokenField];
  const problem = typeof token !== "string" || token === "" ? "is not set" : tokenProblem(token);
  if (problem) throw new ConfigurationError(`credentials.${spec.tokenField} ${problem}`);
  return token!;
}

function givenUrl(spec: CredentialsSpec, given: CredentialsValue): string {
  const raw = given[spec.urlField];
  if (raw === undefined) return resolveBaseUrl(spec.url, spec.defaultUrl, undefined, spec.pathWhenBare);
  const parsed = parseBaseUrl(raw, spec.pathWhenBare);
  if ("problem" in parsed) throw new ConfigurationError(`credentials.${spec.urlField} ${parsed.problem}`);
  return parsed.url;
}

/** Hint for "is this the right account?" messages: the settings, or the resource's own credentials. */
export function credentialsHint(spec: CredentialsSpec, given: CredentialsValue | undefined): string {
  return given === undefined
    ? `${spec.url.configKey} / ${spec.url.envVar}, ${spec.token.configKey} / ${spec.token.envVar}`
    : `the resource's credentials (credentials.${spec.urlField}, credentials.${spec.tokenField})`;
}

/** The engine's wire form of a secret value (docs/pulumi-engine.md#what-the-engine-does). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/**
 * Outputs whose `credentials` are marked secret on the wire. For outputs that leave the provider
 * outside a successful step (a partial create's error), where the engine's re-marking by input
 * name is not certain to run.
 */
export function sealCredentials<T extends object>(outs: T): T {
  const value = (outs as { credentials?: unknown }).credentials;
  if (value === undefined) return outs;
  return { ...outs, credentials: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value } };
}
