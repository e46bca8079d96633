/**
 * Linode API v4 Object Storage keys, as the recorded traffic shows (docs/api/linode.md,
 * linodego cassettes of 2026): integer ids, the secret only in the create response
 * ("[REDACTED]" in GET, list and PUT answers), 200 for create, PUT and DELETE (`{}`),
 * `{errors:[{reason, field}]}` bodies, page/page_size pagination, Bearer tokens, an account cap of
 * 100 keys, JSON with spaced separators, and X-RateLimit-* headers on every answer (60 per minute
 * for key writes, 1840 for reads, counted apart).
 */
import { Accounts, AccountsOption, DEFAULT_ACCOUNT } from "../accounts";
import type { EmulatedCloudOptions } from "../clouds";
import { randomString } from "../random";
import { CloudModule, EmulatedRequest, EmulatedResponse, RateLimitState, Route } from "../types";
import { BucketAccess, bucketAccess, checkRegions, defaultReason, error, validateCreate } from "./payloads";
import { linodeHeaders, linodeJson, LINODE_BUDGETS, linodeRateHeaders, regionObjects, UNLIMITED_REGIONS } from "./wire";

/** The token `npm run emulator` accepts unless LINODE_TOKEN says otherwise. */
export const LINODE_EMULATOR_TOKEN = "linode-emulator-token";

interface StoredKey {
  /** Keys belong to the account whose token made them. */
  account: string;
  id: number;
  label: string;
  access_key: string;
  secret_key: string;
  limited: boolean;
  bucket_access: BucketAccess[] | null;
  regions: string[];
}

export interface LinodeOptions extends EmulatedCloudOptions {
  /** Tokens of one account. */
  tokens?: string[];
  /** Several accounts, by name: each its own tokens and keys (accounts.ts). */
  accounts?: AccountsOption;
  maxKeys?: number;
}

export class LinodeCloud implements CloudModule {
  readonly name = "linode" as const;
  readonly accounts: Accounts;
  /** Per account. */
  maxKeys: number;
  private keys = new Map<number, StoredKey>();
  private nextId = 10_001;

  constructor(options: LinodeOptions = {}) {
    this.accounts = new Accounts(options.tokens, options.accounts, LINODE_EMULATOR_TOKEN);
    this.maxKeys = options.maxKeys ?? 100;
  }

  authenticate(req: EmulatedRequest): EmulatedResponse | undefined {
    const header = String(req.headers.authorization ?? "");
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    req.account = this.accounts.of(token);
    return req.account !== undefined ? undefined : error(401, "Invalid Token");
  }

  route(req: EmulatedRequest): Route | undefined {
    const m = req.path.match(/^\/v4\/object-storage\/keys(?:\/([^/]+))?\/?$/);
    if (!m) return undefined;
    const id = m[1];
    if (id === undefined) {
      if (req.method === "GET") return { name: "GET /v4/object-storage/keys", handle: (r) => this.list(r) };
      if (req.method === "POST") return { name: "POST /v4/object-storage/keys", handle: (r) => this.create(r) };
      return undefined;
    }
    const handlers: Record<string, (r: EmulatedRequest, id: string) => EmulatedResponse> = {
      GET: (r, i) => this.view(r, i),
      PUT: (r, i) => this.update(r, i),
      DELETE: (r, i) => this.revoke(r, i),
    };
    const handler = handlers[req.method];
    return handler && { name: `${req.method} /v4/object-storage/keys/{keyId}`, handle: (r) => handler(r, id) };
  }

  readonly rateBudgets = LINODE_BUDGETS;

  /** Key writes and reads spend separate budgets (recorded X-Ratelimit-Limit 60 vs 1840). */
  rateScope(req: EmulatedRequest): string {
    return req.method === "GET" ? "read" : "write";
  }

  errorResponse(status: number, message?: string): EmulatedResponse {
    return error(status, message ?? defaultReason(status));
  }

  /** Recorded for a missing image (ExampleGetImage_missing): the generic 404 reason. */
  unknownRoute(): EmulatedResponse {
    return error(404, "Not found");
  }

  echoAuthResponse(status: number, authorization: string, token: string): EmulatedResponse {
    return error(status, `Invalid Token: the Authorization header "${authorization}" was not accepted`, token);
  }

  /** Recorded body (TestReservedIPAddresses_ExceedLimit); Retry-After counts seconds, so no clock is involved. */
  rateLimitResponse(limit: RateLimitState, now: number): EmulatedResponse {
    const wait = Math.max(1, Math.ceil((limit.resetAt - now) / 1000));
    return { ...error(429, "Too many requests"), headers: { "Retry-After": String(wait) } };
  }

  rateLimitHeaders(limit: RateLimitState): Record<string, string> {
    return linodeRateHeaders(limit);
  }

  commonHeaders(req: EmulatedRequest, status: number): Record<string, string> {
    return linodeHeaders(req.method, status);
  }

  serialize(body: unknown): string {
    return linodeJson(body);
  }

  inventory(account?: string): Record<string, unknown>[] {
    return [...this.keys.values()].filter((k) => account === undefined || k.account === account).map((k) => this.render(k, true));
  }

  edit(id: string, patch: Record<string, unknown>): boolean {
    const key = this.keys.get(Number(id));
    if (!key) return false;
    if (typeof patch.label === "string") key.label = patch.label;
    if (Array.isArray(patch.regions)) key.regions = patch.regions.map(String);
    if (Array.isArray(patch.bucket_access)) {
      key.bucket_access = (patch.bucket_access as StoredKey["bucket_access"])!.map((b) => bucketAccess(b));
      key.limited = true;
    }
    return true;
  }

  remove(id: string): boolean {
    return this.keys.delete(Number(id));
  }

  seed(fields: Record<string, unknown>): Record<string, unknown> {
    const account = typeof fields.account === "string" ? fields.account : (this.accounts.names()[0] ?? DEFAULT_ACCOUNT);
    const { account: _a, id, access_key, secret_key, ...wire } = fields;
    const created = this.create({ body: { label: "console-key", ...wire }, account } as EmulatedRequest);
    const key = created.status === 200 ? this.keys.get((created.body as { id: number }).id) : undefined;
    if (!key) return created.body as Record<string, unknown>;
    // A key put back from a saved stack keeps its id and secret (test/upgrade).
    this.keys.delete(key.id);
    if (typeof id === "number") key.id = id;
    if (typeof access_key === "string") key.access_key = access_key;
    if (typeof secret_key === "string") key.secret_key = secret_key;
    this.keys.set(key.id, key);
    this.nextId = Math.max(this.nextId, key.id + 1);
    return this.render(key, true);
  }

  reset(): void {
    this.keys.clear();
    this.accounts.reset();
  }

  private list(req: EmulatedRequest): EmulatedResponse {
    const page = Number(req.query.get("page") ?? "1");
    const pageSize = Number(req.query.get("page_size") ?? "100");
    if (!Number.isInteger(page) || page < 1) return error(400, "Must be an integer greater than 0", "page");
    if (!Number.isInteger(pageSize) || pageSize < 25 || pageSize > 500) return error(400, "Must be between 25 and 500", "page_size");
    const all = this.owned(req);
    const pages = Math.max(1, Math.ceil(all.length / pageSize));
    const data = all.slice((page - 1) * pageSize, page * pageSize).map((k) => this.render(k, false));
    // Key order as recorded: an empty list (TestAccountMaintenances_List) leads with `data`, a full one (TestObjectStorageKey_List) ends with it.
    const body = all.length === 0 ? { data, page, pages, results: 0 } : { pages, page, results: all.length, data };
    return { status: 200, body };
  }

  private create(req: EmulatedRequest): EmulatedResponse {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const invalid = validateCreate(body);
    if (invalid) return invalid;
    if (this.owned(req).length >= this.maxKeys) return error(400, `You may not have more than ${this.maxKeys} Object Storage keys.`);
    const buckets = body.bucket_access as { bucket_name: string; region: string; permissions: string }[] | undefined;
    const regions = body.regions as string[] | undefined;
    const key: StoredKey = {
      account: req.account ?? DEFAULT_ACCOUNT,
      id: this.nextId++,
      label: body.label as string,
      access_key: randomString(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
      secret_key: randomString(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
      limited: buckets !== undefined,
      bucket_access: buckets === undefined ? null : buckets.map((b) => bucketAccess(b)),
      // An unlimited key with no regions works everywhere; bucket regions are always added.
      regions: [...new Set([...(regions ?? (buckets ? [] : UNLIMITED_REGIONS)), ...(buckets ?? []).map((b) => b.region)])],
    };
    this.keys.set(key.id, key);
    return { status: 200, body: this.render(key, true) };
  }

  private view(req: EmulatedRequest, id: string): EmulatedResponse {
    const key = this.find(req, id);
    return key ? { status: 200, body: this.render(key, false) } : error(404, "The specified access key was not found.");
  }

  private update(req: EmulatedRequest, id: string): EmulatedResponse {
    const key = this.find(req, id);
    if (!key) return error(404, "The specified access key was not found.");
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.label !== undefined && (typeof body.label !== "string" || body.label.length < 3 || body.label.length > 50)) {
      return error(400, "Length must be 3-50 characters", "label");
    }
    if (body.regions !== undefined) {
      const bad = checkRegions(body.regions);
      if (bad) return bad;
      const regions = body.regions as string[];
      const missing = (key.bucket_access ?? []).find((b) => !regions.includes(b.region));
      if (missing) return error(400, `Regions must include every bucket's region (${missing.region})`, "regions");
      key.regions = [...new Set(regions)];
    }
    if (typeof body.label === "string") key.label = body.label;
    return { status: 200, body: this.render(key, false) };
  }

  private revoke(req: EmulatedRequest, id: string): EmulatedResponse {
    const key = this.find(req, id);
    return key && this.keys.delete(key.id) ? { status: 200, body: {} } : error(404, "The specified access key was not found.");
  }

  /** The caller's account's keys; another account's key is as missing as a deleted one. */
  private owned(req: EmulatedRequest): StoredKey[] {
    return [...this.keys.values()].filter((k) => k.account === (req.account ?? DEFAULT_ACCOUNT));
  }

  private find(req: EmulatedRequest, id: string): StoredKey | undefined {
    const key = this.keys.get(Number(id));
    return key && key.account === (req.account ?? DEFAULT_ACCOUNT) ? key : undefined;
  }

  /** The real secret appears only in the create response. */
  private render(key: StoredKey, withSecret: boolean): Record<string, unknown> {
    return {
      id: key.id,
      label: key.label,
      access_key: key.access_key,
      secret_key: withSecret ? key.secret_key : "[REDACTED]",
      limited: key.limited,
      bucket_access: key.bucket_access,
      regions: regionObjects(key.regions),
    };
  }
}
