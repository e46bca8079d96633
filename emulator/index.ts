/**
 * Builds an emulator serving every cloud of the registry (provider/clouds.ts), each from its
 * folder `emulator/<name>/` (clouds.ts). Adding a cloud adds nothing here. A cloud's own classes
 * and constants are imported from its folder, `emulator/<cloud>`.
 */
import { clouds } from "../provider/clouds";
import { EmulatedCloudOptions, emulatedCloud } from "./clouds";
import { Emulator, EmulatorOptions } from "./server";

export { Emulator } from "./server";
export type { EmulatorOptions, EmulatorSettings } from "./server";
export { emulatedCloud, registerEmulatedCloud, cloudWorkload } from "./clouds";
export type { EmulatedCloud, EmulatedCloudOptions } from "./clouds";
export { Accounts, DEFAULT_ACCOUNT } from "./accounts";
export type { AccountsOption, AccountSpec } from "./accounts";
export type { CloudModule, Fault, CloudName } from "./types";

/** The emulator's own options plus, under each cloud's name, that cloud's options: `{ <cloud>: { tokens: [...] } }`. */
export interface AllCloudsOptions extends EmulatorOptions {
  [cloud: string]: EmulatedCloudOptions | number | string | undefined;
}

export function createEmulator(options: AllCloudsOptions = {}): Emulator {
  const modules = clouds().map((cloud) => emulatedCloud(cloud.name).create(cloudOptions(options[cloud.name])));
  return new Emulator(modules, options);
}

function cloudOptions(value: AllCloudsOptions[string]): EmulatedCloudOptions | undefined {
  return typeof value === "object" ? value : undefined;
}
