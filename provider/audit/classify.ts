/**
 * Tells each listed key `managed` (its id is a resource's in a named stack) or `unmanaged`, with
 * hints a person can act on: where a managed key lives; for an unmanaged one, whether an
 * interrupted `pulumi up` left it (a pending create of that name), whether its name has the
 * shape of this package's auto-names (`<logical name>-<suffix>`, shared/naming.ts) and which
 * resource it is named after, when the cloud says it was made and last used, and the commands
 * that adopt or delete it. Hints come from names and ids only, never from bookkeeping outputs.
 */
import type { CloudDescriptor } from "../shared/cloud";
import { autoNamePrefix } from "../shared/naming";
import { StackKey, StackState, stackOfUrn } from "./deployment";
import type { Found } from "./listing";

export interface ResourceRef {
  stack: string;
  urn: string;
}

export interface KeyHints {
  /** Managed: the stacks and resources that hold the key. */
  managedBy?: ResourceRef[];
  /** A create `pulumi up` started with this name and never recorded: the run was interrupted. */
  interruptedCreate?: ResourceRef;
  /** The logical name the key's name starts with, when it has the shape of an auto-name. */
  autoNamedAs?: string;
  /** Resources in the stacks with that logical name. */
  namedAfter?: ResourceRef[];
  createdAt?: string;
  lastUsedAt?: string;
  /** Which of adopting or deleting fits, and why, when the hints say. */
  advice?: string;
  /** Program code that adopts the key (`existingKeyId`), then `pulumi up`. */
  adopt?: string;
  /** The same with the provider plugin (`pulumi-resource-access-keys`) installed. */
  import?: string;
  /** The cloud's own way to delete it. */
  delete?: string;
}

export type KeyStatus = "managed" | "unmanaged";

/** A key as `--json` prints it. */
export interface AuditedKey {
  cloud: string;
  account: string;
  id: string;
  name: string;
  status: KeyStatus;
  hints: KeyHints;
}

export interface AuditRow {
  cloud: CloudDescriptor;
  /** The account (and organization) listing it: one table each, in the order they were found. */
  group: number;
  key: AuditedKey;
}

const ref = (key: StackKey): ResourceRef => ({ stack: stackOfUrn(key.urn), urn: key.urn });

/** A TypeScript object literal: `{ existingKeyId: "1", region: "x" }`. */
function literal(value: unknown): string {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** A logical name that an auto-name may start with: the name itself, or its start when it was trimmed. */
function namedAfter(prefix: string, logicalName: string): boolean {
  return logicalName === prefix || (prefix.length >= 24 && logicalName.startsWith(prefix));
}

function actions(found: Found, resourceName: string): Pick<KeyHints, "adopt" | "import" | "delete"> {
  const { account, key, scope } = found;
  const kind = account.cloud.kinds[0].kind;
  const args = literal({ existingKeyId: key.id, ...key.adoptArgs });
  const credentials = account.viaCredentials ? ` (plus the same \`credentials\` as ${account.label.replace(/^credentials of /, "")})` : "";
  const target = { url: account.shownUrl ?? `$${account.cloud.credentials.url.envVar}`, tokenVar: account.cloud.credentials.token.envVar };
  return {
    adopt: `new ${kind.replace(":", ".")}(${JSON.stringify(resourceName)}, ${args})${credentials}, then \`pulumi up\``,
    import: `pulumi import access-keys:${kind} ${resourceName} ${key.id}`,
    delete: account.inventory.deleteCommand(key, scope, target),
  };
}

function unmanagedHints(found: Found, stacks: readonly StackState[]): KeyHints {
  const { cloud, inventory } = found.account;
  const mine = (keys: StackKey[]) => keys.filter((k) => k.cloud === cloud);
  const name = found.key.name;
  const interrupted = stacks.flatMap((s) => mine(s.pendingCreates)).find((k) => k.inputs[inventory.nameField] === name);
  const prefix = autoNamePrefix(name);
  const candidates = stacks.flatMap((s) => [...mine(s.keys), ...mine(s.pendingCreates)]);
  const urns = prefix === undefined ? [] : [...new Set(candidates.filter((k) => namedAfter(prefix, k.logicalName)).map((k) => k.urn))];
  const after = urns.map((urn) => candidates.find((k) => k.urn === urn)!).map(ref);
  const suggested = interrupted?.logicalName ?? prefix ?? name.replace(/[^A-Za-z0-9_-]+/g, "-");
  // A logical name a stack already uses would clash with that resource.
  const resourceName = stacks.some((s) => s.keys.some((k) => k.logicalName === suggested)) ? `${suggested}-adopted` : suggested;
  const remade = interrupted && stacks.some((s) => s.keys.some((k) => k.urn === interrupted.urn));
  return {
    ...(interrupted ? { interruptedCreate: ref(interrupted) } : {}),
    ...(prefix !== undefined ? { autoNamedAs: prefix } : {}),
    ...(after.length > 0 ? { namedAfter: after } : {}),
    ...dates(found),
    ...(remade ? { advice: `delete it: no stack holds its secret, and ${interrupted.logicalName} in stack ${ref(interrupted).stack} holds the key a later \`pulumi up\` made instead` } : {}),
    ...actions(found, resourceName),
  };
}

function dates(found: Found): Pick<KeyHints, "createdAt" | "lastUsedAt"> {
  const { createdAt, lastUsedAt } = found.key;
  return { ...(createdAt ? { createdAt } : {}), ...(lastUsedAt ? { lastUsedAt } : {}) };
}

/**
 * The keys a resource holds: its id, plus the key in use (`keyId`) and the previous key
 * (`previousKeyId`) once a rotation kept the previous key in the same resource (docs/rotation-overlap.md).
 */
function heldIds(key: StackKey): string[] {
  const ids = [key.id, key.outputs.keyId, key.outputs.previousKeyId].filter((v) => typeof v === "string" || typeof v === "number");
  return [...new Set(ids.map(String))];
}

/** Every listed key with its status and hints, unmanaged first within each account. */
export function classify(found: readonly Found[], stacks: readonly StackState[]): AuditRow[] {
  const managed = new Map<string, ResourceRef[]>();
  for (const stack of stacks) {
    for (const key of stack.keys) {
      for (const held of heldIds(key)) {
        const id = `${key.cloud.name} ${held}`;
        managed.set(id, [...(managed.get(id) ?? []), ref(key)]);
      }
    }
  }
  const rows = found.map((f): AuditRow => {
    const holders = managed.get(`${f.account.cloud.name} ${f.key.id}`);
    const base = { cloud: f.account.cloud.name, account: f.where, id: f.key.id, name: f.key.name };
    return {
      cloud: f.account.cloud,
      group: f.group,
      key: holders
        ? { ...base, status: "managed", hints: { managedBy: holders, ...dates(f) } }
        : { ...base, status: "unmanaged", hints: unmanagedHints(f, stacks) },
    };
  });
  const order = (r: AuditRow) => [r.key.status === "unmanaged" ? 0 : 1, r.key.name, r.key.id] as const;
  return rows.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2].localeCompare(y[2]);
  });
}
