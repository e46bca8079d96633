/** Linode's `existingKeyId` in diff: offline, no call. */
import { ObjectStorageKeyProvider } from "../../provider/linode/provider";

describe("Linode existingKeyId", () => {
  const provider = new ObjectStorageKeyProvider(() => { throw new Error("diff must not connect"); });
  const olds = { keyId: 7, label: "a", regions: ["us-east"], bucketAccess: null } as never;

  it("naming a different key replaces the resource; naming the same key or none changes nothing", async () => {
    expect(await provider.diff("7", olds, { label: "a", existingKeyId: 8 } as never)).toMatchObject({ changes: true, replaces: ["existingKeyId"] });
    expect(await provider.diff("7", olds, { label: "a", existingKeyId: 7 } as never)).toMatchObject({ changes: false, replaces: [] });
    expect(await provider.diff("7", olds, { label: "a" } as never)).toMatchObject({ changes: false });
  });
});
