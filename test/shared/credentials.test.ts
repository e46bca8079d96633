/**
 * The `credentials` input, offline: check names the bad field and never shows the value; diff
 * counts a credentials-only change as an in-place update; connect takes the resource's
 * credentials before the settings, with the same URL rules; no message carries a credential.
 */
import { UNKNOWN } from "../../provider/shared/check";
import { Connect } from "../../provider/shared/context";
import { connectWith } from "../../provider/shared/credentials";
import { ConfigurationError } from "../../provider/shared/http/errors";
import { useStackConfig } from "../../provider/shared/settings";
import { testedClouds } from "../helpers/clouds";

const offline: Connect = () => {
  throw new Error("check and diff must not connect");
};

const CASES = testedClouds().map(({ name, descriptor, harness }) => ({
  name,
  provider: harness.provider(offline),
  connect: connectWith(descriptor.credentials),
  token: descriptor.credentials.tokenField,
  url: descriptor.credentials.urlField,
  scheme: descriptor.credentials.scheme,
  valid: harness.offline.matching,
  /** Old outputs of a key, as the engine hands them to diff. */
  olds: harness.offline.olds,
}));

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
    const diff = (olds: object, n: object) => c.provider.diff("0b1e7c4a-1111-4a2b-9c3d-5e6f7a8b9c01", olds as Record<string, unknown>, n as Record<string, unknown>);
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
