// At most N calls per rolling window (Knack allows 10 per second; we stay one under).

export class RateLimiter {
  private readonly recent: number[] = [];

  constructor(
    private readonly requests: number,
    private readonly perMs: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Waits until one more call fits in the window, then counts it. */
  async take(): Promise<void> {
    for (;;) {
      const cutoff = this.now() - this.perMs;
      while (this.recent.length && this.recent[0] <= cutoff) this.recent.shift();
      if (this.recent.length < this.requests) break;
      await this.sleep(this.recent[0] - cutoff);
    }
    this.recent.push(this.now());
  }
}
