/**
 * Recovery for a create whose outcome is unknown (the response was lost, timed out, or the cloud
 * answered 5xx after acting). None of our clouds offers an idempotency key, so a create is never
 * blindly resent: we look for the key by its name through the list endpoint (every page) and
 * either adopt it (when the cloud can still give us its secret) or delete it and create afresh.
 *
 * Only a key that did not exist before the request can be the lost one. A user-chosen name may
 * already be taken, by the very key a create-before-delete replacement is replacing, or by any
 * other key: so the keys with that name are listed before the create, and only keys missing
 * from that list count. Otherwise a 5xx during a replacement would take the live key for the lost
 * one. When no new key shows up within the settle window, the create is sent again.
 */
import { sameCall } from "./http/answer";
import { ApiError, UncertainCreateError } from "./http/errors";
import type { ClientContext } from "./http/request";

export interface CreateRecovery<TKey> {
  /** Performs the create call once. */
  create(): Promise<TKey>;
  /** Keys that this create may have made, found by name across every page. */
  findCandidates(): Promise<TKey[]>;
  /** What to do with a key the lost create made: adopt it, or delete it and return undefined. */
  resolve(candidate: TKey): Promise<TKey | undefined>;
  /**
   * Whether the name is ours alone (auto-named with a random suffix). With a user-chosen name a
   * match may be someone else's key, so it is reported, never deleted.
   */
  nameIsUnique: boolean;
  describe(candidate: TKey): string;
  /** The key's id, to tell the keys that existed before the request from the ones it may have made. */
  idOf(candidate: TKey): string;
  /** The key being created, by its name, e.g. `<Cloud> key "ci"`: named when it may exist untracked. */
  subject: string;
  /** Creates to try in all; each extra one only after the previous attempt was cleaned up. */
  maxCreates?: number;
  /**
   * The call's context. After any answer that may hide a create that landed (a timeout, a
   * dropped connection, a 5xx of any body, even one a gateway sent at once) the cloud may still
   * be working on the create, so the look-up is repeated for three request timeouts before
   * concluding no key was made; otherwise a create landing after our look-up would leave an
   * untracked key.
   */
  ctx: Pick<ClientContext, "sleep" | "policy">;
}

export async function createWithRecovery<TKey>(r: CreateRecovery<TKey>): Promise<TKey> {
  const maxCreates = r.maxCreates ?? 3;
  // An auto-generated name is new with each resource and each replacement (shared/naming.ts): no key had it before.
  const before = r.nameIsUnique ? new Set<string>() : new Set((await r.findCandidates()).map(r.idOf));
  for (let attempt = 1; ; attempt++) {
    try {
      return await r.create();
    } catch (err) {
      if (!(err instanceof ApiError) || !err.mayHaveSucceeded) throw err;
      const candidates = await findCandidatesSettled(r, err, (k) => !before.has(r.idOf(k)));
      for (const made of candidates) before.add(r.idOf(made));
      if (candidates.length > 0 && !r.nameIsUnique) {
        throw uncertain(err,
          `the request may have created ${candidates.map(r.describe).join(", ")} with the same name; it was left ` +
            "untouched because the name is not unique to this resource. Delete it, or adopt it with `existingKeyId`, " +
            "then run `pulumi up` again");
      }
      for (const candidate of candidates) {
        const adopted = await r.resolve(candidate);
        if (adopted !== undefined) return adopted;
      }
      if (attempt >= maxCreates) throw err;
    }
  }
}

/**
 * Looks for the key until it shows up or the settle window ends. A look-up that fails is not
 * "nothing was made": creating again blindly could make a second key, so the user is told the
 * key's name and that it may exist.
 */
async function findCandidatesSettled<TKey>(r: CreateRecovery<TKey>, err: ApiError, isNew: (k: TKey) => boolean): Promise<TKey[]> {
  const windowMs = 3 * r.ctx.policy.timeoutMs;
  const step = Math.max(1, Math.round(windowMs / 6));
  for (let waited = 0; ; waited += step) {
    let candidates: TKey[];
    try {
      candidates = (await r.findCandidates()).filter(isNew);
    } catch (lookupError) {
      throw uncertain(err,
        `${r.subject} may have been created, and looking it up failed (${(lookupError as Error).message}). ` +
          `Find it in the cloud's key list; adopt it with \`existingKeyId\` or delete it, then run \`pulumi up\` again`);
    }
    if (candidates.length > 0 || waited >= windowMs) return candidates;
    await r.ctx.sleep(step);
  }
}

function uncertain(err: ApiError, detail: string): UncertainCreateError {
  return new UncertainCreateError(err.summary, {
    ...sameCall(err),
    detail: [err.detail, detail].filter(Boolean).join("; "), mayHaveSucceeded: true,
  });
}
