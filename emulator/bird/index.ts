/** Bird in the emulator: `/bird/organizations/<id>/access-keys` as docs/api/bird.md describes. */
import type { EmulatedCloud } from "../clouds";
import { BirdCloud, BirdOptions, BIRD_EMULATOR_ORGANIZATION, BIRD_EMULATOR_TOKEN } from "./cloud";

export { BirdCloud, BIRD_EMULATOR_ORGANIZATION, BIRD_EMULATOR_TOKEN } from "./cloud";
export type { BirdOptions, BirdRoleField } from "./cloud";

export const emulated: EmulatedCloud = {
  // Bird's API has no version segment: `<emulator>/bird/organizations/...`.
  apiPath: "",
  create: (options?: BirdOptions) => new BirdCloud(options),
  stackSettings: { "bird:organizationId": BIRD_EMULATOR_ORGANIZATION },
  defaultToken: BIRD_EMULATOR_TOKEN,
};
