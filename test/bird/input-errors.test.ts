/** Bird input errors found at run time name the input and are branded. */
import { AccessKeyProvider } from "../../provider/bird/provider";
import { InputError } from "../../provider/shared/http/errors";

test("a key id that is not a UUID is an InputError naming it, so a program can tell it from cloud failures", async () => {
  const noCloud = () => { throw new Error("must not connect"); };
  process.env.BIRD_ORGANIZATION_ID = "0b1e7c4a-1111-4a2b-9c3d-5e6f7a8b9c01";
  try {
    const birdError = await new AccessKeyProvider(noCloud as never).read("42").catch((e: unknown) => e);
    expect(birdError).toBeInstanceOf(InputError);
    expect((birdError as Error).message).toBe('Bird access key id must be a UUID, got "42"');
  } finally {
    delete process.env.BIRD_ORGANIZATION_ID;
  }
});
