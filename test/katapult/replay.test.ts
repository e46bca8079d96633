/**
 * Replays Katapult's recorded real traffic (its Terraform provider's cassettes in
 * shared/api/recorded/katapult/) through our parsers, model and provider. The recordings show
 * generate_credentials refused with 422 while the key provisions, then 200 with the secret while
 * `state` is still `pending`; later GETs show a null secret and `configured`.
 */
import { describeKatapultError, katapultProfile, listAccessKeys } from "../../provider/katapult/api";
import { flattenKey } from "../../provider/katapult/model";
import { AccessKeyProvider } from "../../provider/katapult/provider";
import { AccessKeyInputs, AccessKeyOutputs, apiDeleted, apiKeyEnvelope, apiKeyPage } from "../../provider/katapult/schemas";
import { BusyError, NotFoundError } from "../../provider/shared/http/errors";
import { testContext } from "../helpers/emulator";
import { bodyOf, describeRecorded, Interaction, loadCassette } from "../helpers/recorded";
import { recordedRequestBody, ReplayServer } from "../helpers/recorded-server";

const SCENARIOS = ["AccessKey_minimal", "AccessKey_update_name", "AccessKey_update_permissions", "AccessKey_buckets"];
const EMPTY_LISTS = ["ObjectStorage_scenarios", "ObjectStorageAccount_lifecycle", "ObjectStorageAccount_adopt_existing"];
const cassette = (name: string) => loadCassette(`katapult/${name}.cassette.yaml`);
/** Only the access key endpoints: the cassettes also manage the account, buckets and trash. */
const keyCalls = (name: string) => cassette(name).filter((i) => i.url.pathname.includes("/access_keys"));
const scenario = (name: string) => keyCalls(`ObjectStorage_scenarios__${name}`);
const wireKey = (i: Interaction) => apiKeyEnvelope.parse(bodyOf(i)).object_storage_access_key;
const isGenerate = (i: Interaction) => i.url.pathname.endsWith("/generate_credentials");

/** The inputs that produce the recorded create request. */
function inputsOf(create: Interaction): AccessKeyInputs {
  const { organization, object_storage_cluster: cluster, properties: p } = recordedRequestBody(create) as {
    organization: { sub_domain: string }; object_storage_cluster: { region: string };
    properties: { name: string; all_buckets_read: boolean; all_objects_read: boolean; all_objects_write: boolean };
  };
  // Auto-named, as the recorded names are unique: a chosen name is first looked up in the key list
  // (shared/recovery.ts), a request these recordings do not have.
  return {
    autoNamed: true, organization: { subDomain: organization.sub_domain }, region: cluster.region, name: p.name,
    allBucketsRead: p.all_buckets_read, allObjectsRead: p.all_objects_read, allObjectsWrite: p.all_objects_write,
  };
}

describeRecorded("Katapult recorded responses through our parsers and model", () => {
  it("every recorded access key answer parses with our response schemas", () => {
    const answers = [...SCENARIOS.map((s) => `ObjectStorage_scenarios__${s}`), ...EMPTY_LISTS].flatMap(keyCalls).filter((i) => i.status < 300);
    for (const i of answers) {
      const schema = i.method === "DELETE" ? apiDeleted : i.url.pathname.endsWith("/organization/object_storage/access_keys") ? apiKeyPage : apiKeyEnvelope;
      expect({ call: `${i.method} ${i.url.pathname}`, ...schema.safeParse(bodyOf(i)) }).toMatchObject({ success: true });
    }
    expect(answers).toHaveLength(38);
  });

  it("a generate_credentials 200 with state pending gives the secret, an ISO createdAt and an https S3 endpoint", () => {
    // shared/api/recorded/katapult/ObjectStorage_scenarios__AccessKey_minimal.cassette.yaml, 7th generate_credentials
    const calls = scenario("AccessKey_minimal");
    const wire = wireKey(calls.filter(isGenerate).find((i) => i.status === 200)!);
    expect(wire.state).toBe("pending");
    expect(wire.server_url).toMatch(/^[a-z0-9.-]+:443$/);
    const outs = flattenKey(wire, inputsOf(calls[0]), undefined);
    expect(outs).toMatchObject({
      state: "pending", name: wire.name, region: wire.region,
      accessKeyId: wire.s3_access_key_id, secretAccessKey: wire.s3_secret_access_key,
      serverUrl: wire.server_url, s3Endpoint: `https://${wire.server_url!.replace(/:443$/, "")}`,
      createdAt: new Date(wire.created_at * 1000).toISOString(), readBuckets: [], writeBuckets: [],
    });
    expect(outs.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
  });

  it("a later GET with a null secret and state configured keeps the stored secret", () => {
    const calls = scenario("AccessKey_minimal");
    const configured = calls.find((i) => i.method === "GET" && i.status === 200 && wireKey(i).state === "configured")!;
    expect(wireKey(configured).s3_secret_access_key).toBeNull();
    const accessKeyId = wireKey(configured).s3_access_key_id;
    expect(accessKeyId).toEqual(expect.any(String));
    const outs = flattenKey(wireKey(configured), inputsOf(calls[0]), { accessKeyId: accessKeyId!, secretAccessKey: "kept" });
    expect(outs).toMatchObject({ state: "configured", secretAccessKey: "kept", accessKeyId });
  });

  it("bucket ACLs show up as readBuckets and writeBuckets on a GET", () => {
    const withBuckets = wireKey(scenario("AccessKey_buckets").find((i) => i.method === "GET" && i.status === 200)!);
    expect(withBuckets.read_buckets).toHaveLength(1);
    const outs = flattenKey(withBuckets, inputsOf(scenario("AccessKey_buckets")[0]), undefined);
    expect(outs.readBuckets).toEqual(withBuckets.read_buckets);
    expect(outs.writeBuckets).toEqual(withBuckets.write_buckets);
  });

  it("a provisioning 422 is a BusyError and the 404 after delete is the key's own not-found code", () => {
    const calls = scenario("AccessKey_minimal");
    const refused = describeKatapultError(bodyOf(calls.find((i) => i.status === 422)!));
    expect(refused.cloudCode).toBe("object_storage_provisioning_error");
    expect(katapultProfile.classify!(422, refused)).toBe(BusyError);
    const gone = describeKatapultError(bodyOf(calls[calls.length - 1]));
    expect(gone.cloudCode).toBe("object_storage_access_key_not_found");
    expect(katapultProfile.classify!(404, gone)).toBe(NotFoundError);
  });
});

describeRecorded("Katapult provider against replayed real conversations", () => {
  let replay: ReplayServer;
  let ctx: ReturnType<typeof testContext>;
  const start = async (calls: Interaction[]) => {
    replay = await ReplayServer.start(calls);
    ctx = testContext(replay.url("/core/v1"), "Bearer replay-token");
  };
  afterEach(async () => {
    expect(replay.problems).toEqual([]);
    expect(replay.remaining()).toEqual([]);
    await replay.close();
  });

  /**
   * GETs that create consumes: after credentials it reads the key until it shows `configured`
   * (a recorded GET answering `pending` costs one more read after a backoff).
   */
  function waitReads(calls: Interaction[]): number {
    const after = calls.slice(1 + calls.filter(isGenerate).length);
    const firstConfigured = after.findIndex((i) => i.method === "GET" && wireKey(i).state === "configured");
    return firstConfigured + 1;
  }

  /** Drives the provider through a recording: create, then a read per GET, an update per PATCH, a delete per DELETE. */
  async function drive(calls: Interaction[]): Promise<(AccessKeyOutputs | undefined)[]> {
    const provider = new AccessKeyProvider(() => ctx);
    const inputs = inputsOf(calls[0]);
    const { id, outs } = await provider.create(inputs);
    const seen: (AccessKeyOutputs | undefined)[] = [outs];
    let state = outs;
    for (const i of calls.slice(1 + calls.filter(isGenerate).length + waitReads(calls))) {
      if (i.method === "GET") {
        const read = await provider.read(id, state);
        if (read.id === "") seen.push(undefined);
        else seen.push((state = read.props!));
      } else if (i.method === "PATCH") {
        const { properties: p } = recordedRequestBody(i) as { properties: { name: string; all_buckets_read: boolean; all_objects_read: boolean; all_objects_write: boolean } };
        const news = { ...inputs, name: p.name, allBucketsRead: p.all_buckets_read, allObjectsRead: p.all_objects_read, allObjectsWrite: p.all_objects_write };
        seen.push((state = (await provider.update(id, state, news)).outs!));
      } else {
        await provider.delete(id, state);
      }
    }
    return seen;
  }

  /**
   * The recording ends with a GET answering object_storage_access_key_not_found. "Gone" also needs
   * the key's organization list to answer without the key: the same organization's recorded
   * (empty) list stands in for it.
   */
  const confirmingList = () => keyCalls("ObjectStorage_scenarios").filter((i) => i.url.pathname.endsWith("/object_storage/access_keys"));

  it.each(SCENARIOS)("the %s recording replays with the recorded requests, retrying each provisioning 422 without real waits", async (name) => {
    const calls = scenario(name);
    const list = confirmingList();
    expect(list).toHaveLength(1);
    await start([...calls, ...list]);
    const seen = await drive(calls);
    expect(replay.received.map((r) => [r.method, r.path, r.body]))
      .toEqual([...calls, ...list].map((i) => [i.method, i.url.pathname, recordedRequestBody(i)]));
    // One backoff per provisioning 422, and one per read that still saw the new credentials `pending`.
    expect(ctx.sleeps).toHaveLength(calls.filter((i) => i.status === 422).length + waitReads(calls) - 1);
    const secret = wireKey(calls.filter(isGenerate).find((i) => i.status === 200)!).s3_secret_access_key;
    // The secret from generate_credentials survives every later read and update.
    for (const outs of seen.filter((o) => o !== undefined)) expect(outs!.secretAccessKey).toBe(secret);
    // create waited until a read showed the new credentials configured
    expect(seen[0]!.state).toBe("configured");
    expect(seen[seen.length - 1]).toBeUndefined();
  });

  it("state follows the recording: create waits until configured; pending again right after a PATCH, configured later", async () => {
    const calls = scenario("AccessKey_update_name");
    await start([...calls, ...confirmingList()]);
    const states = (await drive(calls)).map((o) => o?.state);
    // create reads until `configured` (the recording's first two GETs); then reads, the PATCH, reads, the delete
    expect(states).toEqual(["configured", "configured", "pending", "pending", "configured", undefined]);
  });

  it.each(EMPTY_LISTS)("an empty list (%s) asks for page 1 of 100 and stops", async (name) => {
    const calls = keyCalls(name);
    await start(calls);
    const page = await listAccessKeys(ctx, { sub_domain: calls[0].url.searchParams.get("organization[sub_domain]")! }, 1);
    expect(page).toEqual({ items: [], next: undefined });
  });
});
