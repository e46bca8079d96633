/**
 * The emulator's control plane over HTTP, under `/_emulator` (no auth: loopback only):
 *   GET    /_emulator/counts                 request counts per "<cloud> <route>"
 *   POST   /_emulator/reset                  clear counts, faults, limits and data
 *   POST   /_emulator/faults                 body: a Fault (see types.ts)
 *   POST   /_emulator/settings               body: EmulatorSettings, e.g. {latencyMs?, <cloud><Setting>?,
 *                                            rateLimits?: {<cloud>: {limit, windowMs?, scope?: "read"|"write"}}}
 *   POST   /_emulator/settled                answers once work left running by `gateway` faults has landed
 *   GET    /_emulator/<cloud>/keys           the cloud's keys in wire shape (`?account=<name>`: one account's)
 *   POST   /_emulator/<cloud>/keys           create a key out of band (body: wire fields)
 *   PATCH  /_emulator/<cloud>/keys/<id>      edit a key out of band (body: wire fields)
 *   DELETE /_emulator/<cloud>/keys/<id>      delete a key out of band
 *   POST   /_emulator/<cloud>/accounts/<name>/tokens   body {token}: the account accepts a new token
 *   DELETE /_emulator/<cloud>/tokens/<token>           the token is refused from now on
 */
import type { Emulator, EmulatorSettings } from "./server";
import { CloudModule, EmulatedResponse, Fault } from "./types";

export async function handleControl(emulator: Emulator, method: string, url: URL, rawBody: string): Promise<EmulatedResponse> {
  const body = rawBody ? JSON.parse(rawBody) : {};
  const parts = url.pathname.split("/").filter(Boolean).slice(1);
  const [first, second, id] = parts;
  if (first === "counts" && method === "GET") return ok(emulator.requestCounts());
  if (first === "reset" && method === "POST") return ok((emulator.reset(), {}));
  if (first === "faults" && method === "POST") return ok((emulator.inject(body as Fault), emulator.faults.remaining()));
  if (first === "settings" && method === "POST") return ok((emulator.applySettings(body as EmulatorSettings), {}));
  if (first === "settled" && method === "POST") return ok((await emulator.settled(), {}));
  const cloud = emulator.clouds.get(first);
  if (cloud && second === "keys") {
    if (method === "GET" && !id) return ok(cloud.inventory(url.searchParams.get("account") ?? undefined));
    if (method === "POST" && !id && cloud.seed) return ok(cloud.seed(body));
    if (method === "PATCH" && id) return cloud.edit(id, body) ? ok({}) : missing();
    if (method === "DELETE" && id) return cloud.remove(id) ? ok({}) : missing();
  }
  if (cloud) return accountControl(cloud, method, parts.slice(1), body);
  return missing();
}

/** Token rotation from outside: `accounts/<name>/tokens` (add) and `tokens/<token>` (revoke). */
function accountControl(cloud: CloudModule, method: string, parts: string[], body: { token?: unknown }): EmulatedResponse {
  const [kind, name, sub] = parts;
  if (kind === "accounts" && sub === "tokens" && method === "POST" && typeof body.token === "string") {
    cloud.accounts.addToken(name, body.token);
    return ok({});
  }
  if (kind === "tokens" && method === "DELETE" && name) return cloud.accounts.revokeToken(decodeURIComponent(name)) ? ok({}) : missing();
  return missing();
}

const ok = (body: unknown): EmulatedResponse => ({ status: 200, body });
const missing = (): EmulatedResponse => ({ status: 404, body: { error: "no such control or key" } });
