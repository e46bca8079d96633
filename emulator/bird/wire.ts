/**
 * Bird's payload rules and error bodies (../shared/api/recorded/bird/samples.md; error codes
 * other than InvalidPayload are unverified), roles and the opaque page tokens.
 */
import { randomString } from "../random";
import { EmulatedResponse } from "../types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The RoleReference of the samples: `{id, type: "organization" | "managed", workspaces: [uuid]}`. */
export interface RoleRef { id: string; type: "organization" | "managed"; workspaces: string[] }

/** Roles from a (validated) body: `roleRefs`, or the deprecated `roleIds` as organization roles with no workspaces. */
export function rolesOf(body: Record<string, unknown>): RoleRef[] | undefined {
  if (Array.isArray(body.roleRefs)) {
    return (body.roleRefs as Record<string, unknown>[]).map((r) => ({
      id: String(r.id), type: r.type === "managed" ? "managed" : "organization", workspaces: Array.isArray(r.workspaces) ? r.workspaces.map(String) : [],
    }));
  }
  return Array.isArray(body.roleIds) ? body.roleIds.map((id) => ({ id: String(id), type: "organization", workspaces: [] })) : undefined;
}

/** Field rules from the samples: name and description 1..256 (required on create), roleIds 1..5 UUIDs, roleRefs as RoleRef. */
export function validate(body: Record<string, unknown>, creating: boolean): Record<string, string[]> | undefined {
  const problems: Record<string, string[]> = {};
  for (const field of ["name", "description"]) {
    const v = body[field];
    if (v === undefined && !creating) continue;
    if (typeof v !== "string" || v.length < 1 || v.length > 256) problems[field] = ["must be a string of 1 to 256 characters"];
  }
  const ids = body.roleIds;
  const idsOk = Array.isArray(ids) && ids.length >= 1 && ids.length <= 5 && ids.every(isUuid);
  if (ids !== undefined && !idsOk) problems.roleIds = ["must be a list of 1 to 5 UUIDs"];
  if (body.roleRefs !== undefined && !roleRefsOk(body.roleRefs)) problems.roleRefs = ["must be a list of {id: uuid, type: organization|managed, workspaces?: uuid[]}"];
  if (ids !== undefined && body.roleRefs !== undefined) problems.roleIds = [...(problems.roleIds ?? []), "cannot be combined with roleRefs"];
  return Object.keys(problems).length > 0 ? problems : undefined;
}

function roleRefsOk(refs: unknown): boolean {
  if (!Array.isArray(refs)) return false;
  return refs.every((r: Record<string, unknown> | null) =>
    r !== null && typeof r === "object" && isUuid(r.id) && (r.type === "organization" || r.type === "managed") &&
    (r.workspaces === undefined || (Array.isArray(r.workspaces) && r.workspaces.every(isUuid))));
}

const isUuid = (v: unknown): boolean => typeof v === "string" && UUID.test(v);

export function randomToken(length: number): string {
  return randomString(length, TOKEN_ALPHABET);
}

export function encodeCursor(seq: number, reverse: boolean): string {
  return Buffer.from(JSON.stringify({ s: seq, r: reverse })).toString("base64url");
}

/** The position after which the next page starts; undefined for a malformed or foreign token. */
export function decodeCursor(token: string, reverse: boolean): number | undefined {
  try {
    const c = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { s?: unknown; r?: unknown };
    return Number.isInteger(c.s) && c.r === reverse ? (c.s as number) : undefined;
  } catch {
    return undefined;
  }
}

export function error(status: number, code: string, message: string, details?: Record<string, string[]>): EmulatedResponse {
  return { status, body: details ? { code, message, details } : { code, message } };
}

export const invalid = (details: Record<string, string[]>) => error(422, "InvalidPayload", "The request payload is invalid", details);
export const keyNotFound = () => error(404, "NotFound", "Access key not found");

/** Bird-style code per status (codes other than InvalidPayload are unverified). */
export function codeFor(status: number): string {
  const codes: Record<number, string> = {
    400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 409: "Conflict",
    422: "InvalidPayload", 429: "TooManyRequests", 503: "ServiceUnavailable",
  };
  return codes[status] ?? (status >= 500 ? "InternalServerError" : "Error");
}

export function defaultMessage(status: number): string {
  return status === 404 ? "Not found" : status === 429 ? "Too many requests" : status >= 500 ? "Something went wrong" : "Request failed";
}
