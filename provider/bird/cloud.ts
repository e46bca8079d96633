/** Bird in the registry (provider/clouds.ts). Wire facts: docs/api/bird.md. */
import type { CloudDescriptor } from "../shared/cloud";
import { birdProfile } from "./api";
import { birdInventory } from "./inventory";
import { accessKeyFields } from "./fields";
import { AccessKeyProvider } from "./provider";
import { BIRD_CREDENTIALS, BIRD_ORGANIZATION_ID } from "./settings";

export const birdCloud: CloudDescriptor = {
  name: "bird",
  title: "Bird",
  kinds: [{ kind: "bird:AccessKey", fields: accessKeyFields, provider: () => new AccessKeyProvider() }],
  credentials: BIRD_CREDENTIALS,
  settings: [BIRD_ORGANIZATION_ID],
  profile: birdProfile,
  apiNotes: "docs/api/bird.md",
  inventory: birdInventory,
};
