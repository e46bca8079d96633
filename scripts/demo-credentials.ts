/**
 * Throwaway credentials and settings for the demo's emulator, one set per cloud of the registry.
 * They are not secrets: the emulator is loopback-only and forgets everything when the demo ends.
 */
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { AllCloudsOptions, cloudWorkload, emulatedCloud, Emulator } from "../emulator";
import { clouds } from "../provider/clouds";
import { stackConfig } from "../provider/shared/cloud";

export const demoToken = (cloud: string): string => `demo-${cloud}-token`;

/** Each cloud accepts its demo token, with the cloud's demo options (e.g. real-time provisioning). */
export function demoEmulatorOptions(): AllCloudsOptions {
  return Object.fromEntries(clouds().map((c) => [c.name, { tokens: [demoToken(c.name)], ...cloudWorkload(c.name).demo.emulatorOptions }]));
}

/** Stack config pointing every cloud at the emulator; tokens are stored as secrets. */
export function demoConfig(emulator: Emulator): ConfigMap {
  return Object.assign({}, ...clouds().map((c) => stackConfig(c, emulator.url(c.name), demoToken(c.name), { ...emulatedCloud(c.name).stackSettings })));
}
