/**
 * Linode's official API description in ../shared/api/recorded/linode (see its README), read at
 * run time by the Linode contract tests.
 */
import { recordedText, yaml } from "../helpers/recorded";

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
