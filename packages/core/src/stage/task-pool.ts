// Runs at most `size` tasks at once: `add` waits for a free slot, `drain` for every task. Tasks
// report their own errors (a rejected task would reject the next add or drain).

export class TaskPool {
  private readonly running = new Set<Promise<void>>();

  constructor(readonly size: number) {}

  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.size) await Promise.race(this.running);
    const promise = task().finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
  }
}
