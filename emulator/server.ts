/**
 * A loopback HTTP server that serves each cloud under its own prefix (`/linode/v4/...`,
 * `/katapult/core/v1/...`, `/bird/...`) with the cloud's real paths, payloads, auth and error
 * bodies, plus test controls: faults for the next N requests, latency, per-cloud rate limits,
 * request counters, and out-of-band edits. Controls are methods on `Emulator` (in-process) and
 * the same over HTTP under `/_emulator` (for `npm run emulator`).
 */
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FaultQueue } from "./faults";
import { RateLimiter } from "./rate-limit";
import { handleControl } from "./control";
import { CloudModule, CloudName, EmulatedRequest, EmulatedResponse, Fault } from "./types";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Delay added before every cloud request is handled. */
  latencyMs?: number;
}

export class Emulator {
  readonly clouds = new Map<CloudName, CloudModule>();
  readonly faults = new FaultQueue();
  readonly rateLimits = new RateLimiter();
  latencyMs: number;
  private counts = new Map<string, number>();
  private rejections = new Map<CloudName, number>();
  private server?: http.Server;
  private sockets = new Set<Socket>();
  private baseUrl?: string;

  constructor(modules: CloudModule[], private readonly options: EmulatorOptions = {}) {
    for (const m of modules) this.clouds.set(m.name, m);
    this.latencyMs = options.latencyMs ?? 0;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.dispatch(req, res));
    this.server.keepAliveTimeout = 5_000;
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.options.port ?? 0, this.options.host ?? "127.0.0.1", () => resolve());
    });
    const { port, address } = this.server.address() as AddressInfo;
    this.baseUrl = `http://${address}:${port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Base URL of one cloud's API, e.g. `http://127.0.0.1:4010/linode/v4`. */
  url(cloud: CloudName): string {
    if (!this.baseUrl) throw new Error("emulator not started");
    const suffix = { linode: "/linode/v4", katapult: "/katapult/core/v1", bird: "/bird" }[cloud];
    return this.baseUrl + suffix;
  }

  cloud<T extends CloudModule>(name: CloudName): T {
    const m = this.clouds.get(name);
    if (!m) throw new Error(`emulator has no cloud ${name}`);
    return m as T;
  }

  inject(fault: Fault): void {
    this.faults.add(fault);
  }

  /** Requests seen per `<cloud> <route>` since the last reset. */
  requestCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Total requests to one cloud (optionally one route substring). */
  count(cloud: CloudName, route = ""): number {
    let n = 0;
    for (const [k, v] of this.counts) if (k.startsWith(`${cloud} `) && k.includes(route)) n += v;
    return n;
  }

  /** Requests a cloud refused with its rate-limit answer since the last reset. */
  rateLimitRejections(cloud: CloudName): number {
    return this.rejections.get(cloud) ?? 0;
  }

  resetCounts(): void {
    this.counts.clear();
    this.rejections.clear();
  }

  /** Clears counters, faults, limits and every cloud's data, and undoes token rotations. */
  reset(): void {
    this.resetCounts();
    this.faults.clear();
    this.rateLimits.clear();
    this.latencyMs = this.options.latencyMs ?? 0;
    for (const m of this.clouds.values()) m.reset();
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const rawBody = await readBody(req);
      const url = new URL(req.url ?? "/", "http://emulator");
      if (url.pathname.startsWith("/_emulator")) return send(res, await handleControl(this, req.method ?? "GET", url, rawBody));
      const [, prefix, ...rest] = url.pathname.split("/");
      const cloud = this.clouds.get(prefix as CloudName);
      if (!cloud) return send(res, { status: 404, body: { error: `no cloud at /${prefix}` } });
      const request: EmulatedRequest = {
        method: req.method ?? "GET", path: "/" + rest.join("/"), query: url.searchParams,
        headers: req.headers, rawBody, body: parseBody(rawBody),
      };
      await this.serve(cloud, request, res);
    } catch (err) {
      send(res, { status: 500, body: { error: String(err) } });
    }
  }

  private async serve(cloud: CloudModule, req: EmulatedRequest, res: http.ServerResponse): Promise<void> {
    const route = cloud.route(req);
    const routeName = route?.name ?? `${req.method} (unknown route)`;
    const key = `${cloud.name} ${routeName}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.latencyMs > 0) await sleep(this.latencyMs);

    const fault = this.faults.take(cloud.name, req.method, routeName);
    if (fault?.kind === "drop") return void res.socket?.destroy();
    if (fault?.kind === "status") return send(res, statusFault(cloud, fault.status, fault.retryAfter, fault.html));

    const limit = this.rateLimits.consume(cloud.name);
    const limitHeaders = limit && cloud.rateLimitHeaders ? cloud.rateLimitHeaders(limit) : {};
    if (limit && limit.remaining < 0) {
      this.rejections.set(cloud.name, this.rateLimitRejections(cloud.name) + 1);
      return send(res, withHeaders(cloud.rateLimitResponse(limit), limitHeaders));
    }

    const denied = cloud.authenticate(req);
    if (denied) return send(res, withHeaders(denied, limitHeaders));
    if (fault?.kind === "stall") await sleep(fault.ms);
    const response = route ? await route.handle(req) : cloud.errorResponse(404, "Not found");
    if (fault?.kind === "lost") return void res.socket?.destroy();
    if (fault?.kind === "garble") return sendGarbled(res, fault.mode);
    send(res, withHeaders(response, limitHeaders));
  }
}

function statusFault(cloud: CloudModule, status: number, retryAfter?: string, html?: boolean): EmulatedResponse {
  const headers: Record<string, string> = retryAfter !== undefined ? { "retry-after": retryAfter } : {};
  if (html) return { status, body: `<html><body><h1>${status}</h1>upstream error</body></html>`, headers: { ...headers, "content-type": "text/html" } };
  return withHeaders(cloud.errorResponse(status), headers);
}

function withHeaders(r: EmulatedResponse, headers: Record<string, string>): EmulatedResponse {
  return { ...r, headers: { ...(r.headers ?? {}), ...headers } };
}

function send(res: http.ServerResponse, r: EmulatedResponse): void {
  const isText = typeof r.body === "string";
  const text = r.body === undefined ? "" : isText ? (r.body as string) : JSON.stringify(r.body);
  res.writeHead(r.status, {
    ...(text ? { "content-type": isText ? "text/plain" : "application/json" } : {}),
    ...(r.headers ?? {}),
  });
  res.end(text);
}

function sendGarbled(res: http.ServerResponse, mode: "truncated" | "html" | "wrong-shape"): void {
  if (mode === "html") {
    res.writeHead(200, { "content-type": "text/html" });
    return void res.end("<html><body>Service temporarily unavailable</body></html>");
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(mode === "truncated" ? '{"id": 1, "lab' : JSON.stringify({ unexpected: true, items: "none" }));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(raw: string): unknown {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export function sleep(ms: number): Promise<void> {
  // Unref: a stalled request must not keep a test process alive after the emulator stops.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
