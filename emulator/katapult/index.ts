/**
 * Katapult in the emulator: `/katapult/core/v1/...` as docs/api/katapult.md describes, checked
 * against the OpenAPI extract in this folder (object-storage.openapi.json, made by extract-spec.js).
 */
import type { EmulatedCloud } from "../clouds";
import { KatapultCloud } from "./cloud";
import { KatapultOptions, KATAPULT_EMULATOR_TOKEN, KATAPULT_ORGANIZATIONS } from "./options";

export { KatapultCloud } from "./cloud";
export { DEFAULT_CONFIGURE_DELAY_MS, KATAPULT_EMULATOR_TOKEN, KATAPULT_ORGANIZATIONS, KATAPULT_REGIONS } from "./options";
export type { KatapultOptions, KatapultOrganization, KatapultProvisioning } from "./options";

export const emulated: EmulatedCloud = {
  apiPath: "/core/v1",
  create: (options?: KatapultOptions) => new KatapultCloud(options),
  stackSettings: { "katapult:organization": KATAPULT_ORGANIZATIONS[0].sub_domain },
  defaultToken: KATAPULT_EMULATOR_TOKEN,
  // Real-time provisioning, like the cloud (docs/api/katapult.md#provisioning: tens of seconds; shortened here).
  // KATAPULT_CONFIGURE_DELAY_MS: how long a key shows `pending` after credentials or a PATCH (the recorded cloud took about a second).
  mainOptions: (env) => ({
    provisioning: { createRejections: 0, createPendingMs: 3_000, updatePendingMs: 1_000 },
    configureDelayMs: Number(env.KATAPULT_CONFIGURE_DELAY_MS ?? 1_000),
  }),
};
