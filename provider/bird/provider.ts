/**
 * Bird organization access key lifecycle. Calls per operation: check 0, diff 0, create 1 (2 with
 * a chosen name: the organization's keys are listed first, shared/recovery.ts),
 * read 1, update 1 (0 when nothing changed), delete 1, adopt 1 (+1 PATCH when inputs differ).
 *
 * A 404 on read or delete costs one more call, a list of the organization's keys (shared/gone.ts):
 * Bird may answer 404 for an organization the credentials cannot see as well as for a deleted key,
 * and treating that as "gone" would drop every key from state (read) or leave a live key untracked.
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown } from "../shared/check";
import { Connect } from "../shared/context";
import { credentialsHint } from "../shared/credentials";
import { diffFields } from "../shared/diff";
import { diffSpec, pickDefined } from "../shared/fields";
import { GoneCheck, deleteUnlessGone, readUnlessGone } from "../shared/gone";
import { ConfigurationError, InputError } from "../shared/http/errors";
import { ClientContext } from "../shared/http/request";
import { anyItem, findAll } from "../shared/http/pagination";
import { CheckRules, adoptKey, checkInputs, diffKey, readResult, withEchoed } from "../shared/lifecycle";
import { sortedUnique } from "../shared/lists";
import { plain } from "../shared/plain";
import type { Created, Read, Updated } from "../shared/results";
import { createWithRecovery } from "../shared/recovery";
import { readSetting } from "../shared/settings";
import * as api from "./api";
import { BIRD_CREDENTIALS, BIRD_ORGANIZATION_ID, connectBird } from "./settings";
import { BirdCredentials, ECHOED, ORGANIZATION_MISSING, TEXT_MAX, accessKeyFields, isUuid } from "./fields";
import {
  defaultDescription, flattenKey, getCreateBody, getUpdateBody, idsOf, inputsFromOutputs, normalizeRefs, refsOf,
} from "./model";
import {
  AccessKeyCreateBody,
  AccessKeyInputs,
  AccessKeyOutputs,
  AccessKeyUpdateBody,
  ApiAccessKey,
  accessKeyInputs,
} from "./schemas";

/**
 * How much earlier than our create request a key may say it was created and still be the one
 * that request made: Bird's clock and ours disagree by some amount we cannot measure.
 */
export const CLOCK_SKEW_MS = 10 * 60_000;

const DIFF_SPEC = diffSpec(accessKeyFields);

const CHECK_RULES: CheckRules<typeof accessKeyInputs> = {
  schema: accessKeyInputs,
  naming: { field: "name", maxLength: TEXT_MAX },
  prepare: (given) => {
    // An adopted key keeps its own name and description unless the program sets them.
    const adopting = given.existingKeyId !== undefined;
    return {
      // Resolved here so the stored input is explicit: a later change of the default replaces.
      organizationId: given.organizationId ?? readSetting(BIRD_ORGANIZATION_ID),
      ...(adopting ? { name: given.name, autoNamed: false } : {}),
      description: given.description ?? (adopting ? undefined : defaultDescription(given.logicalName)),
    };
  },
  failures: (given, _prepared, found) => (given.roleIds !== undefined && given.roleRefs !== undefined ? [BOTH_ROLE_FIELDS, ...found] : found),
  rotationReplaces: true,
  // Another organization means a new key, hence a new token (see diff).
  reissues: (olds, news) => olds.organizationId !== undefined && olds.organizationId !== news.organizationId,
};

/** roleIds is the deprecated spelling of roleRefs (docs/bird.md): one program sets one of them. */
const BOTH_ROLE_FIELDS = {
  property: "roleIds",
  reason: "roleIds and roleRefs cannot both be set: roleIds is the deprecated form of roleRefs; " +
    'move each id to roleRefs as { id, type: "organization" } and remove roleIds',
};

/** The roles a create or update body sent, for records that do not render them. */
function refsFromBody(body: AccessKeyCreateBody | AccessKeyUpdateBody) {
  return body.roleRefs === undefined ? undefined : normalizeRefs(body.roleRefs);
}

/** A key a create made, with the token when we have it (only from the create answer). */
interface Made {
  key: ApiAccessKey;
  token?: string;
}

export class AccessKeyProvider implements pulumi.dynamic.ResourceProvider<AccessKeyInputs, AccessKeyOutputs> {
  /** `now` is the clock `check` reads for the rotation schedule (injected by tests). */
  constructor(private readonly connect: Connect = connectBird, private readonly now: () => number = Date.now) {}

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<AccessKeyInputs>> {
    return checkInputs(CHECK_RULES, olds, news, this.now());
  }

  async diff(_id: string, olds: AccessKeyOutputs, news: AccessKeyInputs): Promise<pulumi.dynamic.DiffResult> {
    // Only input fields are compared: suffix, updatedAt and Bird's lastUsedAt never count as drift.
    // Roles compare in the form the program uses: roleIds by ids alone, roleRefs with type and
    // workspaces. Old outputs without roleRefs (0.1.0 state) count as organization refs.
    const current = refsOf(olds);
    const asGiven = (v: unknown) => v === undefined || containsUnknown(v);
    const fields = diffFields(
      DIFF_SPEC,
      { organizationId: olds.organizationId, name: olds.name, description: olds.description, roleIds: idsOf(current), roleRefs: current },
      {
        organizationId: news.organizationId,
        name: news.name,
        description: news.description,
        roleIds: asGiven(news.roleIds) ? news.roleIds : sortedUnique(news.roleIds!.map((id) => id.toLowerCase())),
        roleRefs: asGiven(news.roleRefs) ? news.roleRefs : normalizeRefs(news.roleRefs!),
      },
    );
    // A due rotation is a new key (Bird never reissues a token), made before the old one goes so
    // consumers in the stack are updated in between. `existingKeyId` is only read at create.
    return diffKey(fields, olds, news, { rotationReplaces: true });
  }

  async create(inputs: AccessKeyInputs): Promise<Created<AccessKeyOutputs>> {
    if (inputs.existingKeyId !== undefined) return this.adopt(inputs.existingKeyId, inputs);
    const body = getCreateBody(inputs);
    const made = await this.createOnce(this.connect(inputs.credentials), inputs.organizationId, body, inputs.autoNamed === true, inputs.credentials);
    const carried = { accessKey: made.token, roleRefs: refsFromBody(body), description: body.description };
    return { id: made.key.id, outs: plain(flattenKey(made.key, carried, inputs)) };
  }

  async read(id: string, props?: AccessKeyOutputs): Promise<Read<AccessKeyOutputs>> {
    const keyId = checkedId(id);
    const ctx = this.connect(props?.credentials);
    const organizationId = organizationOf(props);
    const key = await readUnlessGone(() => api.getAccessKey(ctx, organizationId, keyId), goneCheck(ctx, organizationId, keyId, props?.credentials));
    const carried = { accessKey: props?.accessKey, roleIds: props?.roleIds, roleRefs: props?.roleRefs, description: props?.description };
    // rotatedAt is kept: a refresh never rotates, and never shows a due rotation as drift.
    return readResult(id, key && flattenKey(key, carried, pickDefined(props, ECHOED)), inputsFromOutputs);
  }

  async update(id: string, olds: AccessKeyOutputs, news: AccessKeyInputs): Promise<Updated<AccessKeyOutputs>> {
    const body = getUpdateBody(olds, news);
    // `credentials` undefined drops the stored ones (plain() removes undefined members).
    const meta = pickDefined(news, ECHOED);
    // The clock starting or rotateAfterDays changing rewrites outputs only: no call.
    if (body === undefined) return { outs: withEchoed(olds, ECHOED, meta) };
    const key = await api.updateAccessKey(this.connect(news.credentials), olds.organizationId, checkedId(id), body);
    const carried = { accessKey: olds.accessKey, roleRefs: refsFromBody(body) ?? refsOf(olds), description: olds.description };
    return { outs: plain(flattenKey(key, carried, meta)) };
  }

  async delete(id: string, props?: AccessKeyOutputs): Promise<void> {
    const keyId = checkedId(id);
    const ctx = this.connect(props?.credentials);
    const organizationId = organizationOf(props);
    await deleteUnlessGone(() => api.deleteAccessKey(ctx, organizationId, keyId), goneCheck(ctx, organizationId, keyId, props?.credentials));
  }

  /**
   * One POST, never resent blindly (no idempotency key, docs/api/bird.md#lost-creates). After a lost answer the key
   * may exist, but its token is gone for good: find it by name and delete it, then create again.
   * A user-chosen name is not unique, so only keys that were not there before this request count:
   * neither a key older than the clock skew allowance, nor one listed before the create (the key a
   * replacement replaces may be minutes old); and even those are reported rather than deleted
   * (createWithRecovery).
   */
  private createOnce(
    ctx: ClientContext, organizationId: string, body: AccessKeyCreateBody, nameIsUnique: boolean, credentials?: BirdCredentials,
  ): Promise<Made> {
    const since = ctx.now() - CLOCK_SKEW_MS;
    const mayBeOurs = (k: ApiAccessKey) => k.name === body.name && (nameIsUnique || !(Date.parse(k.createdAt) < since));
    return createWithRecovery<Made>({
      create: async () => {
        const created = await api.createAccessKey(ctx, organizationId, body);
        return { key: created.accessKey, token: created.token };
      },
      findCandidates: async () =>
        (await findAll("", (page) => api.listAccessKeys(ctx, organizationId, page), mayBeOurs)).map((key) => ({ key })),
      resolve: async ({ key }) => {
        await this.delete(key.id, { organizationId, credentials } as AccessKeyOutputs);
        return undefined;
      },
      nameIsUnique,
      describe: ({ key }) => `Bird access key ${key.id} ("${key.name}", created ${key.createdAt})`,
      idOf: ({ key }) => key.id,
      subject: `Bird access key "${body.name}"`,
      ctx,
    });
  }

  /** Takes over a key made outside Pulumi. Its token cannot be read back, so it stays empty. */
  private async adopt(keyId: string, inputs: AccessKeyInputs): Promise<Created<AccessKeyOutputs>> {
    const ctx = this.connect(inputs.credentials);
    const { found, key, body } = await adoptKey({
      read: () => api.getAccessKey(ctx, inputs.organizationId, keyId),
      changes: (k) => getUpdateBody(flattenKey(k, {}, inputs), inputs),
      update: (k, changes) => api.updateAccessKey(ctx, inputs.organizationId, k.id, changes),
    });
    const existing = flattenKey(found, {}, inputs);
    const carried = body === undefined ? {} : { roleRefs: refsFromBody(body) ?? existing.roleRefs, description: existing.description };
    return { id: found.id, outs: plain(flattenKey(key, carried, inputs)) };
  }
}

/** The key's organization: from state, else (for `AccessKey.get`) the configured default. */
function organizationOf(props: Partial<AccessKeyOutputs> | undefined): string {
  const organizationId = props?.organizationId || readSetting(BIRD_ORGANIZATION_ID);
  if (!organizationId) throw new ConfigurationError(ORGANIZATION_MISSING);
  return organizationId;
}

/**
 * Bird may answer 404 for an organization the credentials cannot see as well as for a deleted
 * key, so the organization's key list must answer, without the key (docs/api/bird.md#key-not-found).
 */
function goneCheck(ctx: ClientContext, organizationId: string, keyId: string, credentials: BirdCredentials | undefined): GoneCheck {
  return {
    subject: `Bird access key ${keyId}`,
    isListed: () => anyItem("", (page) => api.listAccessKeys(ctx, organizationId, page), (k) => k.id === keyId),
    settingsHint: `${credentialsHint(BIRD_CREDENTIALS, credentials)} and the organization (${BIRD_ORGANIZATION_ID.configKey} / ${BIRD_ORGANIZATION_ID.envVar})`,
  };
}

function checkedId(id: string): string {
  if (!isUuid(id)) throw new InputError(`Bird access key id must be a UUID, got "${id}"`, "id");
  return id;
}
