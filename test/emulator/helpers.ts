/**
 * Helpers for the emulator's own tests: raw HTTP calls (the wire, not our client) and the
 * recorded cassettes in ../shared/api/recorded, read at run time and never copied here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Emulator } from "../../emulator";
import { CloudName } from "../../emulator/types";
import { clouds } from "../../provider/clouds";
import { authorization } from "../../provider/shared/cloud";
import { testToken } from "../helpers/emulator";

/** The Authorization value of each registered cloud's test token, by cloud name. */
export const AUTH: Readonly<Record<CloudName, string>> = Object.fromEntries(clouds().map((c) => [c.name, authorization(c, testToken(c.name))]));

export interface Answer { status: number; headers: Headers; text: string; json: any }

/** One request to a cloud path below its API path (`<emulator>/<cloud><apiPath>`). */
export async function call(emulator: Emulator, cloud: CloudName, method: string, pathAndQuery: string, body?: unknown, auth = AUTH[cloud]): Promise<Answer> {
  const res = await fetch(emulator.url(cloud) + pathAndQuery, {
    method,
    headers: { authorization: auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A call to the emulator's control API (`/_emulator/<path>`), as a test harness outside the process would make. */
export function control(emulator: Emulator, path: string, body: unknown): Promise<Response> {
  const origin = new URL(emulator.url(clouds()[0].name)).origin;
  return fetch(`${origin}/_emulator/${path}`, { method: "POST", body: JSON.stringify(body) });
}

/** One request to a full URL with an Authorization value; the JSON body parsed. */
export async function callUrl(url: string, authorization: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { ...init, headers: { authorization, "content-type": "application/json" } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export const RECORDED = path.resolve(__dirname, "..", "..", "..", "shared", "api", "recorded");
export const haveRecordings = fs.existsSync(RECORDED);

/** `it` when the recordings are present; otherwise a skipped test that says why. */
export const withRecordings: jest.It = haveRecordings ? it : (it.skip as jest.It);
if (!haveRecordings) console.warn(`recorded traffic not found at ${RECORDED}: comparisons with it are skipped`);

export interface Interaction { method: string; url: string; code: number; body: string }

/**
 * The interactions of a go-vcr cassette. Only what these tests need: request method and URL,
 * response code and body (a single-quoted YAML scalar whose line breaks fold into spaces).
 */
export function interactions(relative: string): Interaction[] {
  const text = fs.readFileSync(path.join(RECORDED, relative), "utf8");
  return text.split(/\n- request:\n/).slice(1).map((chunk) => {
    const [request, response] = chunk.split(/\n {2}response:\n/);
    return {
      method: /\n {4}method: (\S+)/.exec(request)![1],
      url: /\n {4}url: (\S+)/.exec(request)![1],
      code: Number(/\n {4}code: (\d+)/.exec(response)![1]),
      body: quoted(/^ {4}body: ('(?:[^']|'')*'|"")/m.exec(response)![1]),
    };
  });
}

function quoted(scalar: string): string {
  return scalar.slice(1, -1).replace(/\s*\n\s*/g, " ").replace(/''/g, "'");
}
