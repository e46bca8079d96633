/**
 * The `credentials` input, offline: check names the bad field and never shows the value; diff
 * counts a credentials-only change as an in-place update; connect takes the resource's
 * credentials before the settings, with the same URL rules; no message carries a credential.
 */
import { BIRD_EMULATOR_ORGANIZATION } from "../../emulator/bird";
import { AccessKeyProvider as BirdProvider, connectBird } from "../../provider/bird/provider";
import { AccessKeyProvider as KatapultProvider } from "../../provider/katapult/provider";
import { connectKatapult } from "../../provider/katapult/settings";
import { ObjectStorageKeyProvider as LinodeProvider, connectLinode } from "../../provider/linode/provider";
import { UNKNOWN } from "../../provider/shared/check";
import { Connect } from "../../provider/shared/context";
import { ConfigurationError } from "../../provider/shared/http/errors";
import { useStackConfig } from "../../provider/shared/settings";

const offline: Connect = () => {
  throw new Error("check and diff must not connect");
};

interface Case {
  name: string;
  provider: LinodeProvider | KatapultProvider | BirdProvider;
  connect: Connect;
  token: string;
  url: string;
  scheme: string;
  valid: Record<string, unknown>;
  /** Old outputs of a key, as the engine hands them to diff. */
  olds: Record<string, unknown>;
}

const CASES: Case[] = [
  {
    name: "linode", provider: new LinodeProvider(offline), connect: connectLinode, token: "token", url: "url", scheme: "Bearer",
    valid: { label: "valid-label" },
    olds: { keyId: 7, label: "valid-label", accessKey: "AK", secretKey: "", limited: false, bucketAccess: null, regions: ["us-east"], regionEndpoints: [] },
  },
  {
    name: "katapult", provider: new KatapultProvider(offline), connect: connectKatapult, token: "apiKey", url: "apiUrl", scheme: "Bearer",
    valid: { organization: { subDomain: "acme" }, region: "uk-lon-1", name: "ci" },
    olds: {
      organization: { subDomain: "acme" }, region: "uk-lon-1", name: "ci", allBucketsRead: false, allObjectsRead: false, allObjectsWrite: false,
      state: "configured", accessKeyId: "AK", secretAccessKey: "s", serverUrl: "", s3Endpoint: "", readBuckets: [], writeBuckets: [], createdAt: "",
    },
  },
  {
    name: "bird", provider: new BirdProvider(offline), connect: connectBird, token: "accessKey", url: "apiUrl", scheme: "AccessKey",
    valid: { organizationId: BIRD_EMULATOR_ORGANIZATION, name: "ci", description: "CI deploys" },
    olds: {
      organizationId: BIRD_EMULATOR_ORGANIZATION, name: "ci", description: "CI deploys", type: "user", suffix: "abcdef",
      createdAt: "", updatedAt: null, roleIds: [], accessKey: "t",
    },
  },
];

const SECRET = "Sup3r-Secret-Value";

describe.each(CASES)("$name credentials", (c) => {
  const creds = (token: string, url?: string): Record<string, string> => ({ [c.token]: token, ...(url !== undefined ? { [c.url]: url } : {}) });
  const check = (credentials: unknown) => c.provider.check({}, { logicalName: "k", ...c.valid, credentials });

  it("accepts a token alone, or with an https or loopback URL, and stores them as given", async () => {
    for (const credentials of [creds(SECRET), creds(SECRET, "https://api.example.com/x"), creds(SECRET, "http://127.0.0.1:4010/x")]) {
      const { failures, inputs } = await check(credentials);
      expect(failures).toEqual([]);
      expect((inputs as { credentials?: unknown }).credentials).toEqual(credentials);
    }
  });

  it("rejects an empty token, whitespace, control characters and plain http, naming the field and never the value", async () => {
    const bad: [unknown, string, RegExp][] = [
      [creds(""), `credentials.${c.token}`, /must not be empty/],
      [creds(`${SECRET} x`), `credentials.${c.token}`, /contains whitespace/],
      [creds(`${SECRET}\n`), `credentials.${c.token}`, /contains whitespace/],
      [creds(`${SECRET}\u0000`), `credentials.${c.token}`, /contains control characters/],
      [creds(SECRET, `http://${SECRET}.example.com`), `credentials.${c.url}`, /must be an https:\/\/ URL/],
      [creds(SECRET, `not a url ${SECRET}`), `credentials.${c.url}`, /is not a valid URL/],
      [{ ...creds(SECRET), typo: SECRET }, "credentials", /typo/],
      [SECRET, "credentials", /expected object/],
    ];
    for (const [credentials, property, reason] of bad) {
      const failures = (await check(credentials)).failures ?? [];
      expect(failures).toHaveLength(1);
      expect(failures[0].property).toBe(property);
      expect(failures[0].reason).toMatch(reason);
      expect(JSON.stringify(failures)).not.toContain(SECRET);
    }
  });

  it("lets credentials not known yet (preview) through", async () => {
    expect((await check(creds(UNKNOWN))).failures).toEqual([]);
  });

  it("counts a credentials-only change as an in-place update, and nothing else as a change", async () => {
    const news = { ...c.olds, ...c.valid, credentials: creds("new-token") };
    const diff = (olds: object, n: object) => c.provider.diff("0b1e7c4a-1111-4a2b-9c3d-5e6f7a8b9c01", olds as never, n as never);
    const withOld = { ...c.olds, credentials: creds("old-token") };
    expect(await diff(withOld, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(await diff(c.olds, news)).toMatchObject({ changes: true, replaces: [] });
    expect(await diff(withOld, { ...news, credentials: undefined })).toMatchObject({ changes: true, replaces: [] });
    expect(await diff(withOld, { ...news, credentials: creds(UNKNOWN) })).toMatchObject({ changes: true, replaces: [] });
    expect(await diff({ ...c.olds, credentials: creds("new-token") }, news)).toMatchObject({ changes: false });
  });

  it("connects with the resource's credentials before the settings; a missing URL comes from the settings", () => {
    useStackConfig({ get: () => undefined });
    try {
      const ctx = c.connect(creds(SECRET, "https://api.example.com/base/"));
      expect(ctx.authorization).toBe(`${c.scheme} ${SECRET}`);
      expect(ctx.baseUrl).toBe("https://api.example.com/base");
      useStackConfig({ get: (k) => (k.endsWith(`:${c.url}`) ? "https://from-config.example.com/v4" : undefined) });
      expect(c.connect(creds(SECRET)).baseUrl).toBe("https://from-config.example.com/v4");
    } finally {
      useStackConfig(undefined);
    }
  });

  it("refuses bad credentials at call time too (a lookup skips check), without the value", () => {
    for (const credentials of [creds(`${SECRET} x`), creds(""), creds(SECRET, `http://${SECRET}.example.com`)]) {
      const error = (() => { try { c.connect(credentials); } catch (e) { return e as Error; } })();
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error!.message).toMatch(/^credentials\./);
      expect(error!.message).not.toContain(SECRET);
    }
  });
});

test("a Linode URL given as a bare host gets /v4, as the linode:url setting does", () => {
  expect(connectLinode({ token: "t", url: "https://api.linode.com" }).baseUrl).toBe("https://api.linode.com/v4");
  expect(connectLinode({ token: "t", url: "https://api.linode.com/v4beta" }).baseUrl).toBe("https://api.linode.com/v4beta");
});
