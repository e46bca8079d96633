/** Linode in the emulator: `/linode/v4/object-storage/keys` as docs/api/linode.md describes. */
import type { EmulatedCloud } from "../clouds";
import { LinodeCloud, LinodeOptions, LINODE_EMULATOR_TOKEN } from "./cloud";

export { LinodeCloud, LINODE_EMULATOR_TOKEN } from "./cloud";
export type { LinodeOptions } from "./cloud";
export { LINODE_REGIONS } from "./wire";

export const emulated: EmulatedCloud = {
  apiPath: "/v4",
  create: (options?: LinodeOptions) => new LinodeCloud(options),
  stackSettings: {},
  defaultToken: LINODE_EMULATOR_TOKEN,
};
