// Catalog rows in ascending collection-date order, searchable by date. Used to pick the unit
// data in force for a day: "the first inventory dated at or after D" (core.md §6.5).
import type { CatalogEntry } from './catalog-entry';

export class SearchableList {
  private readonly entries: readonly CatalogEntry[];

  /** Rows are sorted by collection date (stable, so rows of one date keep their order). */
  constructor(entries: Iterable<CatalogEntry>) {
    this.entries = [...entries].sort((a, b) => a.collectionDate.getTime() - b.collectionDate.getTime());
  }

  get length(): number {
    return this.entries.length;
  }

  at(index: number): CatalogEntry | undefined {
    return index >= 0 ? this.entries[index] : undefined;
  }

  /** Index of the first row dated at or after `date` ("bisect left"); `length` when none. */
  nextIndex(date: Date): number {
    return this.bisect(date.getTime(), (rowMs, ms) => rowMs < ms);
  }

  /** Index of the first row dated strictly after `date` ("bisect right"); `length` when none. */
  nextIndexExclusive(date: Date): number {
    return this.bisect(date.getTime(), (rowMs, ms) => rowMs <= ms);
  }

  [Symbol.iterator](): Iterator<CatalogEntry> {
    return this.entries[Symbol.iterator]();
  }

  private bisect(ms: number, goesRight: (rowMs: number, ms: number) => boolean): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (goesRight(this.entries[middle].collectionDate.getTime(), ms)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
