/**
 * Reads the recorded real traffic and official API descriptions in ../shared/api/recorded (see
 * its README). Nothing from there is copied into this repository: tests read the files at run
 * time and skip, saying why, when the folder is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

// No @types for js-yaml: the one function used is typed here.
export const yaml: { load(text: string): unknown } = require("js-yaml");

export const RECORDED_DIR = process.env.PULUMI_ACCESS_KEYS_RECORDED_DIR ?? path.resolve(__dirname, "../../..", "shared/api/recorded");
export const recordedAvailable = existsSync(RECORDED_DIR);
const SKIP_REASON = `skipped: recorded traffic not found at ${RECORDED_DIR} (expected ../shared/api/recorded next to the repository)`;

/** `describe` when the recordings are there, else `describe.skip` with the reason in its name. */
export function describeRecorded(name: string, body: () => void): void {
  if (recordedAvailable) describe(name, body);
  else {
    // Jest does not print the names of skipped suites, so say it once per suite.
    console.warn(`${name}: ${SKIP_REASON}`);
    describe.skip(`${name} (${SKIP_REASON})`, body);
  }
}

const texts = new Map<string, string>();

/** A recorded file's text, read once per test file. */
export function recordedText(relative: string): string {
  if (!texts.has(relative)) texts.set(relative, readFileSync(path.join(RECORDED_DIR, relative), "utf8"));
  return texts.get(relative)!;
}

/** One recorded request and its answer. Header names are lower-case; bodies are raw text. */
export interface Interaction {
  method: string;
  url: URL;
  requestBody: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface RawInteraction {
  request: { method: string; url: string; body?: string };
  response: { code: number; body?: string; headers?: Record<string, string[]> };
}

/** A go-vcr cassette (the recorded fixtures of the clouds' Go clients and Terraform providers). */
export function loadCassette(relative: string): Interaction[] {
  const doc = yaml.load(recordedText(relative)) as { interactions: RawInteraction[] };
  return doc.interactions.map(({ request, response }) => ({
    method: request.method,
    url: new URL(request.url),
    requestBody: request.body ?? "",
    status: response.code,
    headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v.join(", ")])),
    body: response.body ?? "",
  }));
}

export function bodyOf<T = Record<string, unknown>>(i: Interaction): T {
  return JSON.parse(i.body) as T;
}

/** JSON, or a bare `"field": value` fragment wrapped in braces; undefined for a cut-off excerpt. */
export function parseLenient(text: string): unknown {
  for (const candidate of [text, `{${text}}`]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next form
    }
  }
  return undefined;
}
