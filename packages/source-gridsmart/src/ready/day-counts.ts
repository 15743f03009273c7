// The counts of one intersection-day in time order (gridsmart.md §4 steps c and f), sorted through
// core's external sorter: at most `sortMemoryRecords` records in memory, the rest in sorted runs in
// the run's temp dir, so a busy day costs disk, not memory. The sorter hands the day back as JSON
// text, each record as JSON.stringify writes it: the bytes the ready file had when the day was
// sorted in memory.
//
// Records arrive zone file by zone file and come out ordered by instant, equal instants in
// arrival order (the sorter is stable). A zone file may turn out unusable after some of its
// records were handed on (a record without a readable timestamp stops it): its records are then
// left out on the way out, by the number of the file they came from (part of their sort key),
// which leaves the others' order as it would have been without them.
import { ConfigError, ExternalRecordSorter } from '@lake/core';
import type { TimedRecord } from './record-time';

/** A count's sort key: its instant (ms since the epoch, the fraction below) and its zone file. */
type CountKey = [epochMs: number, subMs: number, file: number];

/** Chronological; the zone file is no part of the order. */
function byInstant(a: CountKey, b: CountKey): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Where gatherCounts hands the day's records. */
export interface CountsSink {
  add(file: number, records: readonly TimedRecord[]): Promise<void>;
  /** The file's records handed so far must not be written. */
  drop(file: number): void;
}

export interface DayCountsOptions {
  tempDir: string;
  /** Records held in memory while sorting. */
  sortMemoryRecords: number;
}

export class DayCounts implements CountsSink {
  private readonly sorter: ExternalRecordSorter<Record<string, unknown>, CountKey>;
  private readonly dropped = new Set<number>();

  constructor(options: DayCountsOptions) {
    const memory = options.sortMemoryRecords;
    // A value that is no count would silently lift the bound (NaN compares false).
    if (!Number.isSafeInteger(memory) || memory < 1) {
      throw new ConfigError(`sources.gs.sortMemoryRecords must be a whole number of records above 0, not ${JSON.stringify(memory)}`, 'fix it in lake.config.json, or leave it out for the default (8192)');
    }
    this.sorter = new ExternalRecordSorter<Record<string, unknown>, CountKey>({
      tempDir: options.tempDir,
      compare: byInstant,
      memoryRecords: options.sortMemoryRecords,
      unsortedMemoryRecords: options.sortMemoryRecords,
    });
  }

  /** Sorted runs written to the temp dir (0 while the day fits in memory). */
  get runCount(): number {
    return this.sorter.runCount;
  }

  async add(file: number, records: readonly TimedRecord[]): Promise<void> {
    const entries = new Array<{ key: CountKey; record: Record<string, unknown> }>(records.length);
    for (let index = 0; index < records.length; index++) {
      const { epochMs, subMs, record } = records[index];
      entries[index] = { key: [epochMs, subMs, file], record };
    }
    await this.sorter.addKeyed(entries);
  }

  drop(file: number): void {
    this.dropped.add(file);
  }

  /**
   * The day's records in time order as JSON array elements, in pieces (`{…},{…}` once
   * concatenated). Read once, after the last add.
   */
  json(): AsyncGenerator<string | Buffer> {
    const dropped = this.dropped;
    return this.sorter.sortedJson(dropped.size === 0 ? undefined : (key) => !dropped.has(key[2]));
  }

  /** Removes the temp files (json() also does when it ends). */
  async dispose(): Promise<void> {
    await this.sorter.dispose();
  }
}
