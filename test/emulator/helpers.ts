/**
 * Helpers for the emulator's own tests: raw HTTP calls (the wire, not our client) and the
 * recorded cassettes in ../shared/api/recorded, read at run time and never copied here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Emulator } from "../../emulator";
import { CloudName } from "../../emulator/types";
import { TOKENS } from "../helpers/emulator";

export const AUTH: Record<CloudName, string> = {
  linode: `Bearer ${TOKENS.linode}`,
  katapult: `Bearer ${TOKENS.katapult}`,
  bird: `AccessKey ${TOKENS.bird}`,
};

export interface Answer { status: number; headers: Headers; text: string; json: any }

/** One request to a cloud path below its prefix (e.g. `/object-storage/keys` for Linode). */
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
