/**
 * A loopback HTTP server that serves each cloud under its own prefix (`/<cloud>/...`, the cloud's
 * API path below it, e.g. `/v4`) with the cloud's real paths, payloads, auth and error bodies, plus test controls: faults for the next N requests, latency, per-cloud rate limits,
 * request counters, and out-of-band edits. Controls are methods on `Emulator` (in-process) and
 * the same over HTTP under `/_emulator` (for `npm run emulator`).
 */
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { CLOCK_SKEW_MS, FaultQueue, GATEWAY_DELAY_MS, gatewayPage } from "./faults";
import { RateLimiter } from "./rate-limit";
import { handleControl } from "./control";
import { parseBody, readBody, send, sendGarbled, withHeaders } from "./wire";
import { emulatedCloud } from "./clouds";
import { CloudModule, CloudName, EmulatedRequest, EmulatedResponse, Fault, RateLimitState, Route } from "./types";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Delay added before every cloud request is handled. */
  latencyMs?: number;
}

/** Settings changeable while running, in-process (`applySettings`) or by `POST /_emulator/settings`. */
export interface EmulatorSettings {
  latencyMs?: number;
  /** Per cloud; `scope` targets one budget (e.g. `read` or `write`), default all of them. */
  rateLimits?: Record<CloudName, { limit: number; windowMs?: number; scope?: string } | undefined>;
  /** `<cloud>Xyz`: the cloud's own setting `xyz` (its module's `configure`), e.g. a provisioning delay. */
  [cloudSetting: string]: unknown;
}

/** Settings of the emulator itself; any other is a cloud's. */
const OWN_SETTINGS = new Set(["latencyMs", "rateLimits"]);

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
  private background = new Set<Promise<void>>();

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

  /** Base URL of one cloud's API: `<base>/<cloud><apiPath>` (clouds.ts). */
  url(cloud: CloudName): string {
    if (!this.baseUrl) throw new Error("emulator not started");
    if (!this.clouds.has(cloud)) throw new Error(`emulator has no cloud ${cloud}`);
    return `${this.baseUrl}/${cloud}${emulatedCloud(cloud).apiPath}`;
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

  /** Applies settings (the same as `POST /_emulator/settings`); `<cloud>Xyz` goes to that cloud as `xyz`. */
  applySettings(settings: EmulatorSettings): void {
    if (typeof settings.latencyMs === "number") this.latencyMs = settings.latencyMs;
    for (const [cloud, l] of Object.entries(settings.rateLimits ?? {})) {
      if (l) this.rateLimits.set(cloud, l.limit, l.windowMs, l.scope);
    }
    for (const [name, value] of Object.entries(settings)) {
      if (OWN_SETTINGS.has(name)) continue;
      const module = [...this.clouds.values()].find((m) => name.startsWith(m.name) && name.length > m.name.length);
      if (module?.configure) module.configure({ [name[module.name.length].toLowerCase() + name.slice(module.name.length + 1)]: value });
    }
  }

  /** Resolves once the work a `gateway` fault left running in the background has landed. */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const rawBody = await readBody(req);
      const url = new URL(req.url ?? "/", "http://emulator");
      if (url.pathname.startsWith("/_emulator")) return send(res, await handleControl(this, req.method ?? "GET", url, rawBody));
      const [, prefix, ...rest] = url.pathname.split("/");
      const cloud = this.clouds.get(prefix);
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

    const fault = this.faults.take(cloud.name, req.method, routeName, pathOf(req));
    if (fault?.kind === "drop") return void res.socket?.destroy();
    const proxied = proxyAnswer(fault);
    if (proxied) {
      if (fault?.kind === "gateway") this.performLater(cloud, req, route, fault.delayMs ?? GATEWAY_DELAY_MS);
      return send(res, proxied);
    }
    const skewMs = fault?.kind === "clock-skew" ? fault.skewMs ?? CLOCK_SKEW_MS : 0;
    const answer = (r: EmulatedResponse, limit?: RateLimitState) => send(res, this.decorate(cloud, req, r, limit, skewMs), cloud.serialize?.bind(cloud));
    const scope = cloud.rateScope?.(req) ?? "all";
    const budget = cloud.rateBudgets?.[scope];
    const made = fault && madeUpAnswer(cloud, req, fault);
    if (made) return answer(made, this.rateLimits.peek(cloud.name, Date.now(), scope, budget));
    if (fault?.kind === "clock-skew" && fault.limited !== false) {
      const window = { ...(budget ?? { limit: 1000, windowMs: 60_000 }), remaining: -1, resetAt: Date.now() + 1_000 };
      return answer(cloud.rateLimitResponse(window, Date.now()), window);
    }

    const limit = this.rateLimits.consume(cloud.name, Date.now(), scope, budget);
    if (limit && limit.remaining < 0) {
      this.rejections.set(cloud.name, this.rateLimitRejections(cloud.name) + 1);
      return answer(cloud.rateLimitResponse(limit, Date.now()), limit);
    }
    const denied = cloud.authenticate(req);
    if (denied) return answer(denied, limit);
    if (fault?.kind === "stall") await sleep(fault.ms);
    const response = route ? await route.handle(req) : cloud.unknownRoute(req);
    if (fault?.kind === "lost") return void res.socket?.destroy();
    if (fault?.kind === "garble") return sendGarbled(res, fault.mode);
    answer(response, limit);
  }

  /** Adds what the cloud puts on every answer: its common headers, rate-limit headers and the (maybe skewed) Date. */
  private decorate(cloud: CloudModule, req: EmulatedRequest, r: EmulatedResponse, limit: RateLimitState | undefined, skewMs: number): EmulatedResponse {
    const skewed = limit && { ...limit, resetAt: limit.resetAt + skewMs };
    return withHeaders(r, {
      ...(cloud.commonHeaders?.(req, r.status) ?? {}),
      ...(skewed && cloud.rateLimitHeaders ? cloud.rateLimitHeaders(skewed) : {}),
      ...r.headers,
      Date: new Date(Date.now() + skewMs).toUTCString(),
    });
  }

  /** The cloud performs a request a proxy already answered for (as a 504 that still lands). */
  private performLater(cloud: CloudModule, req: EmulatedRequest, route: Route | undefined, delayMs: number): void {
    const work: Promise<void> = sleep(delayMs)
      .then(async () => {
        if (!route || cloud.authenticate(req)) return;
        const scope = cloud.rateScope?.(req) ?? "all";
        this.rateLimits.consume(cloud.name, Date.now(), scope, cloud.rateBudgets?.[scope]);
        await route.handle(req);
      })
      .catch(() => undefined)
      .finally(() => this.background.delete(work));
    this.background.add(work);
  }
}

/** Answers from something in front of the cloud (a gateway or proxy): HTML, none of the cloud's headers. */
function proxyAnswer(fault: Fault | undefined): EmulatedResponse | undefined {
  const html = (status: number, body = gatewayPage(status)): EmulatedResponse => ({ status, body, headers: { "content-type": "text/html" } });
  if (fault?.kind === "gateway") return html(fault.status);
  if (fault?.kind === "html-404") return html(404, "<html>404</html>");
  if (fault?.kind === "status" && fault.html) return withHeaders(html(fault.status, `<html><body><h1>${fault.status}</h1>upstream error</body></html>`), retryAfter(fault.retryAfter));
  return undefined;
}

/** Error answers a fault makes up in the cloud's own shape, without the cloud acting. */
function madeUpAnswer(cloud: CloudModule, req: EmulatedRequest, fault: Fault): EmulatedResponse | undefined {
  // A scripted 404 is never the cloud confirming a key is gone: it is the cloud's unknown-route answer.
  if (fault.kind === "status" && fault.status === 404) return cloud.unknownRoute(req);
  if (fault.kind === "status") return withHeaders(cloud.errorResponse(fault.status), retryAfter(fault.retryAfter));
  if (fault.kind !== "echo-auth") return undefined;
  const authorization = String(req.headers.authorization ?? "");
  const token = authorization.replace(/^\S+\s+/, "");
  return cloud.echoAuthResponse(fault.status ?? 401, authorization, token);
}

const retryAfter = (value?: string): Record<string, string> => (value !== undefined ? { "Retry-After": value } : {});

function pathOf(req: EmulatedRequest): string {
  const query = req.query.toString();
  return query ? `${req.path}?${query}` : req.path;
}

export function sleep(ms: number): Promise<void> {
  // Unref: a stalled request must not keep a test process alive after the emulator stops.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
