/**
 * Throwaway credentials and settings for the demo's emulator. They are not secrets: the emulator
 * is loopback-only and forgets everything when the demo ends.
 */
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { AllCloudsOptions, BIRD_EMULATOR_ORGANIZATION, Emulator } from "../emulator";

export const DEMO_TOKENS = {
  linode: "demo-linode-token",
  katapult: "demo-katapult-token",
  bird: "demo-bird-token",
};

export function demoEmulatorOptions(): AllCloudsOptions {
  return {
    linode: { tokens: [DEMO_TOKENS.linode] },
    // Katapult provisions for a while after a create (docs/api/katapult.md#provisioning: 30-45 s; 2 s here).
    // New credentials are configured a moment after they are issued (docs/api/katapult.md#states).
    katapult: {
      tokens: [DEMO_TOKENS.katapult], provisioning: { createRejections: 0, createPendingMs: 2_000, updatePendingMs: 500 }, configureDelayMs: 1_500,
    },
    bird: { tokens: [DEMO_TOKENS.bird] },
  };
}

/** Stack config pointing every cloud at the emulator; tokens are stored as secrets. */
export function demoConfig(emulator: Emulator): ConfigMap {
  return {
    "linode:token": { value: DEMO_TOKENS.linode, secret: true },
    "linode:url": { value: emulator.url("linode") },
    "katapult:apiKey": { value: DEMO_TOKENS.katapult, secret: true },
    "katapult:apiUrl": { value: emulator.url("katapult") },
    "katapult:organization": { value: "emulator" },
    "bird:accessKey": { value: DEMO_TOKENS.bird, secret: true },
    "bird:apiUrl": { value: emulator.url("bird") },
    "bird:organizationId": { value: BIRD_EMULATOR_ORGANIZATION },
  };
}
