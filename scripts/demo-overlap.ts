/**
 * The demo's overlap step (docs/rotation-overlap.md): what Linode's key looks like right after a
 * rotation that keeps the previous key, and the `pulumi up` after `previousExpiresAt` that deletes
 * it, each with the API calls it made. Secrets are shown masked.
 */
import type { OutputMap, Stack } from "@pulumi/pulumi/automation";
import type { Emulator } from "../emulator";

/** How long the demo keeps Linode's previous key: long enough to see both keys, short enough to wait for. */
export const KEEP_PREVIOUS_MS = 15_000;

const LINODE_OUTPUTS = [
  "linodeKeyId", "linodeCurrentKeyId", "linodeAccessKey", "linodeSecretKey",
  "linodePreviousKeyId", "linodePreviousAccessKey", "linodePreviousSecretKey", "linodePreviousExpiresAt",
];

/** Linode's outputs (secrets masked), its keys in the emulator, and the API calls since the last reset. */
export function showOverlap(emulator: Emulator, outputs: OutputMap, after: string): void {
  const shown = LINODE_OUTPUTS.map((k) => {
    const o = outputs[k];
    const value = o === undefined || o.value === undefined ? "(unset)" : o.secret ? "[secret]" : JSON.stringify(o.value);
    return `  ${k}: ${value}`;
  });
  const keys = emulator.cloud("linode").inventory().map((k) => k.id);
  const calls = Object.entries(emulator.requestCounts()).filter(([route]) => route.startsWith("linode ")).map(([route, n]) => `  ${route}: ${n}`);
  process.stdout.write(`Linode after ${after}:\n${shown.join("\n")}\nLinode keys in the emulator: ${JSON.stringify(keys)}\n` +
    `Linode API calls:\n${calls.length > 0 ? calls.join("\n") : "  none"}\n`);
}

/**
 * Waits for Linode's `previousExpiresAt`, then runs `pulumi up` with a long `rotateAfterDays` (so
 * nothing is due again): the up deletes the previous key and nothing else.
 */
export async function expirePrevious(emulator: Emulator, stack: Stack, stream: { onOutput: (s: string) => void }, outputs: OutputMap): Promise<void> {
  const expiresAt = Date.parse(String(outputs.linodePreviousExpiresAt?.value));
  process.stdout.write(`\n\x1b[1m==> Waiting ${Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000))} s for Linode's previous key to expire, then pulumi up deletes it\x1b[0m\n`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 300));
  await stack.setConfig("rotateAfterDays", { value: "30" });
  emulator.resetCounts();
  const up = await stack.up(stream);
  showOverlap(emulator, up.outputs, "the expiry up");
}
