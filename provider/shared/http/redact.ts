/**
 * Removes the credential from text that came back from a cloud or a proxy. Some error pages
 * echo the request, `Authorization` header included; anything built from a response (message,
 * detail, code, field, cause) goes through here before it can reach an error, a log or state.
 */

export const REDACTED = "***";

/** The forms a credential can take in a response: the whole header value and the bare token. */
export function credentialForms(authorization: string): string[] {
  const bare = authorization.replace(/^\s*\S+\s+/, "");
  const forms = new Set<string>();
  for (const value of [authorization, bare]) {
    if (value.length < 4) continue;
    forms.add(value);
    forms.add(encodeURIComponent(value));
    forms.add(JSON.stringify(value).slice(1, -1));
  }
  // Longest first, so the whole header is replaced before the token inside it.
  return [...forms].sort((a, b) => b.length - a.length);
}

export function redact(text: string, forms: readonly string[]): string;
export function redact(text: string | undefined, forms: readonly string[]): string | undefined;
export function redact(text: string | undefined, forms: readonly string[]): string | undefined {
  if (text === undefined) return undefined;
  let out = text;
  for (const form of forms) out = out.split(form).join(REDACTED);
  return out;
}
