/**
 * Load: 270 keys (100 Linode, 100 Bird, 70 Katapult) created, refreshed and destroyed through the
 * real engine with Pulumi's default parallelism, while the emulator enforces a rate limit on
 * every cloud (Linode and Bird answer 429 with Retry-After; Katapult has a per-clock-minute
 * budget and sends no Retry-After). Zero failures, zero orphans, nothing secret in state or output.
 */
import { Emulator } from "../../emulator";
import { BIRD_EMULATOR_ORGANIZATION } from "../../emulator/bird";
import { KatapultCloud } from "../../emulator/katapult";
import { LinodeCloud } from "../../emulator/linode";
import { bird, katapult, linode } from "../../provider";
import { engineStack, EngineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { startEmulator, TOKENS } from "../helpers/emulator";

jest.setTimeout(15 * 60_000);

/**
 * Katapult's budget is per clock minute, so its share sets the test's length: 70 keys make 210
 * requests on `up` (create, credentials, the read that sees them configured) and 350 in all,
 * against 250 a minute, so the budget runs out once (during refresh) and the provider waits
 * for the next minute once, not three times.
 */
const COUNTS = { linode: 100, katapult: 70, bird: 100 };
const PER_WINDOW = { linode: 5, katapult: 250, bird: 5 };
let emulator: Emulator;
let s: EngineStack;

beforeAll(async () => {
  emulator = await startEmulator();
  emulator.cloud<LinodeCloud>("linode").maxKeys = COUNTS.linode;
  emulator.cloud<KatapultCloud>("katapult").provisioning.createRejections = 0;
  // Linode and Bird: 5 requests a second (100 keys take 20 s a phase); Katapult: see COUNTS.
  emulator.rateLimits.set("linode", PER_WINDOW.linode, 1_000);
  emulator.rateLimits.set("bird", PER_WINDOW.bird, 1_000);
  emulator.rateLimits.set("katapult", PER_WINDOW.katapult, 60_000);
  s = await engineStack(
    "load",
    async () => {
      for (let i = 0; i < COUNTS.linode; i++) {
        new linode.ObjectStorageKey(`l${i}`, { bucketAccess: [{ bucketName: `bucket-${i}`, region: "us-east", permissions: "read_only" }] });
      }
      for (let i = 0; i < COUNTS.katapult; i++) {
        new katapult.ObjectStorageAccessKey(`k${i}`, { organization: { subDomain: "emulator" }, allObjectsRead: true });
      }
      for (let i = 0; i < COUNTS.bird; i++) new bird.AccessKey(`b${i}`, { organizationId: BIRD_EMULATOR_ORGANIZATION });
    },
    {
      "linode:token": { value: TOKENS.linode, secret: true },
      "linode:url": { value: emulator.url("linode") },
      "katapult:apiKey": { value: TOKENS.katapult, secret: true },
      "katapult:apiUrl": { value: emulator.url("katapult") },
      "bird:accessKey": { value: TOKENS.bird, secret: true },
      "bird:apiUrl": { value: emulator.url("bird") },
    },
    { PULUMI_ACCESS_KEYS_RETRY_BASE_MS: "200" },
  );
});
afterAll(async () => {
  await s?.cleanup();
  await emulator?.stop();
});

const sizes = () => ["linode", "katapult", "bird"].map((c) => emulator.cloud(c as never).inventory().length);
const TOTAL = COUNTS.linode + COUNTS.katapult + COUNTS.bird;

test("270 keys under rate limits: up, refresh and destroy without a failure or an orphan", async () => {
  const up = await s.stack.up(recording(s));
  expect(up.summary.result).toBe("succeeded");
  expect(up.summary.resourceChanges).toMatchObject({ create: TOTAL + 1 });
  expect(sizes()).toEqual([COUNTS.linode, COUNTS.katapult, COUNTS.bird]);
  const resources = s.resources();
  expect(resources).toHaveLength(TOTAL);
  expect(new Set(resources.map((r) => r.id)).size).toBe(TOTAL);
  for (const r of resources) {
    const secret = r.outputs.secretKey ?? r.outputs.secretAccessKey ?? r.outputs.accessKey;
    expect(isCiphertext(secret)).toBe(true);
  }
  // Every cloud got more requests than one window allows, so the limit had to be honoured:
  // by waiting out 429s (Bird) or by pacing from the rate-limit headers (Linode, Katapult).
  for (const cloud of ["linode", "bird"] as const) {
    const accepted = emulator.count(cloud) - emulator.rateLimitRejections(cloud);
    expect({ cloud, overBudget: accepted > PER_WINDOW[cloud] }).toEqual({ cloud, overBudget: true });
  }

  const refresh = await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  expect(refresh.summary.result).toBe("succeeded");
  // By now Katapult got more requests than one window allows too.
  const katapultAccepted = emulator.count("katapult") - emulator.rateLimitRejections("katapult");
  expect(katapultAccepted).toBeGreaterThan(PER_WINDOW.katapult);

  const destroy = await s.stack.destroy(recording(s));
  expect(destroy.summary.result).toBe("succeeded");
  expect(sizes()).toEqual([0, 0, 0]);

  expectNoLeaks(s, Object.values(TOKENS));
});
