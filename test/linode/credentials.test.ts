/** Linode's `credentials` input: a URL given as a bare host gets the API version path. */
import { connectLinode } from "../../provider/linode/settings";

test("a Linode URL given as a bare host gets /v4, as the linode:url setting does", () => {
  expect(connectLinode({ token: "t", url: "https://api.linode.com" }).baseUrl).toBe("https://api.linode.com/v4");
  expect(connectLinode({ token: "t", url: "https://api.linode.com/v4beta" }).baseUrl).toBe("https://api.linode.com/v4beta");
});
