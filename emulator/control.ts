/**
 * The emulator's control plane over HTTP, under `/_emulator` (no auth: loopback only):
 *   GET    /_emulator/counts                 request counts per "<cloud> <route>"
 *   POST   /_emulator/reset                  clear counts, faults, limits and data
 *   POST   /_emulator/faults                 body: a Fault (see types.ts)
 *   POST   /_emulator/settings               body: {latencyMs?, rateLimits?: {<cloud>: {limit, windowMs}}, katapultConfigureDelayMs?}
 *   GET    /_emulator/<cloud>/keys           the cloud's keys in wire shape
 *   POST   /_emulator/<cloud>/keys           create a key out of band (body: wire fields)
 *   PATCH  /_emulator/<cloud>/keys/<id>      edit a key out of band (body: wire fields)
 *   DELETE /_emulator/<cloud>/keys/<id>      delete a key out of band
 */
import type { Emulator } from "./server";
import { CloudName, EmulatedResponse, Fault } from "./types";

export async function handleControl(emulator: Emulator, method: string, url: URL, rawBody: string): Promise<EmulatedResponse> {
  const body = rawBody ? JSON.parse(rawBody) : {};
  const parts = url.pathname.split("/").filter(Boolean).slice(1);
  const [first, second, id] = parts;
  if (first === "counts" && method === "GET") return ok(emulator.requestCounts());
  if (first === "reset" && method === "POST") return ok((emulator.reset(), {}));
  if (first === "faults" && method === "POST") return ok((emulator.inject(body as Fault), emulator.faults.remaining()));
  if (first === "settings" && method === "POST") {
    if (typeof body.latencyMs === "number") emulator.latencyMs = body.latencyMs;
    const katapult = emulator.clouds.get("katapult") as { configureDelayMs?: number } | undefined;
    if (katapult && typeof body.katapultConfigureDelayMs === "number") katapult.configureDelayMs = body.katapultConfigureDelayMs;
    for (const [cloud, l] of Object.entries((body.rateLimits ?? {}) as Record<string, { limit: number; windowMs?: number }>)) {
      emulator.rateLimits.set(cloud as CloudName, l.limit, l.windowMs);
    }
    return ok({});
  }
  const cloud = emulator.clouds.get(first as CloudName);
  if (cloud && second === "keys") {
    if (method === "GET" && !id) return ok(cloud.inventory());
    if (method === "POST" && !id && cloud.seed) return ok(cloud.seed(body));
    if (method === "PATCH" && id) return cloud.edit(id, body) ? ok({}) : missing();
    if (method === "DELETE" && id) return cloud.remove(id) ? ok({}) : missing();
  }
  return missing();
}

const ok = (body: unknown): EmulatedResponse => ({ status: 200, body });
const missing = (): EmulatedResponse => ({ status: 404, body: { error: "no such control or key" } });
