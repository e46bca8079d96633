/**
 * Bird organization access key lifecycle. Calls per operation: check 0, diff 0, create 1 (2 with
 * a chosen name: the organization's keys are listed first, shared/recovery.ts),
 * read 1, update 1 (0 when nothing changed), delete 1, adopt 1 (+1 PATCH when inputs differ).
 * While a rotation keeps the previous key (overlap.ts), read and delete cost one call more, and
 * the expiry's update 1 delete.
 *
 * A 404 on read or delete costs one more call, a list of the organization's keys (shared/gone.ts):
 * Bird may answer 404 for an organization the credentials cannot see as well as for a deleted key,
 * and treating that as "gone" would drop every key from state (read) or leave a live key untracked.
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown } from "../shared/check";
import { Connect } from "../shared/context";
import { diffFields } from "../shared/diff";
import { diffSpec, pickDefined } from "../shared/fields";
import { readUnlessGone } from "../shared/gone";
import { ConfigurationError, InputError } from "../shared/http/errors";
import { CheckRules, adoptKey, checkInputs, diffKey, readResult, withEchoed } from "../shared/lifecycle";
import { sortedUnique } from "../shared/lists";
import { plain } from "../shared/plain";
import type { Created, Read, Updated } from "../shared/results";
import { dropsPrevious, keepsPrevious } from "../shared/overlap";
import { assertNoPreviousLeft, dropPrevious, keyInUse, previousOf, refreshPrevious } from "../shared/previous-key";
import { readSetting } from "../shared/settings";
import * as api from "./api";
import { BIRD_ORGANIZATION_ID, connectBird } from "./settings";
import { ECHOED, ORGANIZATION_MISSING, TEXT_MAX, accessKeyFields, isUuid } from "./fields";
import {
  defaultDescription, flattenKey, getCreateBody, getUpdateBody, idsOf, inputsFromOutputs, normalizeRefs, refsOf,
} from "./model";
import { KeyPlace, createKey, deleteKey, goneCheck, refsFromBody } from "./keys";
import { previousKeys, rotateKeepingPrevious } from "./overlap";
import { AccessKeyInputs, AccessKeyOutputs, accessKeyInputs } from "./schemas";

export { CLOCK_SKEW_MS } from "./keys";

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
  overlap: true,
  // Another organization means a new key, hence a new token (see diff).
  reissues: (olds, news) => olds.organizationId !== undefined && olds.organizationId !== news.organizationId,
};

/** roleIds is the deprecated spelling of roleRefs (docs/bird.md): one program sets one of them. */
const BOTH_ROLE_FIELDS = {
  property: "roleIds",
  reason: "roleIds and roleRefs cannot both be set: roleIds is the deprecated form of roleRefs; " +
    'move each id to roleRefs as { id, type: "organization" } and remove roleIds',
};

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
    // consumers in the stack are updated in between; with keepPreviousForHours, an update that
    // makes the new key in place and keeps the old one (overlap.ts). `existingKeyId` is only read at create.
    return diffKey(fields, olds, news, { rotationReplaces: true });
  }

  async create(inputs: AccessKeyInputs): Promise<Created<AccessKeyOutputs>> {
    if (inputs.existingKeyId !== undefined) return this.adopt(inputs.existingKeyId, inputs);
    const body = getCreateBody(inputs);
    const place = { ctx: this.connect(inputs.credentials), organizationId: inputs.organizationId, credentials: inputs.credentials };
    const made = await createKey(place, body, inputs.autoNamed === true);
    const carried = { accessKey: made.token, roleRefs: refsFromBody(body), description: body.description };
    return { id: made.key.id, outs: plain(flattenKey(made.key, carried, inputs)) };
  }

  async read(id: string, props?: AccessKeyOutputs): Promise<Read<AccessKeyOutputs>> {
    const keyId = currentKeyId(id, props);
    const place = { ctx: this.connect(props?.credentials), organizationId: organizationOf(props), credentials: props?.credentials };
    const key = await readUnlessGone(() => api.getAccessKey(place.ctx, place.organizationId, keyId), goneCheck(place, keyId));
    const previous = previousKeys(place);
    if (key === undefined) await assertNoPreviousLeft(props, keyId, previous);
    const carried = { accessKey: props?.accessKey, roleIds: props?.roleIds, roleRefs: props?.roleRefs, description: props?.description };
    // rotatedAt is kept: a refresh never rotates, and never shows a due rotation as drift.
    const outs = key && { ...flattenKey(key, carried, pickDefined(props, ECHOED)), ...pickDefined(props, ["keyId"]), ...previousOf(props, previous) };
    return readResult(id, outs && (await refreshPrevious(outs, previous)), inputsFromOutputs);
  }

  async update(id: string, olds: AccessKeyOutputs, news: AccessKeyInputs): Promise<Updated<AccessKeyOutputs>> {
    // Connected only for a call: rewriting outputs alone must work offline.
    const place = (): KeyPlace => ({ ctx: this.connect(news.credentials), organizationId: olds.organizationId, credentials: news.credentials });
    if (keepsPrevious(olds, news)) return { outs: await rotateKeepingPrevious(place(), currentKeyId(id, olds), olds, news) };
    // The previous key's time is up: it goes first, so a failure after it leaves nothing unrecorded.
    const kept = dropsPrevious(olds, news) ? await dropPrevious(olds, previousKeys(place())) : olds;
    const body = getUpdateBody(kept, news);
    // `credentials` undefined drops the stored ones (plain() removes undefined members).
    const meta = pickDefined(news, ECHOED);
    // The clock starting or rotateAfterDays changing rewrites outputs only: no call.
    if (body === undefined) return { outs: withEchoed(kept, ECHOED, meta) };
    const key = await api.updateAccessKey(place().ctx, olds.organizationId, currentKeyId(id, olds), body);
    const carried = { accessKey: olds.accessKey, roleRefs: refsFromBody(body) ?? refsOf(olds), description: olds.description };
    return { outs: plain({ ...flattenKey(key, carried, meta), ...pickDefined(kept, ["keyId", "previousKeyId", "previousAccessKey"]) }) };
  }

  async delete(id: string, props?: AccessKeyOutputs): Promise<void> {
    const keyId = currentKeyId(id, props);
    const place = { ctx: this.connect(props?.credentials), organizationId: organizationOf(props), credentials: props?.credentials };
    // The previous key first: if the current one then fails, the stack still holds it.
    if (props !== undefined) await dropPrevious(props, previousKeys(place));
    await deleteKey(place, keyId);
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

/** The key the resource holds now (shared/previous-key.ts). */
function currentKeyId(id: string, outs: Partial<AccessKeyOutputs> | undefined): string {
  return keyInUse(id, outs, checkedId);
}

function checkedId(id: string): string {
  if (!isUuid(id)) throw new InputError(`Bird access key id must be a UUID, got "${id}"`, "id");
  return id;
}
