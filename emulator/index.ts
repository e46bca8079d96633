/**
 * Builds an emulator serving every cloud the package supports. Adding a cloud is one module
 * plus one line here.
 */
import { LinodeCloud, LinodeOptions } from "./linode";
import { KatapultCloud, KatapultOptions } from "./katapult";
import { BirdCloud, BirdOptions } from "./bird";
import { Emulator, EmulatorOptions } from "./server";

export { Emulator } from "./server";
export { LinodeCloud } from "./linode";
export { KatapultCloud } from "./katapult";
export { BirdCloud, BIRD_EMULATOR_ORGANIZATION } from "./bird";
export { Accounts, DEFAULT_ACCOUNT } from "./accounts";
export type { AccountsOption, AccountSpec } from "./accounts";
export type { Fault, CloudName } from "./types";

export interface AllCloudsOptions extends EmulatorOptions {
  linode?: LinodeOptions;
  katapult?: KatapultOptions;
  bird?: BirdOptions;
}

export function createEmulator(options: AllCloudsOptions = {}): Emulator {
  return new Emulator([new LinodeCloud(options.linode), new KatapultCloud(options.katapult), new BirdCloud(options.bird)], options);
}
