/**
 * Bytes on the wire: reading request bodies and writing answers, including the deliberately
 * broken ones (garbled bodies, proxy pages).
 */
import type * as http from "node:http";
import { EmulatedResponse } from "./types";

/** Writes an answer; a JSON body goes through the cloud's own serializer when it has one. */
export function send(res: http.ServerResponse, r: EmulatedResponse, serialize: (body: unknown) => string = JSON.stringify): void {
  const isText = typeof r.body === "string";
  const text = r.body === undefined ? "" : isText ? (r.body as string) : serialize(r.body);
  // Header names are matched case-insensitively by clients; modules spell content-type in lower case.
  res.writeHead(r.status, { ...(text ? { "content-type": isText ? "text/plain" : "application/json" } : {}), ...(r.headers ?? {}) });
  res.end(text);
}

export function sendGarbled(res: http.ServerResponse, mode: "truncated" | "html" | "wrong-shape", headers: Record<string, string> = {}): void {
  if (mode === "html") {
    res.writeHead(200, { ...headers, "content-type": "text/html" });
    return void res.end("<html><body>Service temporarily unavailable</body></html>");
  }
  res.writeHead(200, { ...headers, "content-type": "application/json" });
  res.end(mode === "truncated" ? '{"id": 1, "lab' : JSON.stringify({ unexpected: true, items: "none" }));
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function parseBody(raw: string): unknown {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export function withHeaders(r: EmulatedResponse, headers: Record<string, string>): EmulatedResponse {
  return { ...r, headers: { ...(r.headers ?? {}), ...headers } };
}
