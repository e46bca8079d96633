/**
 * Load: 300 keys (100 per cloud) created, refreshed and destroyed through the real engine with
 * Pulumi's default parallelism, while the emulator enforces a rate limit on every cloud
 * (Linode and Bird answer 429 with Retry-After; Katapult has a per-clock-minute budget and sends
 * no Retry-After). Zero failures, zero orphans, nothing secret in state or output.
 */
import { BIRD_EMULATOR_ORGANIZATION, Emulator, KatapultCloud, LinodeCloud } from "../../emulator";
import { bird, katapult, linode } from "../../provider";
import { engineStack, EngineStack, expectNoLeaks, isCiphertext, recording } from "../helpers/engine";
import { startEmulator, TOKENS } from "../helpers/emulator";

jest.setTimeout(15 * 60_000);

const PER_CLOUD = 100;
let emulator: Emulator;
let s: EngineStack;
let count = PER_CLOUD;

beforeAll(async () => {
  emulator = await startEmulator();
  emulator.cloud<LinodeCloud>("linode").maxKeys = PER_CLOUD;
  emulator.cloud<KatapultCloud>("katapult").provisioning.createRejections = 0;
  // Linode and Bird: 5 requests a second (100 keys take 20 s a phase); Katapult: 200 a minute
  // against the 300 requests its creates need (key, credentials, the read that sees them configured).
  emulator.rateLimits.set("linode", 5, 1_000);
  emulator.rateLimits.set("bird", 5, 1_000);
  emulator.rateLimits.set("katapult", 200, 60_000);
  s = await engineStack(
    "load",
    async () => {
      for (let i = 0; i < count; i++) {
        new linode.ObjectStorageKey(`l${i}`, { bucketAccess: [{ bucketName: `bucket-${i}`, region: "us-east", permissions: "read_only" }] });
        new katapult.ObjectStorageAccessKey(`k${i}`, { organization: { subDomain: "emulator" }, allObjectsRead: true });
        new bird.AccessKey(`b${i}`, { organizationId: BIRD_EMULATOR_ORGANIZATION });
      }
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

test("300 keys under rate limits: up, refresh and destroy without a failure or an orphan", async () => {
  const up = await s.stack.up(recording(s));
  expect(up.summary.result).toBe("succeeded");
  expect(up.summary.resourceChanges).toMatchObject({ create: 3 * PER_CLOUD + 1 });
  expect(sizes()).toEqual([PER_CLOUD, PER_CLOUD, PER_CLOUD]);
  const resources = s.resources();
  expect(resources).toHaveLength(3 * PER_CLOUD);
  expect(new Set(resources.map((r) => r.id)).size).toBe(3 * PER_CLOUD);
  for (const r of resources) {
    const secret = r.outputs.secretKey ?? r.outputs.secretAccessKey ?? r.outputs.accessKey;
    expect(isCiphertext(secret)).toBe(true);
  }
  // Every cloud got more requests than one window allows, so the limit had to be honoured:
  // by waiting out 429s (Bird) or by pacing from the rate-limit headers (Linode, Katapult).
  const perWindow = { linode: 5, katapult: 200, bird: 5 };
  for (const [cloud, limit] of Object.entries(perWindow) as [keyof typeof perWindow, number][]) {
    const accepted = emulator.count(cloud) - emulator.rateLimitRejections(cloud);
    expect({ cloud, overBudget: accepted > limit }).toEqual({ cloud, overBudget: true });
  }

  const refresh = await s.stack.refresh({ ...recording(s), expectNoChanges: true } as never);
  expect(refresh.summary.result).toBe("succeeded");

  const destroy = await s.stack.destroy(recording(s));
  expect(destroy.summary.result).toBe("succeeded");
  expect(sizes()).toEqual([0, 0, 0]);

  expectNoLeaks(s, Object.values(TOKENS));
});
