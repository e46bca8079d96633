import { GateWaitTooLong, RateGate } from "../../provider/shared/http/rate-gate";

function fakeClock(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return { now: () => now, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)), sleeps, advance: (ms: number) => (now += ms) };
}

/** A clock shared by concurrent waiters: sleeps resolve in order of wake-up time. */
function sharedClock(start = 1_000_000) {
  let now = start;
  const timers: { at: number; resolve: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
    /** Runs every timer in time order until none is left. */
    async drain(): Promise<void> {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (timers.length === 0) return;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift()!;
        now = Math.max(now, next.at);
        next.resolve();
      }
    },
  };
}

describe("RateGate", () => {
  it("lets everything through until the cloud says something", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    for (let i = 0; i < 50; i++) await gate.acquire(clock);
    expect(clock.sleeps).toEqual([]);
  });

  it("counts the requests sent before the first answer against the window that answer shows", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    for (let i = 0; i < 6; i++) await gate.acquire(clock);
    // the first answer counts only its own request: the other five are still in flight
    gate.observe({ limit: 40, remaining: 39, resetInMs: 30_000 }, clock.now());
    let sent = 6;
    while (clock.sleeps.length === 0) {
      await gate.acquire(clock);
      if (clock.sleeps.length === 0) sent++;
    }
    expect(sent).toBe(40);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it("holds requests once the window's budget is spent, until the window ends", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    gate.observe({ limit: 3, remaining: 2, resetInMs: 1_000 }, clock.now());
    await gate.acquire(clock);
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([]);
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([1_000]);
    // a new window brings the full limit back: two more without waiting
    await gate.acquire(clock);
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([1_000]);
  });

  it("refills once per window, not once per waiting request", async () => {
    const gate = new RateGate();
    const clock = sharedClock();
    gate.observe({ limit: 10, remaining: 0, resetInMs: 1_000, windowMs: 1_000 }, clock.now());
    const sentAt: number[] = [];
    const waiters = Array.from({ length: 40 }, () => gate.acquire(clock).then(() => sentAt.push(clock.now())));
    await clock.drain();
    await Promise.all(waiters);
    const perWindow = new Map<number, number>();
    for (const t of sentAt) perWindow.set(Math.floor((t - 1_000_000) / 1_000), (perWindow.get(Math.floor((t - 1_000_000) / 1_000)) ?? 0) + 1);
    expect([...perWindow.values()]).toEqual([10, 10, 10, 10]);
    expect(Math.max(...sentAt) - 1_000_000).toBe(4_000);
  });

  it("refills for the window length the answers show, even when the documented window is longer", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    gate.observe({ limit: 2, remaining: 0, resetInMs: 1_000, windowMs: 60_000 }, clock.now());
    await gate.acquire(clock); // waits out the first window, then the refill is for one second, not sixty
    await gate.acquire(clock);
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([1_000, 1_000]);
  });

  it("counts every request of a refilled window when the cloud shows that window ends later than guessed", async () => {
    // A clock-minute budget of 40 first heard of 20 s into the minute: the longest time-to-reset
    // seen is 41 s (40 s left plus the profile's second), so the refill guesses a 41 s window.
    const gate = new RateGate();
    const clock = fakeClock();
    gate.observe({ limit: 40, remaining: 0, resetInMs: 41_000, windowMs: 60_000 }, clock.now());
    for (let i = 0; i < 30; i++) await gate.acquire(clock); // the refill, then 30 sent at once
    expect(clock.sleeps).toEqual([41_000]);
    const refill = clock.now();
    // The first answer (20 ms later) shows the whole minute ahead and 39 left: the other 29 are in flight.
    clock.advance(20);
    gate.observe({ limit: 40, remaining: 39, resetInMs: 60_000, windowMs: 60_000 }, clock.now());
    let sent = 30;
    while (clock.sleeps.length === 1) {
      await gate.acquire(clock);
      if (clock.sleeps.length === 1) sent++;
    }
    expect(sent).toBe(40);
    // the next request waits for the cloud's end of the minute, not the guessed one
    expect(clock.now()).toBe(refill + 20 + 60_000);
  });

  it("trusts the count of a window that began after the refill", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    gate.observe({ limit: 40, remaining: 0, resetInMs: 60_000, windowMs: 60_000 }, clock.now());
    for (let i = 0; i < 40; i++) await gate.acquire(clock);
    clock.advance(59_000);
    // the cloud's next window began a second before our guessed end, with 35 left
    gate.observe({ limit: 40, remaining: 35, resetInMs: 60_000, windowMs: 60_000 }, clock.now());
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([60_000]);
  });

  it("keeps the lowest count of one window whatever order answers arrive in", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    gate.observe({ limit: 10, remaining: 1, resetInMs: 5_000 }, clock.now());
    gate.observe({ limit: 10, remaining: 7, resetInMs: 5_000 }, clock.now());
    await gate.acquire(clock);
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([5_000]);
  });

  it("never waits longer than one window, whatever reset a skewed server clock claims", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    gate.observe({ limit: 5, remaining: 0, resetInMs: 3_600_000, windowMs: 60_000 }, clock.now());
    await gate.acquire(clock);
    expect(clock.sleeps).toEqual([60_000]);
  });

  it("refuses to wait past the deadline and says when the budget returns", async () => {
    const gate = new RateGate();
    const clock = fakeClock();
    gate.observe({ limit: 5, remaining: 0, resetInMs: 30_000 }, clock.now());
    const refusal = await gate.acquire(clock, clock.now() + 10_000).catch((e) => e);
    expect(refusal).toBeInstanceOf(GateWaitTooLong);
    expect((refusal as GateWaitTooLong).retryAt).toBe(clock.now() + 30_000);
    expect(clock.sleeps).toEqual([]);
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
