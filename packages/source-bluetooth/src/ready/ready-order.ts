// The order of a ready file (bluetooth.md §5.2 step 4): per file type, sort keys compared as the
// original compared them; ties keep input order (a stable sort, which upstream did not promise).
import type { BluetoothFileType, BluetoothRecord } from '../formats/file-types';

/** Sort keys per file type. */
export const SORT_KEYS: Readonly<Record<BluetoothFileType, readonly string[]>> = {
  unmatched: ['host_timestamp', 'reader_id'],
  matched: ['start_time', 'origin_reader_id', 'dest_reader_id'],
  traf_match_summary: ['timestamp', 'origin_reader_id', 'dest_reader_id'],
};

/** The values a record is sorted by, in key order. */
export type SortKey = readonly unknown[];

export function sortKeyOf(record: BluetoothRecord, keys: readonly string[]): unknown[] {
  const values = new Array<unknown>(keys.length);
  for (let index = 0; index < keys.length; index++) values[index] = record[keys[index]];
  return values;
}

/** Compares sort keys value by value. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  for (let index = 0; index < a.length; index++) {
    const order = compareValues(a[index], b[index]);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * Missing values last (pandas' na_position). Times are the original's timestamp text and compare
 * as text, as the original compared them.
 */
export function compareValues(a: unknown, b: unknown): number {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const aText = String(a);
  const bText = String(b);
  return aText < bText ? -1 : aText > bText ? 1 : 0;
}
