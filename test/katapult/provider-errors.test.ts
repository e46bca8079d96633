/** Katapult's partial-create errors: what the provider host needs, secrets marked, branded. */
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
