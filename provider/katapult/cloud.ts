/** Katapult in the registry (provider/clouds.ts). Wire facts: docs/api/katapult.md. */
import type { CloudDescriptor } from "../shared/cloud";
import { katapultProfile } from "./api";
import { katapultInventory } from "./inventory";
import { accessKeyFields } from "./fields";
import { AccessKeyProvider } from "./provider";
import {
  KATAPULT_CREDENTIALS, KATAPULT_CREDENTIALS_TIMEOUT, KATAPULT_ORGANIZATION, KATAPULT_REGION, KATAPULT_WAIT_UNTIL_CONFIGURED,
} from "./settings";

export const katapultCloud: CloudDescriptor = {
  name: "katapult",
  title: "Katapult",
  kinds: [{ kind: "katapult:ObjectStorageAccessKey", fields: accessKeyFields, provider: () => new AccessKeyProvider() }],
  credentials: KATAPULT_CREDENTIALS,
  settings: [KATAPULT_ORGANIZATION, KATAPULT_REGION, KATAPULT_CREDENTIALS_TIMEOUT, KATAPULT_WAIT_UNTIL_CONFIGURED],
  profile: katapultProfile,
  apiNotes: "docs/api/katapult.md",
  inventory: katapultInventory,
};
