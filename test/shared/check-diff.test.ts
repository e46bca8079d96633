import { z } from "zod";
import { UNKNOWN, validateInputs, propertyPath } from "../../provider/shared/check";
import { diffFields, deepEqual } from "../../provider/shared/diff";
import { chooseName } from "../../provider/shared/naming";

const schema = z.object({
  name: z.string().min(3),
  tags: z.array(z.object({ key: z.string().min(1) })).optional(),
  size: z.number().int(),
});

describe("validateInputs", () => {
  it("names every failing property, nested ones included", () => {
    const { failures } = validateInputs(schema, { name: "x", tags: [{ key: "" }], size: 1.5 });
    expect(failures.map((f) => f.property).sort()).toEqual(["name", "size", "tags[0].key"]);
  });

  it("lets unknown (preview) values through and still validates the rest", () => {
    const ok = validateInputs(schema, { name: UNKNOWN, size: 1 });
    expect(ok).toEqual({ inputs: { name: UNKNOWN, size: 1 }, failures: [] });
    const nested = validateInputs(schema, { name: "abc", tags: [{ key: UNKNOWN }], size: "big" });
    expect(nested.failures.map((f) => f.property)).toEqual(["size"]);
  });

  it("names the field, the allowed values and the value given when a value is outside a fixed set", () => {
    const access = z.object({ grants: z.array(z.object({ permissions: z.enum(["read_only", "read_write"]) })), mode: z.enum(["a", "b"], { error: "mode is a or b" }) });
    const { failures } = validateInputs(access, { grants: [{ permissions: "rw" }, {}], mode: "c" });
    expect(failures).toEqual([
      { property: "grants[0].permissions", reason: 'grants[0].permissions must be one of "read_only", "read_write" (got "rw")' },
      { property: "grants[1].permissions", reason: 'grants[1].permissions must be one of "read_only", "read_write" (got nothing)' },
      { property: "mode", reason: "mode is a or b" },
    ]);
  });

  it("formats paths the way Pulumi users write them", () => {
    expect(propertyPath(["bucketAccess", 0, "region"])).toBe("bucketAccess[0].region");
    expect(propertyPath([])).toBe("(inputs)");
  });
});

describe("diffFields", () => {
  type Fields = { name: string; region: string };
  const spec = { updatable: ["name"], replacing: ["region"] } as { updatable: (keyof Fields)[]; replacing: (keyof Fields)[] };

  it("reports nothing when nothing changed and ignores unset inputs", () => {
    expect(diffFields<Fields>(spec, { name: "a", region: "r" }, { name: "a" })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("lists replacing fields in replaces and in-place fields nowhere", () => {
    expect(diffFields<Fields>(spec, { name: "a", region: "r" }, { name: "b", region: "s" }).replaces).toEqual(["region"]);
    expect(diffFields<Fields>(spec, { name: "a", region: "r" }, { name: "b", region: "r" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("treats an unknown value as a change", () => {
    expect(diffFields<Fields>(spec, { name: "a", region: "r" }, { name: "a", region: UNKNOWN }).replaces).toEqual(["region"]);
  });

  it("compares deeply, ignoring undefined members", () => {
    expect(deepEqual({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
  });
});

describe("chooseName", () => {
  it("keeps an explicit name, reuses an earlier generated one, else generates", () => {
    expect(chooseName("mine", {}, "label", "res", 50)).toBe("mine");
    const olds = { label: "res-abc1234", autoNamed: true, logicalName: "res" };
    expect(chooseName(undefined, olds, "label", "res", 50)).toBe("res-abc1234");
    expect(chooseName(undefined, { ...olds, autoNamed: false }, "label", "res", 50)).toMatch(/^res-[a-z0-9]{7}$/);
    expect(chooseName(undefined, olds, "label", "other", 50)).toMatch(/^other-[a-z0-9]{7}$/);
    expect(String(chooseName(undefined, {}, "label", "x".repeat(80), 50)).length).toBe(50);
  });
});
