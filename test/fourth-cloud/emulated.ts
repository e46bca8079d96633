/**
 * The emulator's side of the test-only Widgets cloud (the API that api.ts describes), registered
 * with `registerEmulatedCloud` so that `createEmulator()` serves it under `/widgets/api` with the
 * emulator's shared faults, counters and rate limits, as it serves the built-in clouds.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Accounts } from "../../emulator/accounts";
import type { EmulatedCloud, EmulatedCloudOptions } from "../../emulator/clouds";
import type { CloudModule, EmulatedRequest, EmulatedResponse, Route } from "../../emulator/types";

interface StoredKey {
  id: string;
  name: string;
  scopes: string[];
  secret: string;
  createdAt: string;
}

const fault = (status: number, kind: string, text: string, field?: string): EmulatedResponse =>
  ({ status, body: { fault: { kind, text, ...(field ? { field } : {}) } } });
const SCOPES = ["read", "write"];

/** What a create or patch body gets wrong, as the cloud's 422. */
function invalid(body: Record<string, unknown>, creating: boolean): EmulatedResponse | undefined {
  if ((creating || "name" in body) && (typeof body.name !== "string" || body.name === "")) return fault(422, "invalid", "name is required", "name");
  const scopes = body.scopes;
  if ((creating || "scopes" in body) && (!Array.isArray(scopes) || scopes.length === 0 || scopes.some((s) => !SCOPES.includes(s)))) {
    return fault(422, "invalid", "scopes must be a non-empty list of read and write", "scopes");
  }
  return undefined;
}

export class WidgetsCloud implements CloudModule {
  readonly name = "widgets";
  readonly accounts: Accounts;
  private keys = new Map<string, StoredKey>();

  constructor(options: EmulatedCloudOptions = {}) {
    this.accounts = new Accounts(options.tokens, options.accounts, WIDGETS_DEFAULT_TOKEN);
  }

  authenticate(req: EmulatedRequest): EmulatedResponse | undefined {
    const header = String(req.headers.authorization ?? "");
    req.account = header.startsWith("Bearer ") ? this.accounts.of(header.slice(7)) : undefined;
    return req.account === undefined ? fault(401, "unauthenticated", "a valid Bearer token is required") : undefined;
  }

  route(req: EmulatedRequest): Route | undefined {
    const m = req.path.match(/^\/api\/keys(?:\/([^/]+))?\/?$/);
    if (!m) return undefined;
    const id = m[1] === undefined ? undefined : decodeURIComponent(m[1]);
    const name = `${req.method} /api/keys${id === undefined ? "" : "/{id}"}`;
    const handlers: Record<string, (r: EmulatedRequest) => EmulatedResponse> = id === undefined
      ? { GET: (r) => this.list(r), POST: (r) => this.create(r) }
      : { GET: () => this.withKey(id, (k) => ({ status: 200, body: render(k) })), PATCH: (r) => this.withKey(id, (k) => this.patch(r, k)),
        DELETE: () => this.withKey(id, (k) => (this.keys.delete(k.id), { status: 204 })) };
    const handler = handlers[req.method];
    return handler && { name, handle: handler };
  }

  errorResponse(status: number, message?: string): EmulatedResponse {
    return fault(status, status === 429 ? "slow_down" : status >= 500 ? "internal" : "refused", message ?? `emulated ${status}`);
  }

  unknownRoute(req: EmulatedRequest): EmulatedResponse {
    return fault(404, "no_route", `nothing at ${req.method} ${req.path}`);
  }

  echoAuthResponse(status: number, authorization: string): EmulatedResponse {
    return fault(status, "unauthenticated", `refused "${authorization}"`);
  }

  rateLimitResponse(): EmulatedResponse {
    return { ...fault(429, "slow_down", "too many requests"), headers: { "Retry-After": "1" } };
  }

  inventory(): Record<string, unknown>[] {
    return [...this.keys.values()].map((k) => ({ ...render(k), secret: k.secret }));
  }

  edit(id: string, patch: Record<string, unknown>): boolean {
    const key = this.keys.get(id);
    if (key && typeof patch.name === "string") key.name = patch.name;
    return key !== undefined;
  }

  remove(id: string): boolean {
    return this.keys.delete(id);
  }

  reset(): void {
    this.keys.clear();
    this.accounts.reset();
  }

  private create(req: EmulatedRequest): EmulatedResponse {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const problem = invalid(body, true);
    if (problem) return problem;
    const key: StoredKey = {
      id: randomUUID(), name: String(body.name), scopes: (body.scopes as string[]).map(String),
      secret: randomBytes(24).toString("base64url"), createdAt: new Date().toISOString(),
    };
    this.keys.set(key.id, key);
    return { status: 201, body: { key: render(key), secret: key.secret } };
  }

  private patch(req: EmulatedRequest, key: StoredKey): EmulatedResponse {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const problem = invalid(body, false);
    if (problem) return problem;
    if (typeof body.name === "string") key.name = body.name;
    if (Array.isArray(body.scopes)) key.scopes = body.scopes.map(String);
    return { status: 200, body: render(key) };
  }

  /** Cursor: the id of the last key of the previous page, in creation order. */
  private list(req: EmulatedRequest): EmulatedResponse {
    const all = [...this.keys.values()];
    const cursor = req.query.get("cursor");
    const start = cursor ? all.findIndex((k) => k.id === cursor) + 1 : 0;
    const limit = Number(req.query.get("limit") ?? "20");
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? page[page.length - 1].id : null;
    return { status: 200, body: { items: page.map(render), next } };
  }

  private withKey(id: string, then: (key: StoredKey) => EmulatedResponse): EmulatedResponse {
    const key = this.keys.get(id);
    return key ? then(key) : fault(404, "no_such_key", `no key ${id}`);
  }
}

const render = (k: StoredKey) => ({ id: k.id, name: k.name, scopes: [...k.scopes], createdAt: k.createdAt });

export const WIDGETS_DEFAULT_TOKEN = "widgets-emulator-token";

export const emulatedWidgets: EmulatedCloud = {
  apiPath: "/api",
  create: (options) => new WidgetsCloud(options),
  stackSettings: {},
  defaultToken: WIDGETS_DEFAULT_TOKEN,
};
