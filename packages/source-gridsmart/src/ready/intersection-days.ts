// gs:ready's work items: one per intersection (base) and day, made of that day's standardized zone
// files. Upstream collected the bases of a date and processed them together once the date
// advanced; one item per base and day is the same work, and a failing intersection no longer
// takes the others of its day down with it.
import { lakeFileName, type CatalogEntry, type LakeTime, type Provider, type ProviderItem } from '@lake/core';
import { COUNTS_EXT, DATA_SOURCE, guidOfZoneExt } from '../gridsmart-names';

/** Groups zone-file rows (ascending dates, as every provider yields them) by date, then base. */
export function intersectionDays(zoneRows: Provider<CatalogEntry>, time: LakeTime): Provider<CatalogEntry[]> {
  return {
    async *items(range) {
      let date: Date | null = null;
      let byBase = new Map<string, CatalogEntry[]>();
      for await (const row of zoneRows.items(range)) {
        if (guidOfZoneExt(row.ext) === null) continue; // site and unit-data files
        if (date && date.getTime() !== row.date.getTime()) {
          yield* dayItems(date, byBase, time);
          byBase = new Map();
        }
        date = row.date;
        const rows = byBase.get(row.base) ?? [];
        rows.push(row.payload);
        byBase.set(row.base, rows);
      }
      if (date) yield* dayItems(date, byBase, time);
    },
  };
}

function* dayItems(date: Date, byBase: Map<string, CatalogEntry[]>, time: LakeTime): Generator<ProviderItem<CatalogEntry[]>> {
  // Ordinal order, as Python's sorted() of the bases (no locale).
  const bases = [...byBase.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const base of bases) {
    yield { base, ext: COUNTS_EXT, date, dateEnd: null, label: lakeFileName(base, DATA_SOURCE, COUNTS_EXT, date, time), payload: byBase.get(base)! };
  }
}
