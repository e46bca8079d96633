/**
 * Property-based tests of every resource's `check`: whatever a program passes, check never
 * throws, every failure names a property the resource has, it makes no API call, and inputs not
 * known yet (preview) are never failures.
 */
import fc from "fast-check";
import { BIRD_EMULATOR_ORGANIZATION } from "../../emulator/bird";
import { AccessKeyProvider as BirdProvider } from "../../provider/bird/provider";
import { AccessKeyProvider as KatapultProvider } from "../../provider/katapult/provider";
import { ObjectStorageKeyProvider as LinodeProvider } from "../../provider/linode/provider";
import { UNKNOWN } from "../../provider/shared/check";
import { ClientContext } from "../../provider/shared/http/request";

let connects = 0;
const connect = (): ClientContext => {
  connects++;
  throw new Error("check must not connect to the cloud");
};

const RESOURCES = [
  {
    name: "linode.ObjectStorageKey",
    provider: new LinodeProvider(connect),
    keys: ["label", "bucketAccess", "regions", "existingKeyId"],
    valid: { label: "valid-label", bucketAccess: [{ bucketName: "bkt", region: "us-east", permissions: "read_only" }], regions: ["us-east"] },
  },
  {
    name: "katapult.ObjectStorageAccessKey",
    provider: new KatapultProvider(connect),
    keys: ["organization", "region", "name", "allBucketsRead", "allObjectsRead", "allObjectsWrite", "rotation", "existingKeyId"],
    valid: { organization: { subDomain: "acme" }, region: "uk-lon-1", name: "ci", allObjectsRead: true, rotation: 1 },
  },
  {
    name: "bird.AccessKey",
    provider: new BirdProvider(connect),
    keys: ["organizationId", "name", "description", "roleIds", "existingKeyId"],
    valid: { organizationId: BIRD_EMULATOR_ORGANIZATION, name: "ci", description: "CI deploys" },
  },
];

const topLevel = (property: string) => property.split(/[.[]/)[0];

describe.each(RESOURCES)("$name check", ({ provider, keys, valid }) => {
  beforeEach(() => (connects = 0));

  it("never throws, names only real properties, and makes no API call", async () => {
    const arbitraryInputs = fc.dictionary(fc.constantFrom(...keys), fc.anything(), { maxKeys: keys.length });
    await fc.assert(
      fc.asyncProperty(arbitraryInputs, async (news) => {
        const result = await provider.check({}, { logicalName: "prop", ...news });
        for (const f of result.failures ?? []) {
          expect([...keys, "(inputs)"]).toContain(topLevel(f.property));
          expect(f.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
    expect(connects).toBe(0);
  });

  it("accepts the valid example, and any of its fields replaced by an unknown value", async () => {
    expect((await provider.check({}, { logicalName: "prop", ...valid })).failures).toEqual([]);
    await fc.assert(
      fc.asyncProperty(fc.subarray(Object.keys(valid), { minLength: 1 }), async (unknownKeys) => {
        const news: Record<string, unknown> = { logicalName: "prop", ...valid };
        for (const k of unknownKeys) news[k] = UNKNOWN;
        const result = await provider.check({}, news);
        expect(result.failures).toEqual([]);
        for (const k of unknownKeys) expect((result.inputs as Record<string, unknown>)[k]).toBe(UNKNOWN);
      }),
      { numRuns: 50 },
    );
  });

  it("reports a wrong type for each field by that field's name", async () => {
    for (const key of keys) {
      const result = await provider.check({}, { logicalName: "prop", ...valid, [key]: { not: ["a", "valid", "value"] } });
      expect((result.failures ?? []).map((f) => topLevel(f.property))).toContain(key);
    }
  });
});
