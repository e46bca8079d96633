/**
 * Reads the recorded real traffic and official API descriptions in ../shared/api/recorded (see
 * its README). Nothing from there is copied into this repository: tests read the files at run
 * time and skip, saying why, when the folder is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

// No @types for js-yaml: the one function used is typed here.
const yaml: { load(text: string): unknown } = require("js-yaml");

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

/** A go-vcr cassette (linodego's fixtures and Katapult's Terraform provider testdata). */
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

/**
 * Linode's OpenAPI fragment is a concatenation of raw YAML blocks (see its header), each
 * introduced by a `# --- ` comment line, so each block is parsed on its own.
 */
let openApiBlocks: { title: string; doc: Record<string, any> }[] | undefined;
export function linodeOpenApiBlocks(): { title: string; doc: Record<string, any> }[] {
  const text = recordedText("linode/openapi-object-storage-keys.yaml");
  return (openApiBlocks ??= text.split(/^(?=# --- )/m).slice(1).map((block) => ({
    title: block.slice(0, block.indexOf("\n")),
    doc: yaml.load(block) as Record<string, any>,
  })));
}

/** An operation of the newest fragment (Part A, v4.189.0: inline schemas, `/{apiVersion}` paths). */
export function linodeOperation(method: string, route: "/{apiVersion}/object-storage/keys" | "/{apiVersion}/object-storage/keys/{keyId}"): Record<string, any> {
  const block = linodeOpenApiBlocks().find((b) => b.doc.paths?.[route]);
  const op = block?.doc.paths[route][method.toLowerCase()];
  if (!op) throw new Error(`${method} ${route} is not in Linode's OpenAPI fragment`);
  return op;
}

/** The Part B `info.description` prose (Responses, Errors, Pagination, Rate Limiting). */
export function linodeApiProse(): string {
  const block = linodeOpenApiBlocks().find((b) => typeof b.doc.info?.description === "string");
  if (!block) throw new Error("no info.description block in Linode's OpenAPI fragment");
  return block.doc.info.description;
}

/** A documented Bird sample section: its HTTP request lines and its JSON blocks, parsed. */
export interface BirdSection {
  heading: string;
  /** The section's raw markdown. */
  text: string;
  http: string[];
  json: unknown[];
}

/** The sections of bird/samples.md (`## N. ...`), with every fenced block sorted by kind. */
export function birdSections(): BirdSection[] {
  const text = recordedText("bird/samples.md");
  return text.split(/^## /m).slice(1).map((section) => {
    const heading = section.slice(0, section.indexOf("\n")).trim();
    const blocks = [...section.matchAll(/^```(json)?\n([\s\S]*?)^```/gm)];
    return {
      heading,
      text: section,
      http: blocks.filter((b) => !b[1]).map((b) => b[2].split("\n")[0]),
      json: blocks.filter((b) => b[1]).map((b) => parseLenient(b[2])).filter((v) => v !== undefined),
    };
  });
}

/** The section whose heading starts with `prefix`, e.g. `2. Create access key`. */
export function birdSection(prefix: string): BirdSection {
  const found = birdSections().find((s) => s.heading.startsWith(prefix));
  if (!found) throw new Error(`bird/samples.md has no section "${prefix}"`);
  return found;
}

/** JSON, or a bare `"field": value` fragment wrapped in braces; undefined for a cut-off excerpt. */
function parseLenient(text: string): unknown {
  for (const candidate of [text, `{${text}}`]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next form
    }
  }
  return undefined;
}
