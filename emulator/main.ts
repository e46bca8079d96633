/**
 * `npm run emulator`: serves every cloud of the registry on loopback until interrupted.
 *   EMULATOR_PORT (default 4010).
 *   Each cloud's token variable (`credentials.token.envVar` of its descriptor): the token to accept,
 *   default the cloud's `defaultToken` (emulator/<cloud>/index.ts), which also lists the cloud's
 *   own variables (`mainOptions`).
 */
import { clouds } from "../provider/clouds";
import type { CloudDescriptor } from "../provider/shared/cloud";
import { AllCloudsOptions, createEmulator, emulatedCloud, Emulator } from "./index";

function options(env: NodeJS.ProcessEnv): AllCloudsOptions {
  const all: AllCloudsOptions = { port: Number(env.EMULATOR_PORT ?? 4010) };
  for (const cloud of clouds()) {
    const emulated = emulatedCloud(cloud.name);
    all[cloud.name] = { tokens: [env[cloud.credentials.token.envVar] || emulated.defaultToken], ...emulated.mainOptions?.(env) };
  }
  return all;
}

/**
 * `<Title>: <URL_VAR>=... <TOKEN_VAR>=... <SETTING_VAR>=...`: the variables that point a program at this cloud of
 * the emulator. A token taken from the environment is not echoed: it may be a real one.
 */
function cloudLine(cloud: CloudDescriptor, emulator: Emulator, width: number, env: NodeJS.ProcessEnv): string {
  const emulated = emulatedCloud(cloud.name);
  const { token, url } = cloud.credentials;
  const settings = Object.entries(emulated.stackSettings).map(([key, value]) => `${cloud.settings.find((s) => s.configKey === key)?.envVar ?? key}=${value}`);
  const tokenShown = env[token.envVar] ? "(as set)" : emulated.defaultToken;
  const vars = [`${url.envVar}=${emulator.url(cloud.name)}`, `${token.envVar}=${tokenShown}`, ...settings];
  return `  ${`${cloud.title}:`.padEnd(width + 2)}${vars.join(" ")}`;
}

async function main(): Promise<void> {
  const emulator = createEmulator(options(process.env));
  const url = await emulator.start();
  const width = Math.max(...clouds().map((c) => c.title.length));
  process.stdout.write(
    [
      `emulator listening on ${url}`,
      ...clouds().map((cloud) => cloudLine(cloud, emulator, width, process.env)),
      `  controls: ${url}/_emulator/counts, /_emulator/faults, /_emulator/settings, /_emulator/<cloud>/keys`,
      "",
    ].join("\n"),
  );
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
