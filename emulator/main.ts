/**
 * `npm run emulator`: serves every cloud on loopback until interrupted.
 *   EMULATOR_PORT (default 4010), LINODE_TOKEN (token to accept, default linode-emulator-token).
 *   KATAPULT_API_KEY (token to accept, default katapult-emulator-token).
 *   BIRD_ACCESS_KEY (token to accept, default bird-emulator-token).
 *   KATAPULT_CONFIGURE_DELAY_MS (how long a key shows `pending` after credentials or a PATCH,
 *   default 1000: the recorded cloud took about a second).
 */
import { BIRD_EMULATOR_ORGANIZATION, createEmulator } from "./index";

async function main(): Promise<void> {
  const emulator = createEmulator({
    port: Number(process.env.EMULATOR_PORT ?? 4010),
    linode: { tokens: [process.env.LINODE_TOKEN ?? "linode-emulator-token"] },
    // Real-time provisioning, like the cloud (docs/api/katapult.md#provisioning: tens of seconds; shortened here).
    katapult: {
      tokens: [process.env.KATAPULT_API_KEY ?? "katapult-emulator-token"],
      provisioning: { createRejections: 0, createPendingMs: 3_000, updatePendingMs: 1_000 },
      configureDelayMs: Number(process.env.KATAPULT_CONFIGURE_DELAY_MS ?? 1_000),
    },
    bird: { tokens: [process.env.BIRD_ACCESS_KEY || "bird-emulator-token"] },
  });
  const url = await emulator.start();
  process.stdout.write(
    [
      `emulator listening on ${url}`,
      `  Linode:   LINODE_URL=${emulator.url("linode")}`,
      `  Katapult: KATAPULT_API_URL=${emulator.url("katapult")} KATAPULT_ORGANIZATION=emulator`,
      `  Bird:     BIRD_API_URL=${emulator.url("bird")} BIRD_ORGANIZATION_ID=${BIRD_EMULATOR_ORGANIZATION}`,
      `  controls: ${url}/_emulator/counts, /_emulator/faults, /_emulator/settings, /_emulator/<cloud>/keys`,
      "",
    ].join("\n"),
  );
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
