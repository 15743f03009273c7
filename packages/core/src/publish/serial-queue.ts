/** Runs async jobs one after another, so file appends and rewrites never interleave. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    // A failed job must not block the ones queued after it.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
