import { RateLimiter } from './rate-limiter';

/** A clock that only moves when the limiter sleeps (or the test says so). */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; sleeps: number[]; advance: (ms: number) => void } {
  let clock = 10_000;
  const sleeps: number[] = [];
  return {
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    sleeps,
    advance: (ms) => {
      clock += ms;
    },
  };
}

describe('RateLimiter', () => {
  it('lets 9 calls through at once and makes the 10th wait for the rest of the second', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter(9, 1000, time.sleep, time.now);
    for (let call = 0; call < 9; call++) await limiter.take();
    expect(time.sleeps).toEqual([]);
    await limiter.take();
    expect(time.sleeps).toEqual([1000]);
  });

  it('waits only for the remainder of the window', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter(9, 1000, time.sleep, time.now);
    await limiter.take();
    time.advance(300);
    for (let call = 0; call < 8; call++) await limiter.take();
    await limiter.take();
    // The first call leaves the window 1000 ms after it was made, i.e. 700 ms from now.
    expect(time.sleeps).toEqual([700]);
  });

  it('is a rolling window: calls older than the window no longer count', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter(3, 1000, time.sleep, time.now);
    await limiter.take();
    time.advance(600);
    await limiter.take();
    await limiter.take();
    time.advance(400);
    // The first call is exactly one window old: it no longer counts.
    await limiter.take();
    expect(time.sleeps).toEqual([]);
    await limiter.take();
    expect(time.sleeps).toEqual([600]);
  });

  it('never lets more than N calls into any window', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter(9, 1000, time.sleep, time.now);
    const callTimes: number[] = [];
    for (let call = 0; call < 40; call++) {
      await limiter.take();
      callTimes.push(time.now());
      if (call % 7 === 0) time.advance(130);
    }
    for (const start of callTimes) {
      expect(callTimes.filter((at) => at >= start && at < start + 1000).length).toBeLessThanOrEqual(9);
    }
  });
});
