/**
 * One driver per cloud for the fault matrix: how to build its provider against the emulator,
 * valid inputs, an in-place change, and how to list what the cloud really holds.
 */
import { Emulator } from "../../emulator";
import { ObjectStorageKeyProvider as LinodeProvider } from "../../provider/linode/provider";
import { CloudName } from "../../emulator/types";
import { testContext, TOKENS } from "../helpers/emulator";

export interface Driver {
  cloud: CloudName;
  label: string;
  /** Route substrings per operation, as the emulator names routes. */
  routes: Record<string, { method: string; route: string }>;
  provider(emulator: Emulator, timeoutMs: number): Provider;
  inputs(): Record<string, unknown>;
  changed(inputs: Record<string, unknown>): Record<string, unknown>;
  /** Ids of keys the cloud holds. */
  inventoryIds(emulator: Emulator): string[];
}

export interface Provider {
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ inputs?: unknown; failures?: unknown[] }>;
  create(inputs: any): Promise<{ id: string; outs: any }>;
  read(id: string, props?: any): Promise<{ id: string; props: any }>;
  update(id: string, olds: any, news: any): Promise<{ outs: any }>;
  delete(id: string, props?: any): Promise<void>;
}

const linode: Driver = {
  cloud: "linode",
  label: "Linode",
  routes: {
    create: { method: "POST", route: "POST /v4/object-storage/keys" },
    read: { method: "GET", route: "GET /v4/object-storage/keys/{keyId}" },
    update: { method: "PUT", route: "PUT /v4/object-storage/keys/{keyId}" },
    delete: { method: "DELETE", route: "DELETE /v4/object-storage/keys/{keyId}" },
  },
  provider: (emulator, timeoutMs) => new LinodeProvider(() => testContext(emulator.url("linode"), `Bearer ${TOKENS.linode}`, fastPolicy(timeoutMs), { realSleep: true })),
  inputs: () => ({ logicalName: "matrix", bucketAccess: [{ bucketName: "bkt", region: "us-east", permissions: "read_only" }] }),
  changed: (inputs) => ({ ...inputs, label: "matrix-renamed" }),
  inventoryIds: (emulator) => emulator.cloud("linode").inventory().map((k) => String(k.id)),
};

/**
 * Real sleeps (a slow create must really get time to land) but short steps; a server-given
 * Retry-After of 1 s is honoured in full.
 */
export function fastPolicy(timeoutMs: number) {
  return { timeoutMs, baseDelayMs: 10, maxDelayMs: 1_000 };
}

export const DRIVERS: Driver[] = [linode];
