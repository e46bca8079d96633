/**
 * Throwaway credentials the demo's emulator accepts. They are not secrets: the emulator is
 * loopback-only and forgets everything when the demo ends.
 */
import type { AllCloudsOptions } from "../emulator";

export const DEMO_TOKENS = {
  linode: "demo-linode-token",
};

export function demoCredentials(): AllCloudsOptions {
  return { linode: { tokens: [DEMO_TOKENS.linode] } };
}
