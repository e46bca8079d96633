/**
 * What a Katapult emulator serves: its region, organizations and provisioning timing
 * (docs/api/katapult.md#provisioning), and the options that change them.
 */
import type { AccountsOption } from "../accounts";
import type { EmulatedCloudOptions } from "../clouds";

/** The token `npm run emulator` accepts unless KATAPULT_API_KEY says otherwise. */
export const KATAPULT_EMULATOR_TOKEN = "katapult-emulator-token";

export const KATAPULT_REGIONS: Record<string, string> = { "uk-lon-1": "uk-lon-1.katapultobjects.com:443" };

export interface KatapultOrganization {
  id: string;
  sub_domain: string;
  /** False: the organization has no object storage account (create answers 404 object_storage_account_not_found). */
  objectStorage?: boolean;
}

export const KATAPULT_ORGANIZATIONS: KatapultOrganization[] = [
  { id: "org_Emu1ator0000001", sub_domain: "emulator" },
  { id: "org_NoStorage000001", sub_domain: "no-storage", objectStorage: false },
];

/**
 * How long a key stays `pending`, by count (calls refused with 422, for tests on a fake clock)
 * and by real time (demos): after a create, and after a PATCH.
 */
export interface KatapultProvisioning {
  createRejections: number; createPendingMs: number; updateRejections: number; updatePendingMs: number;
}

export interface KatapultOptions extends EmulatedCloudOptions {
  /** Tokens of one account, which sees every organization. */
  tokens?: string[];
  /** Several accounts, by name: each its own tokens and organizations (ids or sub-domains; accounts.ts). */
  accounts?: AccountsOption;
  organizations?: KatapultOrganization[];
  provisioning?: Partial<KatapultProvisioning>;
  /** How long a key shows `pending` after credentials are generated or it is patched (default 0: until the next read). */
  configureDelayMs?: number;
}

/**
 * Zero: the answer that issues credentials (or a PATCH) says `pending`, the next read says
 * `configured`, as recorded, without a delay in real time that tests on a fake clock would spin
 * through. The real cloud took about a second (update_name cassette): the demo and
 * `npm run emulator` set a realistic delay.
 */
export const DEFAULT_CONFIGURE_DELAY_MS = 0;

export const DEFAULT_PROVISIONING: KatapultProvisioning = { createRejections: 2, createPendingMs: 0, updateRejections: 0, updatePendingMs: 0 };
