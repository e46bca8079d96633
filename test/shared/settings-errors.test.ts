import { ApiError, ConfigurationError, NotFoundError, RateLimitedError } from "../../provider/shared/http/errors";
import { readSetting, requireCredential, resolveBaseUrl, useStackConfig } from "../../provider/shared/settings";

const source = { configKey: "example:token", envVar: "EXAMPLE_TOKEN" };
const url = { configKey: "example:url", envVar: "EXAMPLE_URL" };

afterEach(() => useStackConfig(undefined));

describe("settings", () => {
  it("prefers stack config over the environment", () => {
    useStackConfig({ get: (k) => (k === "example:token" ? "from-config" : undefined) });
    expect(readSetting(source, { EXAMPLE_TOKEN: "from-env" })).toBe("from-config");
    useStackConfig(undefined);
    expect(readSetting(source, { EXAMPLE_TOKEN: "from-env" })).toBe("from-env");
  });

  it("explains how to set a missing credential", () => {
    expect(() => requireCredential("The Example API token", source, {})).toThrow(ConfigurationError);
    expect(() => requireCredential("The Example API token", source, {})).toThrow(
      "The Example API token is not set: run `pulumi config set --secret example:token <value>` or set the EXAMPLE_TOKEN environment variable",
    );
  });

  it("refuses a token with whitespace or control characters, naming the setting and never the value", () => {
    for (const bad of ["abc def", "abc\n", "\tabc", "ab\u0000c", "ab\u007fc"]) {
      const error = (() => { try { requireCredential("The Example API token", source, { EXAMPLE_TOKEN: bad }); } catch (e) { return e as Error; } })();
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error!.message).toMatch(/The Example API token \(example:token \/ EXAMPLE_TOKEN\) contains (whitespace|control characters)/);
      expect(error!.message).not.toContain(bad.trim() || "x");
    }
    expect(requireCredential("The Example API token", source, { EXAMPLE_TOKEN: "ok-token_1.2" })).toBe("ok-token_1.2");
  });

  it("refuses plain http except on loopback", () => {
    expect(resolveBaseUrl(url, "https://api.example.com/v4/", {})).toBe("https://api.example.com/v4");
    expect(resolveBaseUrl(url, "x", { EXAMPLE_URL: "http://127.0.0.1:4010/example/v4" })).toBe("http://127.0.0.1:4010/example/v4");
    expect(resolveBaseUrl(url, "x", { EXAMPLE_URL: "http://localhost:1/v4" })).toBe("http://localhost:1/v4");
    expect(resolveBaseUrl(url, "x", { EXAMPLE_URL: "http://[::1]:1/v4" })).toBe("http://[::1]:1/v4");
    expect(() => resolveBaseUrl(url, "x", { EXAMPLE_URL: "http://api.example.com/v4" })).toThrow(/must be an https:\/\/ URL/);
    expect(() => resolveBaseUrl(url, "x", { EXAMPLE_URL: "not a url" })).toThrow(/not a valid URL/);
  });
});

describe("errors", () => {
  const details = { cloud: "Example", operation: 'create Example key "ci"', method: "POST", path: "/object-storage/keys" };

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
      'create Example key "ci": 429 Too Many Requests [rate_limited]: slow down; gave up after 6 attempts over 31.0 s (POST /object-storage/keys)',
    );
  });
});
