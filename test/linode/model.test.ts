import { flattenKey, getCreateBody, getUpdateBody, inputsFromOutputs, REDACTED, wantedRegions } from "../../provider/linode/model";
import { ObjectStorageKeyProvider } from "../../provider/linode/provider";
import { ApiKey, ObjectStorageKeyInputs, ObjectStorageKeyOutputs, keyInputs } from "../../provider/linode/schemas";

const apiKey: ApiKey = {
  id: 7, label: "ci", access_key: "AK", secret_key: REDACTED, limited: true,
  bucket_access: [{ bucket_name: "b", region: "fr-par", cluster: "", permissions: "read_only" }],
  regions: [{ id: "fr-par", s3_endpoint: "fr-par-1.linodeobjects.com", endpoint_type: "E2" }, { id: "us-east", s3_endpoint: "us-east-1.linodeobjects.com" }],
};
const inputs: ObjectStorageKeyInputs = { label: "ci", bucketAccess: [{ bucketName: "b", region: "fr-par", permissions: "read_only" }] };

describe("Linode model", () => {
  it("never lets [REDACTED] overwrite the stored secret", () => {
    expect(flattenKey(apiKey, "stored-secret", {}).secretKey).toBe("stored-secret");
    expect(flattenKey({ ...apiKey, secret_key: "new" }, "stored-secret", {}).secretKey).toBe("new");
    expect(flattenKey(apiKey, undefined, {}).secretKey).toBe("");
  });

  it("builds the create body in Linode's field names", () => {
    expect(getCreateBody({ ...inputs, regions: ["us-east", "us-east"] })).toEqual({
      label: "ci", regions: ["us-east"], bucket_access: [{ bucket_name: "b", region: "fr-par", permissions: "read_only" }],
    });
    expect(getCreateBody({ label: "ci" })).toEqual({ label: "ci" });
  });

  it("updates only what changed, always keeping bucket regions, and nothing when nothing did", () => {
    const outs = flattenKey(apiKey, "s", {});
    expect(getUpdateBody(outs, { ...inputs, regions: ["fr-par", "us-east"] })).toBeUndefined();
    expect(getUpdateBody(outs, { ...inputs, label: "ci-2" })).toEqual({ label: "ci-2" });
    expect(getUpdateBody(outs, { ...inputs, regions: ["us-east"] })).toBeUndefined();
    expect(getUpdateBody(outs, { ...inputs, regions: ["jp-osa"] })).toEqual({ regions: ["fr-par", "jp-osa"] });
    expect(wantedRegions({ bucketAccess: inputs.bucketAccess })).toBeUndefined();
  });

  it("rebuilds inputs, keeping regions only when they are more than the buckets' own", () => {
    const withExtra = flattenKey(apiKey, "s", {});
    expect(inputsFromOutputs(withExtra).regions).toEqual(["fr-par", "us-east"]);
    const own = flattenKey({ ...apiKey, regions: [apiKey.regions![0]] }, "s", {});
    expect(inputsFromOutputs(own)).not.toHaveProperty("regions");
    expect(inputsFromOutputs(own)).not.toHaveProperty("secretKey");
  });

  it("validates labels and permissions by name", () => {
    const r = keyInputs.safeParse({ label: "x", bucketAccess: [{ bucketName: "b", region: "r", permissions: "admin" }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["label", "bucketAccess.0.bucketName", "bucketAccess.0.permissions"]);
  });
});

describe("Linode diff", () => {
  const provider = new ObjectStorageKeyProvider(() => {
    throw new Error("diff must not call the API");
  });
  const olds = flattenKey(apiKey, "s", {}) as ObjectStorageKeyOutputs;

  it("is empty when nothing changed, whatever the order of buckets", async () => {
    expect(await provider.diff("7", olds, { ...inputs, regions: ["us-east"] })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("updates label and regions in place and replaces on bucket access", async () => {
    expect(await provider.diff("7", olds, { ...inputs, label: "new" })).toMatchObject({ changes: true, replaces: [] });
    expect(await provider.diff("7", olds, { ...inputs, regions: ["jp-osa"] })).toMatchObject({ changes: true, replaces: [] });
    const perms = { ...inputs, bucketAccess: [{ bucketName: "b", region: "fr-par", permissions: "read_write" as const }] };
    expect(await provider.diff("7", olds, perms)).toMatchObject({ changes: true, replaces: ["bucketAccess"] });
    expect(await provider.diff("7", olds, { label: "ci" })).toMatchObject({ replaces: ["bucketAccess"] });
  });
});
