/**
 * A loopback reverse proxy in front of the emulator that can answer some requests itself, as a
 * misconfigured gateway or CDN does (an HTML 404 for one path while the rest goes through).
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface ProxyRule {
  /** Requests this rule answers instead of the upstream. */
  matches(method: string, path: string): boolean;
  status: number;
  body: string;
  contentType?: string;
}

export interface Proxy {
  url: string;
  rules: ProxyRule[];
  stop(): Promise<void>;
}

export async function startProxy(upstream: string): Promise<Proxy> {
  const rules: ProxyRule[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void forward(req, Buffer.concat(chunks), res));
  });
  async function forward(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://proxy").pathname;
    const rule = rules.find((r) => r.matches(req.method ?? "GET", path));
    if (rule) {
      res.writeHead(rule.status, { "content-type": rule.contentType ?? "text/html" });
      return void res.end(rule.body);
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== "host" && k !== "content-length")) as Record<string, string>;
    const answer = await fetch(upstream + req.url, { method: req.method, headers, body: body.length ? body : undefined });
    const text = await answer.text();
    res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([k]) => k !== "content-length" && k !== "content-encoding")));
    res.end(text);
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    rules,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
