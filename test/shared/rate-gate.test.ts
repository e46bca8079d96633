import { RateGate } from "../../provider/shared/http/rate-gate";

function fakeClock(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return { now: () => now, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)), sleeps, advance: (ms: number) => (now += ms) };
}

describe("RateGate", () => {
  it("lets everything through until the cloud says something", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    for (let i = 0; i < 50; i++) await gate.acquire(clock);
    expect(clock.sleeps).toEqual([]);
  });

  it("holds requests once the window's budget is spent, until the window ends", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    gate.observe({ limit: 3, remaining: 2, resetAt: clock.now() + 1_000 });
    await gate.acquire(clock);
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([]);
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([1_000]);
    // a new window brings the full limit back: three more without waiting
    await gate.acquire(clock);
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([1_000]);
  });

  it("keeps the lowest count of one window whatever order answers arrive in", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    const resetAt = clock.now() + 5_000;
    gate.observe({ limit: 10, remaining: 1, resetAt });
    gate.observe({ limit: 10, remaining: 7, resetAt });
    await gate.acquire(clock);
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([5_000]);
  });

  it("holds everyone back for as long as a 429 asked", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    gate.throttled(2_000, clock.now());
    gate.throttled(500, clock.now());
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([2_000]);
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([2_000]);
  });
});
