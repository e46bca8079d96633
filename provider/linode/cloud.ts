/** Linode in the registry (provider/clouds.ts). Wire facts: docs/api/linode.md. */
import type { CloudDescriptor } from "../shared/cloud";
import { linodeProfile } from "./api";
import { linodeInventory } from "./inventory";
import { objectStorageKeyFields } from "./fields";
import { ObjectStorageKeyProvider } from "./provider";
import { LINODE_CREDENTIALS } from "./settings";

export const linodeCloud: CloudDescriptor = {
  name: "linode",
  title: "Linode",
  kinds: [{ kind: "linode:ObjectStorageKey", fields: objectStorageKeyFields, provider: () => new ObjectStorageKeyProvider() }],
  credentials: LINODE_CREDENTIALS,
  settings: [],
  profile: linodeProfile,
  apiNotes: "docs/api/linode.md",
  inventory: linodeInventory,
};
