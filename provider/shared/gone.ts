/**
 * "Is this key gone?" answered only by the cloud, at an address proven right.
 *
 * `read` returning no id drops the resource from state, and `delete` succeeding forgets it: a
 * wrong "not found" loses the key's secret and orphans the key (docs/pulumi-engine.md#read-and-refresh).
 * So a 404 means "gone" only when both hold:
 * - it is the cloud's own "no such key" error (NotFoundError: the cloud's JSON error format,
 *   and, where the cloud has one, its key-specific code (the profile's `classify`); a proxy's HTML page, a route 404 or another API's
 *   body is classified otherwise by the HTTP layer), and
 * - one list of keys at the same base URL, with the same credentials, succeeds and does not
 *   show the key. A wrong URL, a wrong organization, or a proxy fails this list;
 * - where a cloud's list is per account and nothing in its answers names the account,
 *   the credentials in use are the ones the key was made with (`anotherAccount`).
 * Anything else is an error that leaves state untouched, on read and on delete alike.
 */
import { sameCall } from "./http/answer";
import { GoneUnconfirmedError, NotFoundError } from "./http/errors";

export interface GoneCheck {
  /** What the key is, e.g. `<Cloud> key 123`. */
  subject: string;
  /** Whether the key is in the list at the same address. Throws when the list fails. */
  isListed(): Promise<boolean>;
  /** Which settings to check when the answer cannot be trusted, e.g. `<cloud>:url / <CLOUD>_URL`. */
  settingsHint: string;
  /**
   * Why the credentials in use may belong to another account than the key's, if they may. Then
   * no "not found" is trusted, whatever the list says: another account's list lacks the key too.
   */
  anotherAccount?(): string | undefined;
}

/** The key, or undefined when the cloud confirmed it is gone. */
export async function readUnlessGone<T>(read: () => Promise<T>, check: GoneCheck): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    await confirmGone(err, check);
    return undefined;
  }
}

/** Deletes the key; a confirmed "gone" counts as deleted, any other failure is thrown. */
export async function deleteUnlessGone(remove: () => Promise<unknown>, check: GoneCheck): Promise<void> {
  try {
    await remove();
  } catch (err) {
    await confirmGone(err, check);
  }
}

/** Returns when `err` is a confirmed "no such key"; throws otherwise. */
export async function confirmGone(err: unknown, check: GoneCheck): Promise<void> {
  if (!(err instanceof NotFoundError)) throw err;
  const elsewhere = check.anotherAccount?.();
  if (elsewhere) throw unconfirmed(err, elsewhere, check);
  let listed: boolean;
  try {
    listed = await check.isListed();
  } catch (listError) {
    throw unconfirmed(err, `listing keys at the same address failed (${(listError as Error).message})`, check);
  }
  if (listed) throw unconfirmed(err, "the key is still listed (the cloud may still be finishing a delete; try again shortly)", check);
}

function unconfirmed(err: NotFoundError, why: string, check: GoneCheck): GoneUnconfirmedError {
  return new GoneUnconfirmedError(err.summary, {
    ...sameCall(err),
    detail: `${err.detail ? `${err.detail}; ` : ""}${check.subject} is not treated as deleted and stays in the stack: ${why}; check ${check.settingsHint}`,
  });
}
