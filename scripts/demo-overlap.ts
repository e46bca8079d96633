/**
 * The demo's overlap step (docs/rotation-overlap.md), for each cloud whose key the program gives
 * `keepPreviousForHours` (it exports `<cloud>CurrentKeyId` for those): the key's outputs right
 * after a rotation that keeps the previous key, and after the `pulumi up` past `previousExpiresAt`
 * that deletes it, each with the cloud's API calls. Secrets are shown masked.
 */
import type { OutputMap, Stack } from "@pulumi/pulumi/automation";
import type { Emulator } from "../emulator";
import { clouds } from "../provider/clouds";

/** How long the demo keeps previous keys: long enough to see both keys, short enough to wait for. */
export const KEEP_PREVIOUS_MS = 15_000;

/** The clouds whose key keeps the previous one in the demo program. */
function overlapping(outputs: OutputMap) {
  return clouds().filter((c) => `${c.name}CurrentKeyId` in outputs);
}

/** Each such cloud's outputs (secrets masked), its keys in the emulator, and its API calls since the last reset. */
export function showOverlap(emulator: Emulator, outputs: OutputMap, after: string): void {
  for (const cloud of overlapping(outputs)) {
    const shown = Object.entries(outputs).filter(([k]) => k.startsWith(cloud.name)).map(([k, o]) =>
      `  ${k}: ${o.value === undefined || o.value === null ? "(unset)" : o.secret ? "[secret]" : JSON.stringify(o.value)}`);
    const keys = emulator.cloud(cloud.name).inventory().map((k) => k.id);
    const calls = Object.entries(emulator.requestCounts()).filter(([route]) => route.startsWith(`${cloud.name} `)).map(([route, n]) => `  ${route}: ${n}`);
    process.stdout.write(`${cloud.title} after ${after}:\n${shown.join("\n")}\n${cloud.title} keys in the emulator: ${JSON.stringify(keys)}\n` +
      `${cloud.title} API calls:\n${calls.length > 0 ? calls.join("\n") : "  none"}\n`);
  }
}

/**
 * Waits for the last `previousExpiresAt`, then runs `pulumi up` with a long `rotateAfterDays` (so
 * nothing is due again): the up deletes the previous keys and nothing else.
 */
export async function expirePrevious(emulator: Emulator, stack: Stack, stream: { onOutput: (s: string) => void }, outputs: OutputMap): Promise<void> {
  const expiresAt = Math.max(...overlapping(outputs).map((c) => Date.parse(String(outputs[`${c.name}PreviousExpiresAt`]?.value))));
  process.stdout.write(`\n\x1b[1m==> Waiting ${Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000))} s for the previous keys to expire, then pulumi up deletes them\x1b[0m\n`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 300));
  await stack.setConfig("rotateAfterDays", { value: "30" });
  emulator.resetCounts();
  const up = await stack.up(stream);
  showOverlap(emulator, up.outputs, "the expiry up");
}
