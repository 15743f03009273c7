// A binary min-heap: the k-way merge of sorted runs keeps one cursor per run in it.

export class MinHeap<T> {
  /** `before(a, b)`: a comes out first. Takes ownership of `items`. */
  constructor(
    private readonly items: T[],
    private readonly before: (a: T, b: T) => boolean,
  ) {
    for (let index = (items.length >> 1) - 1; index >= 0; index--) this.down(index);
  }

  get size(): number {
    return this.items.length;
  }

  get top(): T {
    return this.items[0];
  }

  /** The top item changed its place in the order (its cursor moved on). */
  topChanged(): void {
    this.down(0);
  }

  removeTop(): void {
    const last = this.items.pop() as T;
    if (this.items.length > 0) {
      this.items[0] = last;
      this.down(0);
    }
  }

  private down(start: number): void {
    const items = this.items;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < items.length && this.before(items[left], items[smallest])) smallest = left;
      if (right < items.length && this.before(items[right], items[smallest])) smallest = right;
      if (smallest === index) return;
      [items[index], items[smallest]] = [items[smallest], items[index]];
      index = smallest;
    }
  }
}
