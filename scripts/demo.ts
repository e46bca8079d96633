/**
 * `npm run demo`: the root Pulumi project against the bundled emulator, with the real engine.
 *
 * Starts the emulator on loopback, uses a file backend in a temporary folder and a passphrase
 * secrets provider, then: pulumi up; an out-of-band edit in the emulator and pulumi refresh
 * showing the drift; a changed input updated in place; a scheduled rotation (a short
 * rotateAfterDays, a pause, an up that rotates, keeping the previous key for a few seconds
 * where the key takes keepPreviousForHours, then an up after that which deletes it:
 * scripts/demo-overlap.ts); pulumi destroy. Leaves no process, key, state or
 * stack file behind. The program (examples/all-clouds) exports `<cloud>KeyId` and
 * `rotatedAt.<cloud>` for every cloud; what the demo changes on each cloud (the out-of-band edit,
 * the in-place update) is the cloud's `workload.demo` (emulator/<cloud>/workload.ts).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, OutputMap, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { cloudWorkload, createEmulator, Emulator } from "../emulator";
import { clouds } from "../provider/clouds";
import type { CloudDescriptor } from "../provider/shared/cloud";
import type { DemoDrift } from "../emulator/workload";
import { demoConfig, demoEmulatorOptions } from "./demo-credentials";
import { KEEP_PREVIOUS_MS, expirePrevious, showOverlap } from "./demo-overlap";

const ROOT = path.resolve(__dirname, "..", "..");
const STACK = "demo";

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
const COLOR = process.stdout.isTTY === true && !process.env.NO_COLOR;

function step(title: string): void {
  process.stdout.write(COLOR ? `\n\x1b[1m==> ${title}\x1b[0m\n` : `\n==> ${title}\n`);
}

function pulumiRoot(): string {
  const out = execFileSync("bash", [path.join(ROOT, "scripts", "pulumi-cli.sh")], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  return out.trim().split("\n").pop()!;
}

function inventory(emulator: Emulator): string {
  return [...emulator.clouds.values()].map((c) => `${c.name}: ${c.inventory().length} key(s)`).join(", ");
}

async function run(emulator: Emulator, stack: Stack): Promise<void> {
  const stream = { onOutput: (s: string) => process.stdout.write(s), color: COLOR ? ("always" as const) : ("never" as const) };

  step("pulumi up: create one key on each cloud");
  const up = await stack.up(stream);
  process.stdout.write(`emulator now holds ${inventory(emulator)}\n`);
  process.stdout.write(`secret outputs are secret: ${Object.entries(up.outputs).filter(([, v]) => v.secret).map(([k]) => k).join(", ")}\n`);

  const drifts = drifted(up.outputs);
  for (const { cloud, id, drift } of drifts) {
    step(`Out-of-band edit: ${drift.describe}`);
    emulator.cloud(cloud.name).edit(id, { [drift.field]: drift.value });
    process.stdout.write(`${cloud.title} key ${id} ${drift.field} is now "${drift.value}"\n`);
  }

  step("pulumi refresh: the drift shows up");
  await stack.refresh({ ...stream, diff: true } as never);

  const changes = Object.entries(Object.assign({}, ...clouds().map((c) => cloudWorkload(c.name).demo.inPlaceChanges)) as Record<string, string>);
  step(`Change inputs: ${changes.map(([k, v]) => `${k}=${v}`).join(" and ")}, updated in place by pulumi up`);
  for (const [key, value] of changes) await stack.setConfig(key, { value });
  await stack.up({ ...stream, diff: true } as never);
  for (const { cloud, id, drift } of drifts) {
    const key = emulator.cloud(cloud.name).inventory().find((k) => String(k.id) === id);
    process.stdout.write(`${cloud.title} key ${id} ${drift.field}: ${key?.[drift.field]}\n`);
  }

  await rotate(emulator, stack, stream);

  step("pulumi destroy");
  await stack.destroy(stream);
  process.stdout.write(`emulator now holds ${inventory(emulator)}\n`);
}

/** The clouds whose demo edits a key out of band, with the key's id from the program's `<cloud>KeyId`. */
function drifted(outputs: OutputMap): { cloud: CloudDescriptor; id: string; drift: DemoDrift }[] {
  return clouds().flatMap((cloud) => {
    const drift = cloudWorkload(cloud.name).demo.drift;
    return drift ? [{ cloud, id: String(outputs[`${cloud.name}KeyId`].value), drift }] : [];
  });
}

/**
 * A rotateAfterDays that makes the keys fall due 25 s from now: setting it rotates nothing (the
 * `up` that sets it checks the keys before they fall due, on a loaded machine too), a pause, then
 * `pulumi up` rotates them.
 */
const DUE_IN_MS = 25_000;

async function rotate(emulator: Emulator, stack: Stack, stream: { onOutput: (s: string) => void }): Promise<void> {
  const issued = Object.values((await stack.outputs()).rotatedAt.value as Record<string, string>).map(Date.parse);
  const afterMs = Date.now() + DUE_IN_MS - Math.min(...issued);
  step(`Scheduled rotation: rotateAfterDays=${(afterMs / 86_400_000).toPrecision(3)} (${(afterMs / 1000).toFixed(1)} s). Setting it rotates nothing yet`);
  await stack.setConfig("rotateAfterDays", { value: String(afterMs / 86_400_000) });
  await stack.setConfig("keepPreviousForHours", { value: String(KEEP_PREVIOUS_MS / 3_600_000) });
  emulator.resetCounts();
  const before = await stack.up(stream);
  process.stdout.write(`API calls: ${Object.values(emulator.requestCounts()).reduce((a, b) => a + b, 0)}\n`);

  const dueAt = Math.max(...issued) + afterMs;
  step(`Waiting ${Math.max(0, Math.ceil((dueAt - Date.now()) / 1000))} s for the keys to fall due, then pulumi up (as a nightly CI job would)`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt - Date.now()) + 300));
  emulator.resetCounts();
  const after = await stack.up(stream);
  showOverlap(emulator, after.outputs, "the rotation");
  process.stdout.write(`emulator now holds ${inventory(emulator)}; rotatedAt ${JSON.stringify(before.outputs.rotatedAt.value)} -> ${JSON.stringify(after.outputs.rotatedAt.value)}\n`);
  const secrets = Object.keys(after.outputs).filter((k) => after.outputs[k].secret);
  process.stdout.write(`new secrets: ${secrets.filter((k) => !k.includes("Previous")).map((k) => `${k} ${after.outputs[k].value !== before.outputs[k].value ? "changed" : "UNCHANGED"}`).join(", ")}\n`);
  await expirePrevious(emulator, stack, stream, after.outputs);
}

async function main(): Promise<void> {
  step("Pulumi CLI");
  const root = pulumiRoot();
  const emulator = createEmulator(demoEmulatorOptions());
  const url = await emulator.start();
  process.stdout.write(`emulator listening on ${url}\n`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "access-keys-demo-"));
  const stackFile = path.join(ROOT, `Pulumi.${STACK}.yaml`);
  let stack: Stack | undefined;
  try {
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: STACK, workDir: ROOT },
      {
        pulumiCommand: await PulumiCommand.get({ root, skipVersionCheck: true }),
        envVars: {
          PULUMI_HOME: path.join(work, "home"),
          PULUMI_BACKEND_URL: `file://${work}`,
          PULUMI_CONFIG_PASSPHRASE: "demo-passphrase",
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        },
      },
    );
    await stack.setAllConfig(demoConfig(emulator));
    await run(emulator, stack);
  } finally {
    await stack?.workspace.removeStack(STACK, { force: true } as never).catch(() => undefined);
    fs.rmSync(stackFile, { force: true });
    fs.rmSync(work, { recursive: true, force: true });
    await emulator.stop();
  }
  step("Done: no keys, no state and no processes left behind");
}

main().catch((err) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
