import { ApiError, ConfigurationError, NotFoundError, RateLimitedError } from "../../provider/shared/http/errors";
import { readSetting, requireCredential, resolveBaseUrl, useStackConfig } from "../../provider/shared/settings";

const source = { configKey: "linode:token", envVar: "LINODE_TOKEN" };
const url = { configKey: "linode:url", envVar: "LINODE_URL" };

afterEach(() => useStackConfig(undefined));

describe("settings", () => {
  it("prefers stack config over the environment", () => {
    useStackConfig({ get: (k) => (k === "linode:token" ? "from-config" : undefined) });
    expect(readSetting(source, { LINODE_TOKEN: "from-env" })).toBe("from-config");
    useStackConfig(undefined);
    expect(readSetting(source, { LINODE_TOKEN: "from-env" })).toBe("from-env");
  });

  it("explains how to set a missing credential", () => {
    expect(() => requireCredential("The Linode API token", source, {})).toThrow(ConfigurationError);
    expect(() => requireCredential("The Linode API token", source, {})).toThrow(
      "The Linode API token is not set: run `pulumi config set --secret linode:token <value>` or set the LINODE_TOKEN environment variable",
    );
  });

  it("refuses a token with whitespace or control characters, naming the setting and never the value", () => {
    for (const bad of ["abc def", "abc\n", "\tabc", "ab\u0000c", "ab\u007fc"]) {
      const error = (() => { try { requireCredential("The Linode API token", source, { LINODE_TOKEN: bad }); } catch (e) { return e as Error; } })();
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error!.message).toMatch(/The Linode API token \(linode:token \/ LINODE_TOKEN\) contains (whitespace|control characters)/);
      expect(error!.message).not.toContain(bad.trim() || "x");
    }
    expect(requireCredential("The Linode API token", source, { LINODE_TOKEN: "ok-token_1.2" })).toBe("ok-token_1.2");
  });

  it("adds the API version path to a Linode URL given as a bare host, as Linode's own clients do", () => {
    expect(resolveBaseUrl(url, "x", { LINODE_URL: "https://api.linode.com" }, "/v4")).toBe("https://api.linode.com/v4");
    expect(resolveBaseUrl(url, "x", { LINODE_URL: "https://api.linode.com/" }, "/v4")).toBe("https://api.linode.com/v4");
    expect(resolveBaseUrl(url, "x", { LINODE_URL: "https://api.linode.com/v4beta" }, "/v4")).toBe("https://api.linode.com/v4beta");
    expect(resolveBaseUrl(url, "https://api.linode.com/v4", {}, "/v4")).toBe("https://api.linode.com/v4");
  });

  it("refuses plain http except on loopback", () => {
    expect(resolveBaseUrl(url, "https://api.linode.com/v4/", {})).toBe("https://api.linode.com/v4");
    expect(resolveBaseUrl(url, "x", { LINODE_URL: "http://127.0.0.1:4010/linode/v4" })).toBe("http://127.0.0.1:4010/linode/v4");
    expect(resolveBaseUrl(url, "x", { LINODE_URL: "http://localhost:1/v4" })).toBe("http://localhost:1/v4");
    expect(resolveBaseUrl(url, "x", { LINODE_URL: "http://[::1]:1/v4" })).toBe("http://[::1]:1/v4");
    expect(() => resolveBaseUrl(url, "x", { LINODE_URL: "http://api.linode.com/v4" })).toThrow(/must be an https:\/\/ URL/);
    expect(() => resolveBaseUrl(url, "x", { LINODE_URL: "not a url" })).toThrow(/not a valid URL/);
  });
});

describe("errors", () => {
  const details = { cloud: "Linode" as const, operation: 'create Linode key "ci"', method: "POST", path: "/object-storage/keys" };

  it("are recognised by brand across copies of the package, subclass by subclass", () => {
    const err = new RateLimitedError("429 Too Many Requests", { ...details, status: 429, attempts: 6, elapsedMs: 31_000 });
    const foreign = Object.assign(Object.create(Object.prototype), err);
    for (const sym of Object.getOwnPropertySymbols(err)) foreign[sym] = (err as any)[sym];
    expect(foreign).toBeInstanceOf(RateLimitedError);
    expect(foreign).toBeInstanceOf(ApiError);
    expect(foreign).not.toBeInstanceOf(NotFoundError);
  });

  it("say what, why, how often and where", () => {
    const err = new RateLimitedError("429 Too Many Requests", { ...details, status: 429, cloudCode: "rate_limited", detail: "slow down", attempts: 6, elapsedMs: 31_000 });
    expect(err.message).toBe(
      'create Linode key "ci": 429 Too Many Requests [rate_limited]: slow down; gave up after 6 attempts over 31.0 s (POST /object-storage/keys)',
    );
  });
});
