/**
 * One driver per cloud for the fault matrix: how to build its provider against the emulator,
 * valid inputs, an in-place change, and how to list what the cloud really holds.
 */
import { Emulator } from "../../emulator";
import { BIRD_EMULATOR_ORGANIZATION } from "../../emulator/bird";
import { KatapultCloud } from "../../emulator/katapult";
import { AccessKeyProvider as BirdProvider } from "../../provider/bird/provider";
import { AccessKeyProvider as KatapultProvider } from "../../provider/katapult/provider";
import { ObjectStorageKeyProvider as LinodeProvider } from "../../provider/linode/provider";
import { CloudName } from "../../emulator/types";
import { testContext, TOKENS } from "../helpers/emulator";

/** The Authorization value each driver sends (no error message may contain it). */
export const AUTHORIZATION: Record<CloudName, string> = {
  linode: `Bearer ${TOKENS.linode}`,
  katapult: `Bearer ${TOKENS.katapult}`,
  bird: `AccessKey ${TOKENS.bird}`,
};

export interface Driver {
  cloud: CloudName;
  label: string;
  /** Route substrings per operation, as the emulator names routes. */
  routes: Record<string, { method: string; route: string }>;
  provider(emulator: Emulator, timeoutMs: number): Provider;
  /** Puts the cloud in a deterministic state before a case. */
  prepare?(emulator: Emulator): void;
  inputs(): Record<string, unknown>;
  changed(inputs: Record<string, unknown>): Record<string, unknown>;
  /** Inputs that rotate the credentials in place, where the cloud supports it. */
  rotated?(inputs: Record<string, unknown>): Record<string, unknown>;
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
  provider: (emulator, timeoutMs) => new LinodeProvider(() => testContext(emulator.url("linode"), AUTHORIZATION.linode, fastPolicy(timeoutMs), { realSleep: true })),
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

const KATAPULT_ACCESS_KEY = "/core/v1/object_storage/access_keys/access_key";

const katapult: Driver = {
  cloud: "katapult",
  label: "Katapult",
  routes: {
    create: { method: "POST", route: "POST /core/v1/organizations/organization/object_storage/object_storage_cluster/access_keys" },
    read: { method: "GET", route: `GET ${KATAPULT_ACCESS_KEY}` },
    update: { method: "PATCH", route: `PATCH ${KATAPULT_ACCESS_KEY}` },
    delete: { method: "DELETE", route: `DELETE ${KATAPULT_ACCESS_KEY}` },
    credentials: { method: "POST", route: `POST ${KATAPULT_ACCESS_KEY}/generate_credentials` },
  },
  provider: (emulator, timeoutMs) =>
    new KatapultProvider(() => testContext(emulator.url("katapult"), AUTHORIZATION.katapult, fastPolicy(timeoutMs), { realSleep: true })),
  prepare: (emulator) => {
    emulator.cloud<KatapultCloud>("katapult").provisioning.createRejections = 0;
  },
  inputs: () => ({ logicalName: "matrix", organization: { subDomain: "emulator" }, allObjectsRead: true, rotation: 1 }),
  changed: (inputs) => ({ ...inputs, name: "matrix-renamed" }),
  rotated: (inputs) => ({ ...inputs, rotation: 2 }),
  inventoryIds: (emulator) => emulator.cloud("katapult").inventory().map((k) => String(k.id)),
};

const BIRD_KEY = "/organizations/{organizationId}/access-keys";

const bird: Driver = {
  cloud: "bird",
  label: "Bird",
  routes: {
    create: { method: "POST", route: `POST ${BIRD_KEY}` },
    read: { method: "GET", route: `GET ${BIRD_KEY}/{accessKeyId}` },
    update: { method: "PATCH", route: `PATCH ${BIRD_KEY}/{accessKeyId}` },
    delete: { method: "DELETE", route: `DELETE ${BIRD_KEY}/{accessKeyId}` },
  },
  provider: (emulator, timeoutMs) =>
    new BirdProvider(() => testContext(emulator.url("bird"), AUTHORIZATION.bird, fastPolicy(timeoutMs), { realSleep: true })),
  inputs: () => ({ logicalName: "matrix", organizationId: BIRD_EMULATOR_ORGANIZATION }),
  changed: (inputs) => ({ ...inputs, name: "matrix-renamed" }),
  inventoryIds: (emulator) => emulator.cloud("bird").inventory().map((k) => String(k.id)),
};

export const DRIVERS: Driver[] = [linode, katapult, bird];
