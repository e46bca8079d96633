/**
 * Scripted faults, each applying to the next N requests that match it (first match wins, in
 * the order they were added).
 */
import { CloudName, Fault } from "./types";

/** How long after a gateway answered the cloud still performs the request (NOTES: a 5xx may land). */
export const GATEWAY_DELAY_MS = 300;
/** A server clock an hour ahead: a client trusting it for a reset time would wait an hour. */
export const CLOCK_SKEW_MS = 3_600_000;

/** The page a proxy or load balancer answers with, instead of the cloud's JSON. */
export function gatewayPage(status: number): string {
  const titles: Record<number, string> = { 404: "404 Not Found", 502: "502 Bad Gateway", 503: "503 Service Unavailable", 504: "504 Gateway Time-out" };
  const title = titles[status] ?? String(status);
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}

export class FaultQueue {
  private pending: (Fault & { left: number })[] = [];

  add(fault: Fault): void {
    this.pending.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.pending = [];
  }

  /** Faults not yet used up. */
  remaining(): Fault[] {
    return this.pending.map(({ left, ...f }) => ({ ...f, times: left }));
  }

  /** The fault for this request, if any, consuming one use of it. */
  take(cloud: CloudName, method: string, route: string, path = ""): Fault | undefined {
    const index = this.pending.findIndex(
      (f) =>
        (f.cloud === undefined || f.cloud === cloud) &&
        (f.method === undefined || f.method.toUpperCase() === method.toUpperCase()) &&
        (f.route === undefined || route === f.route || route.includes(f.route)) &&
        (f.path === undefined || path.includes(f.path)),
    );
    if (index < 0) return undefined;
    const fault = this.pending[index];
    fault.left -= 1;
    if (fault.left <= 0) this.pending.splice(index, 1);
    return fault;
  }
}
