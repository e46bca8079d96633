/**
 * Builds an emulator serving every cloud the package supports. Adding a cloud is one module
 * plus one line here.
 */
import { LinodeCloud, LinodeOptions } from "./linode";
import { Emulator, EmulatorOptions } from "./server";

export { Emulator } from "./server";
export { LinodeCloud } from "./linode";
export type { Fault, CloudName } from "./types";

export interface AllCloudsOptions extends EmulatorOptions {
  linode?: LinodeOptions;
}

export function createEmulator(options: AllCloudsOptions = {}): Emulator {
  return new Emulator([new LinodeCloud(options.linode)], options);
}
