/** Random identifiers and secrets in a cloud's alphabet (keys, tokens, ids). */
import { randomBytes } from "node:crypto";

export const ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function randomString(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
