// Perfmet of an IAF (bluetooth.md §3.5): per reader, how many rows it sent and the span of their
// host times.
import type { BluetoothRecord } from './file-types';

export const UNMATCHED_ENTRIES = 'Unmatched Entries';

export interface ReaderTally {
  readerId: string;
  count: number;
  /** Smallest and largest host_timestamp text; null when the reader had no readable time. */
  minTimestamp: string | null;
  maxTimestamp: string | null;
}

/** Counts standardized IAF rows per reader id as they stream past. */
export class UnmatchedReaderTally {
  private readonly readers = new Map<string, ReaderTally>();

  add(record: BluetoothRecord): void {
    this.count(record.reader_id, record.host_timestamp);
  }

  /** As add(), given the record's reader_id and host_timestamp. */
  count(readerId: BluetoothRecord[string] | undefined, hostTime: BluetoothRecord[string] | undefined): void {
    // `nan` is what upstream meant to skip (its check was a no-op, B-2).
    if (typeof readerId !== 'string' || readerId === '' || readerId === 'nan') return;
    let tally = this.readers.get(readerId);
    if (!tally) {
      tally = { readerId, count: 0, minTimestamp: null, maxTimestamp: null };
      this.readers.set(readerId, tally);
    }
    tally.count++;
    // Compared as text, as upstream did; a null time counts as a row but not as a time (B-1).
    if (typeof hostTime !== 'string') return;
    if (tally.minTimestamp === null || hostTime < tally.minTimestamp) tally.minTimestamp = hostTime;
    if (tally.maxTimestamp === null || hostTime > tally.maxTimestamp) tally.maxTimestamp = hostTime;
  }

  /** Readers in order of first appearance. */
  tallies(): ReaderTally[] {
    return [...this.readers.values()];
  }
}
