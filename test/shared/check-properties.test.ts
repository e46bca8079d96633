/**
 * Property-based tests of every resource's `check`: whatever a program passes, check never
 * throws, every failure names a property the resource has, it makes no API call, and inputs not
 * known yet (preview) are never failures.
 */
import fc from "fast-check";
import { UNKNOWN } from "../../provider/shared/check";
import { ClientContext } from "../../provider/shared/http/request";
import { testedClouds } from "../helpers/clouds";

let connects = 0;
const connect = (): ClientContext => {
  connects++;
  throw new Error("check must not connect to the cloud");
};

const RESOURCES = testedClouds().map(({ descriptor, harness }) => ({
  name: descriptor.kinds.map((k) => k.kind).join(", "),
  provider: harness.provider(connect),
  keys: [...harness.offline.keys],
  valid: harness.offline.valid,
}));

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
