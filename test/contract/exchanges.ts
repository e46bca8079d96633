/**
 * Contract-test plumbing: records what reaches one emulated cloud's handlers and what they
 * answer (the approach of each cloud's contract tests, test/<cloud>/contract*.test.ts), and sends raw requests to see the
 * headers the emulator adds around its handlers.
 */
import * as undici from "undici";
import { Emulator } from "../../emulator";
import { CloudModule, CloudName, EmulatedRequest, EmulatedResponse } from "../../emulator/types";

export interface Exchange {
  req: EmulatedRequest;
  res: EmulatedResponse;
}

/** Every request a cloud's routes handle from now on, with its answer; cleared by `length = 0`. */
export function recordExchanges(cloud: CloudModule): Exchange[] {
  const exchanges: Exchange[] = [];
  const route = cloud.route.bind(cloud);
  jest.spyOn(cloud, "route").mockImplementation((req) => {
    const found = route(req);
    return found && {
      name: found.name,
      handle: async (r: EmulatedRequest) => {
        const res = await found.handle(r);
        exchanges.push({ req: r, res });
        return res;
      },
    };
  });
  return exchanges;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** One request to the emulator as a client would send it; the body is parsed when it is JSON. */
export async function sendRaw(
  emulator: Emulator, cloud: CloudName, method: string, target: string, authorization: string, body?: unknown,
): Promise<RawAnswer> {
  const response = await undici.request(emulator.url(cloud) + target, {
    method: method as "GET",
    headers: { authorization, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.statusCode, headers: response.headers, body: parsed };
}
