// A provider over an in-memory list, for tests. Records each range it is asked for.
import type { DateRange, Provider, ProviderItem } from '../provider';

export class ListProvider<Payload = unknown> implements Provider<Payload> {
  readonly ranges: DateRange[] = [];

  constructor(readonly list: ProviderItem<Payload>[], private readonly onRead: () => void = () => {}) {}

  async *items(range: DateRange): AsyncIterable<ProviderItem<Payload>> {
    this.ranges.push(range);
    this.onRead();
    // Index loop on purpose: items appended while iterating are seen, like a live listing.
    for (let index = 0; index < this.list.length; index += 1) yield this.list[index];
  }
}

export function item(base: string, ext: string, date: Date, dateEnd: Date | null = null): ProviderItem<string> {
  return { base, ext, date, dateEnd, label: `${base}.${ext}`, payload: `${base}.${ext}` };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const value of iterable) all.push(value);
  return all;
}

export function openRange(start: Date | null, overrides: Partial<DateRange> = {}): DateRange {
  return { start, end: null, lastRun: null, exact: false, ...overrides };
}
