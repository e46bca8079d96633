/**
 * Scripted faults, each applying to the next N requests that match it (first match wins, in
 * the order they were added).
 */
import { CloudName, Fault } from "./types";

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
  take(cloud: CloudName, method: string, route: string): Fault | undefined {
    const index = this.pending.findIndex(
      (f) =>
        (f.cloud === undefined || f.cloud === cloud) &&
        (f.method === undefined || f.method.toUpperCase() === method.toUpperCase()) &&
        (f.route === undefined || route === f.route || route.includes(f.route)),
    );
    if (index < 0) return undefined;
    const fault = this.pending[index];
    fault.left -= 1;
    if (fault.left <= 0) this.pending.splice(index, 1);
    return fault;
  }
}
