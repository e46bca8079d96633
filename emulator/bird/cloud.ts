/**
 * Bird organization access keys, as the cloud behaves (docs/api/bird.md):
 * `Authorization: AccessKey <token>`, UUID ids, create answering 201 `{accessKey, token}` with the
 * token shown only there (the record shows its last 6 characters as `suffix`), `{code, message,
 * details}` error bodies with 422 `InvalidPayload` for validation, cursor pagination with an
 * opaque `pageToken` and `reverse`, 204 on delete. A key's token authenticates too, and each use
 * bumps its `lastUsedAt`, as on the real service. Roles are `roleRefs: [{id, type, workspaces}]`
 * as the documented samples show (../shared/api/recorded/bird/samples.md); the deprecated
 * `roleIds` is still accepted and becomes organization roles with no workspaces.
 */
import { randomUUID } from "node:crypto";
import { Accounts, AccountsOption } from "../accounts";
import type { EmulatedCloudOptions } from "../clouds";
import { CloudModule, EmulatedRequest, EmulatedResponse, RateLimitState, Route } from "../types";
import { decodeCursor, encodeCursor, error, invalid, keyNotFound, randomToken, RoleRef, rolesOf, validate, codeFor, defaultMessage } from "./wire";

/** The organization the emulator serves unless told otherwise. */
export const BIRD_EMULATOR_ORGANIZATION = "2f7c1a9e-5b3d-4e8f-a1c2-7d9e0b4f6a13";

/** The token `npm run emulator` accepts unless BIRD_ACCESS_KEY says otherwise. */
export const BIRD_EMULATOR_TOKEN = "bird-emulator-token";

interface StoredKey {
  seq: number;
  id: string;
  organizationId: string;
  name: string;
  description: string;
  token: string;
  roleRefs: RoleRef[];
  lastUsedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * How records show roles. The samples show `roleRefs` (list, create); the PATCH field table
 * lists the deprecated `roleIds`; one GET sample shows full `roles` objects.
 */
export type BirdRoleField = "roleRefs" | "roleIds" | "roles" | "none";

export interface BirdOptions extends EmulatedCloudOptions {
  /** Tokens accepted besides those of the keys themselves, of one account that sees every organization. */
  tokens?: string[];
  /** Several accounts, by name: each its own tokens and organizations (accounts.ts). */
  accounts?: AccountsOption;
  /** Organizations that exist; any other answers 404. */
  organizations?: string[];
  roleField?: BirdRoleField;
}

type Handler = (req: EmulatedRequest, organizationId: string, id: string) => EmulatedResponse;

export class BirdCloud implements CloudModule {
  readonly name = "bird" as const;
  readonly accounts: Accounts;
  readonly organizations: Set<string>;
  roleField: BirdRoleField;
  private keys = new Map<string, StoredKey>();
  private seq = 0;

  constructor(options: BirdOptions = {}) {
    this.accounts = new Accounts(options.tokens, options.accounts, BIRD_EMULATOR_TOKEN);
    this.organizations = new Set((options.organizations ?? [BIRD_EMULATOR_ORGANIZATION]).map((o) => o.toLowerCase()));
    this.roleField = options.roleField ?? "roleRefs";
  }

  authenticate(req: EmulatedRequest): EmulatedResponse | undefined {
    const header = String(req.headers.authorization ?? "");
    const token = header.startsWith("AccessKey ") ? header.slice("AccessKey ".length) : "";
    req.account = this.accounts.of(token);
    if (req.account !== undefined) return undefined;
    const key = token ? [...this.keys.values()].find((k) => k.token === token) : undefined;
    if (!key) return error(401, "Unauthorized", "Invalid or missing access key");
    // A key's own token acts in its organization's account.
    req.account = this.accounts.owning(key.organizationId);
    key.lastUsedAt = new Date().toISOString();
    return undefined;
  }

  route(req: EmulatedRequest): Route | undefined {
    const m = req.path.match(/^\/organizations\/([^/]+)\/access-keys(?:\/([^/]+))?\/?$/);
    if (!m) return undefined;
    const organizationId = decodeURIComponent(m[1]).toLowerCase();
    const id = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
    const handlers: Record<string, Handler> =
      id === undefined
        ? { GET: (r, o) => this.list(r, o), POST: (r, o) => this.create(r, o) }
        : { GET: (_r, o, i) => this.view(o, i), PATCH: (r, o, i) => this.update(r, o, i), DELETE: (_r, o, i) => this.revoke(o, i) };
    const handler = handlers[req.method];
    if (!handler) return undefined;
    const name = `${req.method} /organizations/{organizationId}/access-keys${id === undefined ? "" : "/{accessKeyId}"}`;
    // An organization another account owns answers as one that does not exist.
    const known = (r: EmulatedRequest) => this.organizations.has(organizationId) && this.accounts.sees(r.account, organizationId);
    return { name, handle: (r) => (known(r) ? handler(r, organizationId, id ?? "") : error(404, "NotFound", "Organization not found")) };
  }

  errorResponse(status: number, message?: string): EmulatedResponse {
    return error(status, codeFor(status), message ?? defaultMessage(status));
  }

  unknownRoute(): EmulatedResponse {
    return error(404, "NotFound", "Not found");
  }

  echoAuthResponse(status: number, authorization: string, token: string): EmulatedResponse {
    return error(status, `Unauthorized:${token}`, `Invalid access key in "${authorization}"`, { authorization: [authorization, token] });
  }

  /** Retry-After in seconds: Bird's docs promise only a 429 (samples.md 8b). */
  rateLimitResponse(limit: RateLimitState, now: number): EmulatedResponse {
    const wait = Math.max(1, Math.ceil((limit.resetAt - now) / 1000));
    return { ...error(429, "TooManyRequests", "Too many requests"), headers: { "Retry-After": String(wait) } };
  }

  inventory(account?: string): Record<string, unknown>[] {
    return [...this.keys.values()]
      .filter((k) => account === undefined || this.accounts.sees(account, k.organizationId))
      .map((k) => ({ ...this.render(k), token: k.token }));
  }

  /** Out-of-band edit; `lastUsedAt`, `createdAt` and `updatedAt` may be set too (for tests). */
  edit(id: string, patch: Record<string, unknown>): boolean {
    const key = this.keys.get(id);
    if (!key) return false;
    const configured = ["name", "description", "roleIds", "roleRefs"].some((f) => f in patch);
    for (const field of ["name", "description", "lastUsedAt", "createdAt", "updatedAt"] as const) {
      if (field in patch) (key as unknown as Record<string, unknown>)[field] = patch[field];
    }
    const roles = rolesOf(patch);
    if (roles) key.roleRefs = roles;
    if (configured && !("updatedAt" in patch)) key.updatedAt = new Date().toISOString();
    return true;
  }

  /** The key was used (as by an application holding its token): bumps `lastUsedAt`. */
  touch(id: string, at: Date = new Date()): boolean {
    const key = this.keys.get(id);
    if (key) key.lastUsedAt = at.toISOString();
    return key !== undefined;
  }

  remove(id: string): boolean {
    return this.keys.delete(id);
  }

  /** A key made in the Bird dashboard; fields in wire shape, plus `organizationId`/`createdAt`. */
  seed(fields: Record<string, unknown>): Record<string, unknown> {
    const organizationId = String(fields.organizationId ?? [...this.organizations][0]).toLowerCase();
    const made = this.insert(organizationId, { name: "console-key", description: "Made in the Bird dashboard", ...fields });
    if (typeof fields.createdAt === "string") made.createdAt = made.updatedAt = fields.createdAt;
    // A key put back from a saved stack keeps its id and token (test/upgrade).
    if (typeof fields.id === "string") {
      this.keys.delete(made.id);
      made.id = fields.id;
      this.keys.set(made.id, made);
    }
    if (typeof fields.token === "string") made.token = fields.token;
    return { ...this.render(made), token: made.token };
  }

  reset(): void {
    this.keys.clear();
    this.accounts.reset();
    this.seq = 0;
  }

  private list(req: EmulatedRequest, organizationId: string): EmulatedResponse {
    const limit = Number(req.query.get("limit") ?? "10");
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalid({ limit: ["must be an integer from 1 to 100"] });
    const reverse = req.query.get("reverse") === "true";
    const pageToken = req.query.get("pageToken");
    const after = pageToken ? decodeCursor(pageToken, reverse) : undefined;
    if (pageToken && after === undefined) return invalid({ pageToken: ["is not a valid page token"] });
    const ordered = [...this.keys.values()]
      .filter((k) => k.organizationId === organizationId)
      .sort((a, b) => (reverse ? b.seq - a.seq : a.seq - b.seq))
      .filter((k) => after === undefined || (reverse ? k.seq < after : k.seq > after));
    const page = ordered.slice(0, limit);
    // An empty nextPageToken marks the last page (docs/api/bird.md#pagination: "empty or absent").
    const nextPageToken = ordered.length > limit ? encodeCursor(page[page.length - 1].seq, reverse) : "";
    return { status: 200, body: { results: page.map((k) => this.render(k)), nextPageToken } };
  }

  private create(req: EmulatedRequest, organizationId: string): EmulatedResponse {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const problems = validate(body, true);
    if (problems) return invalid(problems);
    const key = this.insert(organizationId, body);
    return { status: 201, body: { accessKey: this.render(key), token: key.token } };
  }

  private view(organizationId: string, id: string): EmulatedResponse {
    const key = this.find(organizationId, id);
    return key ? { status: 200, body: this.render(key) } : keyNotFound();
  }

  private update(req: EmulatedRequest, organizationId: string, id: string): EmulatedResponse {
    const key = this.find(organizationId, id);
    if (!key) return keyNotFound();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const problems = validate(body, false);
    if (problems) return invalid(problems);
    if (typeof body.name === "string") key.name = body.name;
    if (typeof body.description === "string") key.description = body.description;
    const roles = rolesOf(body);
    if (roles) key.roleRefs = roles;
    key.updatedAt = new Date().toISOString();
    return { status: 200, body: this.render(key) };
  }

  private revoke(organizationId: string, id: string): EmulatedResponse {
    const key = this.find(organizationId, id);
    if (!key) return keyNotFound();
    this.keys.delete(key.id);
    return { status: 204 };
  }

  private find(organizationId: string, id: string): StoredKey | undefined {
    const key = this.keys.get(id);
    return key && key.organizationId === organizationId ? key : undefined;
  }

  private insert(organizationId: string, fields: Record<string, unknown>): StoredKey {
    const now = new Date().toISOString();
    const key: StoredKey = {
      seq: ++this.seq, id: randomUUID(), organizationId,
      name: String(fields.name), description: String(fields.description),
      token: randomToken(36),
      roleRefs: rolesOf(fields) ?? [],
      lastUsedAt: null, createdAt: now, updatedAt: now,
    };
    this.keys.set(key.id, key);
    return key;
  }

  /** The record: never the token, only its last 6 characters. */
  private render(k: StoredKey): Record<string, unknown> {
    const refs = k.roleRefs.map((r) => ({ id: r.id, type: r.type, workspaces: [...r.workspaces] }));
    const roles =
      this.roleField === "roleRefs" ? { roleRefs: refs }
        : this.roleField === "roleIds" ? { roleIds: refs.map((r) => r.id) }
          : this.roleField === "roles" ? { roles: refs.map((r) => ({ id: r.id, organizationId: k.organizationId, type: r.type })) }
            : {};
    return {
      id: k.id, organizationId: k.organizationId, name: k.name, type: "user", description: k.description,
      suffix: k.token.slice(-6), lastUsedAt: k.lastUsedAt, createdAt: k.createdAt, updatedAt: k.updatedAt, ...roles,
    };
  }
}
