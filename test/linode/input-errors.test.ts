/** Linode input errors found at run time name the input and are branded. */
import { ObjectStorageKeyProvider } from "../../provider/linode/provider";
import { InputError } from "../../provider/shared/http/errors";

test("a key id that is not a number is an InputError naming the id, so a program can tell it from cloud failures", async () => {
  const noCloud = () => { throw new Error("must not connect"); };
  const linodeError = await new ObjectStorageKeyProvider(noCloud as never).delete("not-a-number").catch((e: unknown) => e);
  expect(linodeError).toBeInstanceOf(InputError);
  expect((linodeError as InstanceType<typeof InputError>).field).toBe("id");
});
