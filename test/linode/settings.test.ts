/** Linode's URL setting: a bare host gets the API version path, as Linode's own clients do. */
import { resolveBaseUrl } from "../../provider/shared/settings";

const url = { configKey: "linode:url", envVar: "LINODE_URL" };

test("adds the API version path to a Linode URL given as a bare host, as Linode's own clients do", () => {
  expect(resolveBaseUrl(url, "x", { LINODE_URL: "https://api.linode.com" }, "/v4")).toBe("https://api.linode.com/v4");
  expect(resolveBaseUrl(url, "x", { LINODE_URL: "https://api.linode.com/" }, "/v4")).toBe("https://api.linode.com/v4");
  expect(resolveBaseUrl(url, "x", { LINODE_URL: "https://api.linode.com/v4beta" }, "/v4")).toBe("https://api.linode.com/v4beta");
  expect(resolveBaseUrl(url, "https://api.linode.com/v4", {}, "/v4")).toBe("https://api.linode.com/v4");
});
