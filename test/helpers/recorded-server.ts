/**
 * A loopback server that plays back recorded interactions in order and records what our client
 * sent. A request must match the next interaction by method, path and every query parameter the
 * recording has (extra parameters are allowed and kept for assertions); anything else is answered
 * 400 and listed in `problems`, so a test fails on it without our client retrying.
 */
import { createServer, IncomingHttpHeaders, Server } from "node:http";
import { AddressInfo } from "node:net";
import { Interaction } from "./recorded";

export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
}

// Hop-by-hop and length headers describe the recorded transfer, not this one.
const DROPPED_HEADERS = new Set(["content-length", "connection", "transfer-encoding", "content-encoding", "keep-alive"]);

export class ReplayServer {
  readonly received: Received[] = [];
  readonly problems: string[] = [];
  private cursor = 0;
  private server?: Server;

  private constructor(private readonly script: Interaction[]) {}

  static async start(script: Interaction[]): Promise<ReplayServer> {
    const replay = new ReplayServer(script);
    replay.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const answer = replay.answer(req.method ?? "GET", req.url ?? "/", req.headers, Buffer.concat(chunks).toString("utf8"));
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => replay.server!.listen(0, "127.0.0.1", resolve));
    return replay;
  }

  /** Base URL for a client, e.g. `url("/v4beta")`. */
  url(prefix = ""): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}${prefix}`;
  }

  /** Interactions not played yet. */
  remaining(): Interaction[] {
    return this.script.slice(this.cursor);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private answer(method: string, target: string, headers: IncomingHttpHeaders, raw: string) {
    const url = new URL(target, "http://replay");
    this.received.push({ method, path: url.pathname, query: url.searchParams, headers, body: raw ? JSON.parse(raw) : undefined });
    const next = this.script[this.cursor];
    const mismatch = next ? describeMismatch(next, method, url) : "no recorded interaction left";
    if (mismatch) {
      this.problems.push(`${method} ${url.pathname}${url.search}: ${mismatch}`);
      return { status: 400, headers: { "content-type": "application/json" }, body: JSON.stringify({ replay: mismatch }) };
    }
    this.cursor++;
    const kept = Object.entries(next.headers).filter(([k]) => !DROPPED_HEADERS.has(k));
    return { status: next.status, headers: Object.fromEntries(kept), body: next.body };
  }
}

function describeMismatch(expected: Interaction, method: string, url: URL): string | undefined {
  if (expected.method !== method || expected.url.pathname !== url.pathname) {
    return `expected ${expected.method} ${expected.url.pathname}`;
  }
  for (const [name, value] of expected.url.searchParams) {
    if (url.searchParams.get(name) !== value) return `expected query ${name}=${value}`;
  }
  return undefined;
}

/** The recorded request body, parsed; undefined when the recording has none. */
export function recordedRequestBody(i: Interaction): unknown {
  return i.requestBody ? JSON.parse(i.requestBody) : undefined;
}
