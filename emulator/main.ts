/**
 * `npm run emulator`: serves every cloud on loopback until interrupted.
 *   EMULATOR_PORT (default 4010), LINODE_TOKEN (token to accept, default linode-emulator-token).
 */
import { createEmulator } from "./index";

async function main(): Promise<void> {
  const emulator = createEmulator({
    port: Number(process.env.EMULATOR_PORT ?? 4010),
    linode: { tokens: [process.env.LINODE_TOKEN ?? "linode-emulator-token"] },
  });
  const url = await emulator.start();
  process.stdout.write(
    [
      `emulator listening on ${url}`,
      `  Linode:   LINODE_URL=${emulator.url("linode")}`,
      `  controls: ${url}/_emulator/counts, /_emulator/faults, /_emulator/<cloud>/keys`,
      "",
    ].join("\n"),
  );
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
