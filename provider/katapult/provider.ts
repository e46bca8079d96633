/**
 * Katapult object storage access key lifecycle. Calls per operation: check 0, diff 0, create 2
 * (create + generate credentials, plus retries while Katapult is provisioning; plus one list of
 * keys first with a chosen name, shared/recovery.ts), read 1, update 1
 * (0 when nothing changed; 2 when properties change and credentials rotate), delete 1; a 404 on read or delete costs one list of keys
 * (every page) before the key counts as gone (shared/gone.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import { CheckOutcome } from "../shared/check";
import { Connect } from "../shared/context";
import { credentialsHint } from "../shared/credentials";
import { deepEqual, diffFields } from "../shared/diff";
import { diffSpec } from "../shared/fields";
import { GoneCheck, deleteUnlessGone, readUnlessGone } from "../shared/gone";
import { ConfigurationError, InputError, ResponseShapeError } from "../shared/http/errors";
import { anyItem, findAll } from "../shared/http/pagination";
import { ClientContext } from "../shared/http/request";
import { CheckRules, adoptKey, checkInputs, diffKey, readResult } from "../shared/lifecycle";
import { plain } from "../shared/plain";
import { createWithRecovery } from "../shared/recovery";
import type { Created, Read, Updated } from "../shared/results";
import { rotationChange } from "../shared/rotation";
import * as api from "./api";
import { accessKeyFields } from "./fields";
import { NotConfiguredError, RecordedKeyError, settle, warnNotConfigured } from "./configured";
import {
  KATAPULT_CREDENTIALS,
  KATAPULT_ORGANIZATION,
  connectKatapult,
  credentialsDeadlineMs,
  defaultOrganization,
  defaultRegion,
  provisioningContext,
  waitUntilConfigured,
} from "./settings";
import {
  credentialsOf,
  flattenKey,
  getCreateBody,
  getProperties,
  getUpdateBody,
  inputsFromOutputs,
  organizationLookup,
  refreshedKey,
  wireProperties,
  withEchoed,
} from "./model";
import { AccessKeyInputs, AccessKeyOutputs, ApiKey, keyInputs } from "./schemas";
import { placementError } from "./placement";

const ORGANIZATION_REQUIRED = {
  property: "organization",
  reason: "organization is required: set it on the resource ({ subDomain } or { id }), or run `pulumi config set katapult:organization <sub-domain or org_ id>`, or set KATAPULT_ORGANIZATION",
};

/**
 * A key that exists but has no credentials yet: recorded by the engine (see PartialCreateError),
 * and the next `pulumi up` calls `update`, which finishes it.
 */
export class IncompleteCreateError extends RecordedKeyError {
  static override readonly kind = "IncompleteCreateError";
  constructor(id: string, properties: AccessKeyOutputs, cause: Error) {
    const message = `Katapult key ${id} ("${properties.name}") was created, but its credentials could not be generated: ${cause.message}. ` +
      "The key is recorded in the stack without credentials; run `pulumi up` again to generate them.";
    super(id, properties, message, cause);
  }
}

export class AccessKeyProvider implements pulumi.dynamic.ResourceProvider<AccessKeyInputs, AccessKeyOutputs> {
  /** `now` is the clock `check` reads for the rotation schedule (injected by tests). */
  constructor(private readonly connect: Connect = connectKatapult, private readonly now: () => number = Date.now) {}

  /** Offline. Defaults (organization, region) come from settings so the stored inputs are explicit. */
  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<CheckOutcome<AccessKeyInputs>> {
    return checkInputs(CHECK_RULES, olds, news, this.now());
  }

  async diff(id: string, olds: AccessKeyOutputs, news: AccessKeyInputs): Promise<pulumi.dynamic.DiffResult> {
    const pick = (o: Partial<AccessKeyInputs>) => ({
      organization: o.organization, region: o.region, name: o.name, rotation: o.rotation,
      allBucketsRead: o.allBucketsRead, allObjectsRead: o.allObjectsRead, allObjectsWrite: o.allObjectsWrite,
    });
    // A key cannot move between organizations or regions; everything else changes in place.
    // A due rotation is new credentials for the same key, in place (update), like `rotation`; a
    // create that could not generate credentials is finished by the next update.
    return diffKey(diffFields(DIFF_SPEC, pick(olds), pick(news)), olds, news, {
      id, rotationReplaces: false, unfinished: credentialsOf(olds) === undefined || olds.secretRevoked === true,
    });
  }

  async create(inputs: AccessKeyInputs): Promise<Created<AccessKeyOutputs>> {
    const ctx = this.connect(inputs.credentials);
    waitUntilConfigured(); // a bad setting fails here, before a key exists
    if (inputs.existingKeyId !== undefined) return this.adopt(ctx, inputs.existingKeyId, inputs);
    const key = await createWithRecovery<ApiKey>({
      create: () => api.createAccessKey(ctx, getCreateBody(inputs)).catch((err: unknown) => Promise.reject(placementError(err, inputs))),
      findCandidates: () =>
        findAll(1, (page) => api.listAccessKeys(ctx, organizationLookup(inputs.organization), page),
          (k) => k.name === inputs.name && k.region === inputs.region),
      // Katapult's create never returns a secret (credentials are a separate call), so a key
      // that a lost create made is as good as a new one: adopt it.
      resolve: async (k) => k,
      nameIsUnique: inputs.autoNamed === true,
      describe: (k) => `Katapult key ${k.id} ("${k.name}")`,
      idOf: (k) => k.id,
      subject: `Katapult key "${inputs.name}"`,
      ctx,
    });
    return this.finishCreate(ctx, key, inputs);
  }

  async read(id: string, props?: AccessKeyOutputs): Promise<Read<AccessKeyOutputs>> {
    const ctx = this.connect(props?.credentials);
    const key = await readUnlessGone(() => api.getAccessKey(ctx, id), goneCheck(ctx, id, props));
    // The API never returns the secret again: keep the stored one (docs/pulumi-engine.md#secrets-the-cloud-never-returns).
    return readResult(id, key && refreshedKey(key, props ?? {}), inputsFromOutputs);
  }

  async update(id: string, olds: AccessKeyOutputs, news: AccessKeyInputs): Promise<Updated<AccessKeyOutputs>> {
    const previous = credentialsOf(olds);
    const rotate = previous === undefined || olds.secretRevoked === true ||
      (news.rotation !== undefined && news.rotation !== olds.rotation) || rotationChange(olds, news).rotate;
    const body = getUpdateBody(id, getProperties(olds), news);
    if (body === undefined && !rotate) return { outs: plain(withEchoed(olds, news)) };
    const ctx = this.connect(news.credentials);
    if (rotate) waitUntilConfigured(); // a bad setting fails before the old secret is revoked
    // Right after a create or a PATCH, Katapult answers 422 provisioning errors for a while.
    const key = body === undefined ? undefined : await api.updateAccessKey(provisioningContext(ctx, credentialsDeadlineMs()), body);
    if (!rotate) return { outs: plain(flattenKey(key!, news, previous)) };
    const issuedSince = ctx.now();
    const issued = plain(flattenKey(await api.generateCredentials(provisioningContext(ctx, credentialsDeadlineMs()), id), news, undefined));
    const { outs, failure } = await settle(ctx, id, issued, issuedSince);
    if (failure) warnNotConfigured(id, outs, failure);
    return { outs };
  }

  async delete(id: string, props?: AccessKeyOutputs): Promise<void> {
    const ctx = this.connect(props?.credentials);
    await deleteUnlessGone(() => api.deleteAccessKey(ctx, id), goneCheck(ctx, id, props));
  }

  /** Generates the new key's credentials; if that fails, the key is reported, never orphaned. */
  private async finishCreate(ctx: ClientContext, key: ApiKey, inputs: AccessKeyInputs): Promise<Created<AccessKeyOutputs>> {
    let withCredentials: ApiKey;
    const issuedSince = ctx.now();
    try {
      withCredentials = await api.generateCredentials(provisioningContext(ctx, credentialsDeadlineMs()), key.id);
      if (!withCredentials.s3_secret_access_key) throw new ResponseShapeError("200 response without a secret access key", {
        cloud: api.katapultProfile.cloud, operation: api.generateCredentialsOperation(key.id), method: "POST",
        path: api.GENERATE_CREDENTIALS_PATH, status: 200, detail: "s3_secret_access_key is empty",
      });
    } catch (err) {
      throw new IncompleteCreateError(key.id, plain(flattenKey(key, inputs, undefined)), err as Error);
    }
    const { outs, failure } = await settle(ctx, key.id, plain(flattenKey(withCredentials, inputs, undefined)), issuedSince);
    if (failure) throw new NotConfiguredError(key.id, outs, failure);
    return { id: key.id, outs };
  }

  /**
   * Takes over a key made outside Pulumi (Pulumi's `import` option cannot work for dynamic
   * resources, docs/pulumi-engine.md#import). Its secret cannot be read back, and generating new
   * credentials would break whoever uses the key, so the secret stays empty until `rotation`
   * is changed; a key that has no credentials at all gets them now.
   */
  private async adopt(ctx: ClientContext, keyId: string, inputs: AccessKeyInputs): Promise<Created<AccessKeyOutputs>> {
    const { key } = await adoptKey({
      read: () => api.getAccessKey(ctx, keyId),
      refusal: (found) => found.region === inputs.region ? undefined : new InputError(
        `adopt Katapult key ${keyId}: the key is in region "${found.region}", not "${inputs.region}"; set region to "${found.region}"`,
        "region",
      ),
      changes: (found) => getUpdateBody(keyId, wireProperties(found), inputs),
      update: (_found, body) => api.updateAccessKey(provisioningContext(ctx, credentialsDeadlineMs()), body),
    });
    if (!key.s3_access_key_id) return this.finishCreate(ctx, key, inputs);
    return { id: keyId, outs: plain(flattenKey(key, inputs, { accessKeyId: key.s3_access_key_id, secretAccessKey: "" })) };
  }
}

const DIFF_SPEC = diffSpec(accessKeyFields);

const CHECK_RULES: CheckRules<typeof keyInputs> = {
  schema: keyInputs,
  // Katapult documents no name limit; generated names stay short and readable.
  naming: { field: "name", maxLength: 63 },
  prepare: (given) => ({ organization: given.organization ?? defaultOrganization(), region: given.region ?? defaultRegion() }),
  failures: (_given, prepared, found) => prepared.organization !== undefined ? found : [ORGANIZATION_REQUIRED, ...found.filter((f) => f.property !== "organization")],
  reissues,
  replaces: moves,
  rotationReplaces: false,
};

/**
 * Moving the key (organization, region), setting a new `rotation`, or a secret a refresh found
 * revoked (`secretRevoked` in the refreshed inputs) issues new credentials anyway.
 */
function reissues(olds: Record<string, unknown>, news: AccessKeyInputs): boolean {
  if (Object.keys(olds).length === 0) return false;
  const rotated = news.rotation !== undefined && news.rotation !== olds.rotation;
  return rotated || olds.secretRevoked === true || moves(olds, news);
}

/** A key cannot move between organizations or regions: moving it replaces it. */
function moves(olds: Record<string, unknown>, news: AccessKeyInputs): boolean {
  return Object.keys(olds).length > 0 && (!deepEqual(olds.organization, news.organization) || olds.region !== news.region);
}

/**
 * Katapult's `object_storage_access_key_not_found` is specific, but keys are looked up by a
 * global id whatever the token's organizations, so the key's organization is listed too: a
 * token for another organization fails that list instead of emptying the stack.
 */
function goneCheck(ctx: ClientContext, id: string, props: Partial<AccessKeyOutputs> | undefined): GoneCheck {
  return {
    subject: `Katapult key ${id}`,
    isListed: async () => {
      const organization = props?.organization ?? defaultOrganization();
      if (!organization) throw new ConfigurationError("the key's organization is unknown: set katapult:organization / KATAPULT_ORGANIZATION");
      return anyItem(1, (page) => api.listAccessKeys(ctx, organizationLookup(organization), page), (k) => k.id === id);
    },
    settingsHint: `${credentialsHint(KATAPULT_CREDENTIALS, props?.credentials)} and the key's organization (${KATAPULT_ORGANIZATION.configKey})`,
  };
}
