/**
 * One Bird access key at a time, for the lifecycle (provider.ts) and the overlap (overlap.ts):
 * create with lost-create recovery, delete unless gone, and the gone check both use. Calls:
 * create 1 (2 with a chosen name: the organization's keys are listed first, shared/recovery.ts;
 * a lost create: the organization's key list and a delete of what it made); delete 1;
 * a 404 costs one list of the organization's keys before the key counts as gone (shared/gone.ts).
 */
import { credentialsHint } from "../shared/credentials";
import { GoneCheck, deleteUnlessGone } from "../shared/gone";
import { anyItem, findAll } from "../shared/http/pagination";
import type { ClientContext } from "../shared/http/request";
import { createWithRecovery } from "../shared/recovery";
import * as api from "./api";
import type { BirdCredentials } from "./fields";
import { normalizeRefs } from "./model";
import type { AccessKeyCreateBody, AccessKeyUpdateBody, ApiAccessKey } from "./schemas";
import { BIRD_CREDENTIALS, BIRD_ORGANIZATION_ID } from "./settings";

/**
 * How much earlier than our create request a key may say it was created and still be the one
 * that request made: Bird's clock and ours disagree by some amount we cannot measure.
 */
export const CLOCK_SKEW_MS = 10 * 60_000;

/** A key a create made, with the token when we have it (only from the create answer). */
export interface Made {
  key: ApiAccessKey;
  token?: string;
}

/** Where a key lives and how to reach it. */
export interface KeyPlace {
  ctx: ClientContext;
  organizationId: string;
  credentials?: BirdCredentials;
}

/** The roles a create or update body sent, for records that do not render them. */
export function refsFromBody(body: AccessKeyCreateBody | AccessKeyUpdateBody) {
  return body.roleRefs === undefined ? undefined : normalizeRefs(body.roleRefs);
}

/**
 * One POST, never resent blindly (no idempotency key, docs/api/bird.md#lost-creates). After a lost answer the key
 * may exist, but its token is gone for good: find it by name and delete it, then create again.
 * A user-chosen name is not unique, so only keys that were not there before this request count:
 * neither a key older than the clock skew allowance, nor one listed before the create (the key a
 * replacement replaces may be minutes old); and even those are reported rather than deleted
 * (createWithRecovery). Keys in `kept` (the resource's own, which share the name during a
 * rotation that keeps the previous key) are never candidates.
 */
export function createKey(place: KeyPlace, body: AccessKeyCreateBody, nameIsUnique: boolean, kept: readonly string[] = []): Promise<Made> {
  const { ctx, organizationId } = place;
  const since = ctx.now() - CLOCK_SKEW_MS;
  const mayBeOurs = (k: ApiAccessKey) =>
    k.name === body.name && !kept.includes(k.id) && (nameIsUnique || !(Date.parse(k.createdAt) < since));
  return createWithRecovery<Made>({
    create: async () => {
      const created = await api.createAccessKey(ctx, organizationId, body);
      return { key: created.accessKey, token: created.token };
    },
    findCandidates: async () =>
      (await findAll("", (page) => api.listAccessKeys(ctx, organizationId, page), mayBeOurs)).map((key) => ({ key })),
    resolve: async ({ key }) => {
      await deleteKey(place, key.id);
      return undefined;
    },
    nameIsUnique,
    describe: ({ key }) => `Bird access key ${key.id} ("${key.name}", created ${key.createdAt})`,
    idOf: ({ key }) => key.id,
    subject: `Bird access key "${body.name}"`,
    ctx,
  });
}

/** Deletes a key; one the cloud confirms gone counts as deleted. */
export function deleteKey(place: KeyPlace, keyId: string): Promise<void> {
  return deleteUnlessGone(() => api.deleteAccessKey(place.ctx, place.organizationId, keyId), goneCheck(place, keyId));
}

/**
 * Bird may answer 404 for an organization the credentials cannot see as well as for a deleted
 * key, so the organization's key list must answer, without the key (docs/api/bird.md#key-not-found).
 */
export function goneCheck({ ctx, organizationId, credentials }: KeyPlace, keyId: string): GoneCheck {
  return {
    subject: `Bird access key ${keyId}`,
    isListed: () => anyItem("", (page) => api.listAccessKeys(ctx, organizationId, page), (k) => k.id === keyId),
    settingsHint: `${credentialsHint(BIRD_CREDENTIALS, credentials)} and the organization (${BIRD_ORGANIZATION_ID.configKey} / ${BIRD_ORGANIZATION_ID.envVar})`,
  };
}
