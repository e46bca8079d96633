/**
 * Katapult Core API v1 object storage access keys, as the cloud behaves (docs/api/katapult.md
 * and the OpenAPI spec extract in this folder): Bearer tokens (400 missing_api_token, 403
 * invalid_api_token), organizations by id or sub-domain, one region (`uk-lon-1`), keys created
 * `pending` with null S3 fields, generate_credentials refused with 422
 * object_storage_provisioning_error while provisioning, PATCH sending the key back to pending,
 * DELETE with a JSON body, page/per_page pagination, errors wrapped as `{error: {code,
 * description, detail}}`, X-Ratelimit-* headers and 429 rate_limit_reached.
 * From the recorded traffic (../shared/api/recorded/katapult, 2026-08): generate_credentials
 * answers 200 with the secret while `state` is still `pending` (keys sorted), a later GET shows
 * `configured` and a null secret, PATCH sets `pending` again; `s3_access_key_id` is 32 hex digits.
 */
import { randomBytes } from "node:crypto";
import { Accounts } from "../accounts";
import { ALPHANUMERIC, randomString } from "../random";
import { CloudModule, EmulatedRequest, EmulatedResponse, RateLimitState, Route } from "../types";
import { FLAGS, isPending, ok, render, StoredKey } from "./keys";
import {
  DEFAULT_CONFIGURE_DELAY_MS, DEFAULT_PROVISIONING, KatapultOptions, KatapultOrganization, KatapultProvisioning, KATAPULT_EMULATOR_TOKEN,
  KATAPULT_ORGANIZATIONS, KATAPULT_REGIONS,
} from "./options";
import { error, jsonOnly, katapultHeaders, KATAPULT_BUDGETS, katapultRateHeaders, missingArgument, provisioningError, sortedKeys, validateProperties } from "./wire";

type Handler = (req: EmulatedRequest) => EmulatedResponse;

export class KatapultCloud implements CloudModule {
  readonly name = "katapult" as const;
  readonly accounts: Accounts;
  organizations: KatapultOrganization[];
  provisioning: KatapultProvisioning;
  configureDelayMs: number;
  readonly rateBudgets = KATAPULT_BUDGETS;
  private keys = new Map<string, StoredKey>();

  constructor(private readonly options: KatapultOptions = {}) {
    this.accounts = new Accounts(options.tokens, options.accounts, KATAPULT_EMULATOR_TOKEN);
    this.organizations = [...(options.organizations ?? KATAPULT_ORGANIZATIONS)];
    this.provisioning = { ...DEFAULT_PROVISIONING, ...options.provisioning };
    this.configureDelayMs = options.configureDelayMs ?? DEFAULT_CONFIGURE_DELAY_MS;
  }

  configure(settings: Record<string, unknown>): void {
    if (typeof settings.configureDelayMs === "number") this.configureDelayMs = settings.configureDelayMs;
  }

  authenticate(req: EmulatedRequest): EmulatedResponse | undefined {
    const header = String(req.headers.authorization ?? "");
    if (!header.startsWith("Bearer ") || header.length === 7) {
      return error(400, "missing_api_token", "No API token was provided in the Authorization header. Ensure a token is provided prefixed with Bearer");
    }
    req.account = this.accounts.of(header.slice(7));
    if (req.account !== undefined) return undefined;
    return error(403, "invalid_api_token", "The API token provided was not valid (it may not exist or have expired)", { details: "Token not found" });
  }

  route(req: EmulatedRequest): Route | undefined {
    const key = "/core/v1/object_storage/access_keys/access_key";
    const table: Record<string, Handler> = {
      "POST /core/v1/organizations/organization/object_storage/object_storage_cluster/access_keys": (r) => this.create(r),
      "GET /core/v1/organizations/organization/object_storage/access_keys": (r) => this.list(r),
      [`GET ${key}`]: (r) => this.withKey(r, (k) => ok(200, k, false)),
      [`PATCH ${key}`]: (r) => this.withKey(r, (k) => this.update(r, k)),
      // Recorded: DELETE answers 200 {"success":true}.
      [`DELETE ${key}`]: (r) => this.withKey(r, (k) => (this.keys.delete(k.id), { status: 200, body: { success: true } })),
      [`POST ${key}/generate_credentials`]: (r) => this.withKey(r, (k) => this.generate(k)),
    };
    const name = `${req.method} ${req.path.replace(/\/+$/, "")}`;
    const handler = table[name];
    return handler && { name, handle: (r) => handler(jsonOnly(r)) };
  }

  errorResponse(status: number, message?: string): EmulatedResponse {
    const codes: Record<number, string> = {
      400: "invalid_argument", 403: "permission_denied", 404: "route_not_found", 406: "task_queueing_error",
      422: "validation_error", 429: "rate_limit_reached", 503: "service_unavailable", 504: "network_error",
    };
    return error(status, codes[status] ?? "internal_server_error", message ?? `emulated ${status}`);
  }

  /** go-katapult maps this code; the description is Apia's wording (unverified: nothing is recorded). */
  unknownRoute(req: EmulatedRequest): EmulatedResponse {
    return error(404, "route_not_found", `No route matches '${req.path}' for ${req.method}`);
  }

  echoAuthResponse(status: number, authorization: string, token: string): EmulatedResponse {
    return error(status, `invalid_api_token_${token}`, `The API token in "${authorization}" was not valid`, { authorization, token });
  }

  readonly rateScope = () => "all";

  rateLimitResponse(limit: RateLimitState): EmulatedResponse {
    // No Retry-After: Katapult sends none (docs/api/katapult.md#rate-limits).
    return error(429, "rate_limit_reached", "You have reached the rate limit for this type of request", { total_permitted: limit.limit });
  }

  rateLimitHeaders(limit: RateLimitState): Record<string, string> {
    return katapultRateHeaders(limit);
  }

  commonHeaders(_req: EmulatedRequest, status: number): Record<string, string> {
    return katapultHeaders(status);
  }

  inventory(account?: string): Record<string, unknown>[] {
    return [...this.keys.values()]
      .filter((k) => account === undefined || this.visible(account, k))
      .map((k) => ({ ...render(k, true), organization_id: k.organization_id }));
  }

  edit(id: string, patch: Record<string, unknown>): boolean {
    const key = this.keys.get(id);
    if (!key) return false;
    if (typeof patch.name === "string") key.name = patch.name;
    for (const flag of FLAGS) if (typeof patch[flag] === "boolean") key[flag] = patch[flag] as boolean;
    if (Array.isArray(patch.read_buckets)) key.read_buckets = patch.read_buckets.map(String);
    if (Array.isArray(patch.write_buckets)) key.write_buckets = patch.write_buckets.map(String);
    if (typeof patch.rejections === "number") key.rejectionsLeft = patch.rejections;
    return true;
  }

  remove(id: string): boolean {
    return this.keys.delete(id);
  }

  /** A key made in the console: configured, with credentials unless `credentials: false`. */
  seed(fields: Record<string, unknown>): Record<string, unknown> {
    const org = this.organizations.find((o) => o.id === fields.organization_id) ?? this.organizations[0];
    const key = this.store(org.id, "uk-lon-1", { name: "console-key", ...fields }, { ...this.provisioning, createRejections: 0, createPendingMs: 0 });
    this.edit(key.id, fields);
    if (fields.credentials !== false) this.issueCredentials(key);
    // A key put back from a saved stack keeps its id and credentials (test/upgrade).
    if (typeof fields.id === "string") {
      this.keys.delete(key.id);
      key.id = fields.id;
      this.keys.set(key.id, key);
    }
    if (typeof fields.created_at === "number") key.created_at = fields.created_at;
    if (typeof fields.s3_access_key_id === "string") key.s3_access_key_id = fields.s3_access_key_id;
    if (typeof fields.s3_secret_access_key === "string") key.s3_secret_access_key = fields.s3_secret_access_key;
    return render(key, true);
  }

  reset(): void {
    this.keys.clear();
    this.accounts.reset();
    this.organizations = [...(this.options.organizations ?? KATAPULT_ORGANIZATIONS)];
    this.provisioning = { ...DEFAULT_PROVISIONING, ...this.options.provisioning };
    this.configureDelayMs = this.options.configureDelayMs ?? DEFAULT_CONFIGURE_DELAY_MS;
  }

  private create(req: EmulatedRequest): EmulatedResponse {
    const body = (req.body ?? {}) as Record<string, Record<string, unknown> | undefined>;
    if (!body.organization || !body.object_storage_cluster || !body.properties) {
      return missingArgument("organization, object_storage_cluster and properties are required");
    }
    const org = this.findOrganization(req, body.organization.id, body.organization.sub_domain);
    if ("status" in org) return org;
    const region = String(body.object_storage_cluster.region ?? "");
    if (!(region in KATAPULT_REGIONS)) return error(404, "object_storage_cluster_not_found", "No object storage cluster was found matching any of the criteria provided in the arguments");
    if (org.objectStorage === false) return error(404, "object_storage_account_not_found", "No object storage account was found matching any of the criteria provided in the arguments");
    const invalid = validateProperties(body.properties);
    if (invalid) return invalid;
    const key = this.store(org.id, region, body.properties, this.provisioning);
    key.configuredAt = key.pendingUntil + this.configureDelayMs;
    // Recorded: create answers 201 with `pending` and null credentials.
    return ok(201, key, false, "pending");
  }

  private update(req: EmulatedRequest, key: StoredKey): EmulatedResponse {
    const properties = (req.body as { properties?: Record<string, unknown> } | undefined)?.properties;
    if (!properties || properties.name === undefined) return missingArgument("properties.name is required");
    const invalid = validateProperties(properties);
    if (invalid) return invalid;
    if (this.refuseWhilePending(key)) return provisioningError();
    key.name = properties.name as string;
    for (const flag of FLAGS) if (typeof properties[flag] === "boolean") key[flag] = properties[flag] as boolean;
    key.pendingUntil = Date.now() + this.provisioning.updatePendingMs;
    key.rejectionsLeft += this.provisioning.updateRejections;
    key.configuredAt = key.pendingUntil + this.configureDelayMs;
    // Recorded (update_name): PATCH answers `pending`, a later GET `configured`.
    return ok(200, key, false, "pending");
  }

  private generate(key: StoredKey): EmulatedResponse {
    if (this.refuseWhilePending(key)) return provisioningError();
    this.issueCredentials(key);
    key.configuredAt = Date.now() + this.configureDelayMs;
    // Recorded (AccessKey_minimal): 200 with the secret while still `pending`, keys sorted.
    return { status: 200, body: { object_storage_access_key: sortedKeys(render(key, true, "pending")) } };
  }

  private list(req: EmulatedRequest): EmulatedResponse {
    const org = this.findOrganization(req, req.query.get("organization[id]") ?? undefined, req.query.get("organization[sub_domain]") ?? undefined);
    if ("status" in org) return org;
    const page = Number(req.query.get("page") ?? "1");
    const perPage = Number(req.query.get("per_page") ?? "30");
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1) {
      return error(400, "invalid_argument", "page and per_page must be integers of at least 1");
    }
    const all = [...this.keys.values()].filter((k) => k.organization_id === org.id);
    return {
      status: 200,
      body: {
        pagination: { current_page: page, total_pages: Math.ceil(all.length / perPage), total: all.length, per_page: perPage, large_set: false },
        object_storage_access_keys: all.slice((page - 1) * perPage, page * perPage).map((k) => render(k, false)),
      },
    };
  }

  /** Resolves the `access_key` lookup: `access_key[id]` in the query for GET, in the JSON body otherwise. */
  private withKey(req: EmulatedRequest, then: (key: StoredKey) => EmulatedResponse): EmulatedResponse {
    const lookup = req.method === "GET"
      ? (req.query.has("access_key[id]") ? { id: req.query.get("access_key[id]") } : undefined)
      : (req.body as { access_key?: { id?: unknown } } | undefined)?.access_key;
    if (!lookup) return missingArgument("access_key is required");
    const key = this.keys.get(String(lookup.id ?? ""));
    // Key ids are global, but another account's key is as missing as a deleted one.
    return key && this.visible(req.account, key) ? then(key) : error(404, "object_storage_access_key_not_found", "No object storage access key was found matching any of the criteria provided in the arguments.");
  }

  private findOrganization(req: EmulatedRequest, id: unknown, subDomain: unknown): KatapultOrganization | EmulatedResponse {
    if (id !== undefined && subDomain !== undefined) return error(400, "invalid_argument", "All 'organization[]' params are mutually exclusive, only one can be provided.");
    const org = this.organizations.find((o) => (id !== undefined ? o.id === id : o.sub_domain === subDomain) && this.accounts.sees(req.account, o.id, o.sub_domain));
    return org ?? error(404, "organization_not_found", "No organization was found matching any of the criteria provided in the arguments");
  }

  /** Whether an account sees a key: it sees the key's organization. */
  private visible(account: string | undefined, key: StoredKey): boolean {
    const org = this.organizations.find((o) => o.id === key.organization_id);
    return this.accounts.sees(account, key.organization_id, ...(org ? [org.sub_domain] : []));
  }

  private store(orgId: string, region: string, p: Record<string, unknown>, timing: KatapultProvisioning): StoredKey {
    const key: StoredKey = {
      id: `objkey_${randomString(16, ALPHANUMERIC)}`, organization_id: orgId, name: String(p.name), created_at: Math.floor(Date.now() / 1000), region,
      all_buckets_read: p.all_buckets_read === true, all_objects_read: p.all_objects_read === true, all_objects_write: p.all_objects_write === true,
      read_buckets: [], write_buckets: [], server_url: null, s3_access_key_id: null, s3_secret_access_key: null,
      pendingUntil: Date.now() + timing.createPendingMs, rejectionsLeft: timing.createRejections, configuredAt: 0,
    };
    this.keys.set(key.id, key);
    return key;
  }

  private issueCredentials(key: StoredKey): void {
    key.server_url = KATAPULT_REGIONS[key.region] ?? `${key.region}.katapultobjects.com:443`;
    key.s3_access_key_id = randomBytes(16).toString("hex");
    key.s3_secret_access_key = randomString(40, ALPHANUMERIC);
  }

  /** A call on a provisioning key is refused, and each refusal counts down the scripted ones. */
  private refuseWhilePending(key: StoredKey): boolean {
    if (!isPending(key)) return false;
    if (key.rejectionsLeft > 0) key.rejectionsLeft -= 1;
    return true;
  }
}
