/**
 * A real cloud's bad day, part 2, through the real engine, on every cloud of the registry (one
 * stack on one emulator). What only one cloud has is in its own folder
 * (`test/<cloud>/bad-day-engine.test.ts`).
 * - A 5xx the cloud did not act on hits the create of a same-name replacement (a due rotation of
 *   a key seconds old, on each cloud that rotates by replacing the key): the create is sent again,
 *   and the live key is never taken for the lost one.
 * - A blank name or label (each cloud's name field, from its harness) fails preview, naming the
 *   field, before any API call.
 */
import { Emulator } from "../../emulator";
import { DAY_MS } from "../../provider/shared/rotation";
import { inventoryIds, storedSecrets, testedClouds, tokenOf } from "../helpers/clouds";
import { expectNoLeaks, recording } from "../helpers/engine";
import { startEmulator } from "../helpers/emulator";
import { failure, KeyOutputs, KeysStack, keysStack } from "../helpers/keys-stack";

jest.setTimeout(300_000);

const CLOUDS = testedClouds();
const REPLACING = CLOUDS.filter((c) => !c.harness.rotatesInPlace);
const NAME = "backups-key";
/** The keys are due this long after they are made. */
const ROTATION_MS = 4_000;

let emulator: Emulator;
let s: KeysStack;

beforeAll(async () => {
  emulator = await startEmulator();
  s = await keysStack("bad-day-2", emulator, CLOUDS);
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

test("a 5xx during a same-name replacement is retried, never pointing at the live key", async () => {
  expect(REPLACING.length).toBeGreaterThan(0);
  s.keys = Object.fromEntries(REPLACING.map((c) => [c.short, { cloud: c, args: { [c.harness.plugin.nameField]: NAME, rotateAfterDays: ROTATION_MS / DAY_MS } }]));
  await s.stack.up(recording(s));
  const first = await s.outputsOf();
  // Every key comes due (seconds old, well inside any clock skew allowance for a key's age).
  const due = Math.max(...REPLACING.map((c) => Date.parse(first[c.short].rotatedAt))) + ROTATION_MS + 500;
  await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));

  for (const c of REPLACING) {
    emulator.inject({ kind: "status", status: 503, cloud: c.name, method: "POST", route: c.harness.routes.create.route });
  }
  emulator.resetCounts();
  const replaced = await s.stack.up(recording(s));
  expect(replaced.summary.resourceChanges).toMatchObject({ replace: REPLACING.length });
  for (const c of REPLACING) {
    const now = replaced.outputs[c.short].value as KeyOutputs;
    // The 503 and the create sent again once the settle window showed no new key.
    expect({ cloud: c.name, posts: emulator.count(c.name, c.harness.routes.create.route) }).toEqual({ cloud: c.name, posts: 2 });
    expect(now.id).not.toBe(first[c.short].id);
    expect({ cloud: c.name, keys: inventoryIds(c, emulator) }).toEqual({ cloud: c.name, keys: [now.id] });
    expect(now.name).toBe(NAME);
  }

  expectNoLeaks(s, [...CLOUDS.map(tokenOf), ...CLOUDS.flatMap((c) => storedSecrets(c, emulator))]);
  s.keys = {};
  await s.stack.destroy(recording(s));
  expect(CLOUDS.map((c) => inventoryIds(c, emulator).length)).toEqual(CLOUDS.map(() => 0));
});

test("a blank name or label fails preview, naming the field, before any API call", async () => {
  // The engine's failure line reads "...:AccessKey resource 'blank'", which the leak scan's
  // `AccessKey <credential>` pattern would flag: this output is scanned for the tokens themselves.
  const printed: string[] = [];
  try {
    for (const c of CLOUDS) {
      const field = c.harness.plugin.nameField;
      s.keys = { blank: { cloud: c, args: { [field]: "   " } } };
      emulator.resetCounts();
      const message = await failure(s.stack.preview({ onOutput: (line: string) => printed.push(line) }));
      expect({ cloud: c.name, message }).toEqual({ cloud: c.name, message: expect.stringContaining(`${field} must not be blank (only spaces)`) });
      expect(emulator.requestCounts()).toEqual({});
    }
  } finally {
    s.keys = {};
  }
  for (const token of CLOUDS.map(tokenOf)) expect(printed.join("\n")).not.toContain(token);
});
