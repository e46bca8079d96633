import { PartialCreateError } from "../../provider/shared/http/errors";
import { IncompleteCreateError } from "../../provider/katapult/provider";
import { NotConfiguredError } from "../../provider/katapult/configured";

const outs = { name: "k", credentials: { apiKey: "secret-api-key" } } as never;

describe("partial-create errors", () => {
  it("carry what the provider host needs to record the key: id, properties and reasons", () => {
    const error = new IncompleteCreateError("objkey_1", outs, new Error("provisioning"));
    expect(error).toBeInstanceOf(PartialCreateError);
    expect(error).toBeInstanceOf(IncompleteCreateError);
    expect(error).not.toBeInstanceOf(NotConfiguredError);
    expect({ id: error.id, reasons: error.reasons, name: error.name }).toEqual({ id: "objkey_1", reasons: [error.message], name: "IncompleteCreateError" });
  });

  it("send per-resource credentials marked secret, never as plain properties", () => {
    const error = new NotConfiguredError("objkey_1", outs, new Error("still pending"));
    expect(JSON.stringify(error.properties)).toContain("4dabf18193072939515e22adb298388d");
    expect(error.message).not.toContain("secret-api-key");
  });

  it("are recognised by brand, so instanceof works across two loaded copies of the package", () => {
    const fromAnotherCopy = Object.assign(new Error("x"), { [Symbol.for("pulumi-access-keys.error-kinds")]: ["NotConfiguredError", "PartialCreateError"] });
    expect(fromAnotherCopy).toBeInstanceOf(PartialCreateError);
    expect(fromAnotherCopy).toBeInstanceOf(NotConfiguredError);
  });
});

describe("input errors found at run time", () => {
  it("name the input and are branded, so a program can tell them from cloud failures", async () => {
    const { ObjectStorageKeyProvider } = await import("../../provider/linode/provider");
    const { AccessKeyProvider } = await import("../../provider/bird/provider");
    const { InputError } = await import("../../provider/shared/http/errors");
    const noCloud = () => { throw new Error("must not connect"); };
    const linodeError = await new ObjectStorageKeyProvider(noCloud as never).delete("not-a-number").catch((e: unknown) => e);
    expect(linodeError).toBeInstanceOf(InputError);
    expect((linodeError as InstanceType<typeof InputError>).field).toBe("id");
    process.env.BIRD_ORGANIZATION_ID = "0b1e7c4a-1111-4a2b-9c3d-5e6f7a8b9c01";
    try {
      const birdError = await new AccessKeyProvider(noCloud as never).read("42").catch((e: unknown) => e);
      expect(birdError).toBeInstanceOf(InputError);
      expect((birdError as Error).message).toBe('Bird access key id must be a UUID, got "42"');
    } finally {
      delete process.env.BIRD_ORGANIZATION_ID;
    }
  });
});
