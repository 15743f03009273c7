// Sorting more records than memory should hold: records stay in memory up to a count; past it
// they are written, as JSON text with their keys, to sorted runs in temp files, which are merged
// at the end. Any source's ready stage that must order a day's records uses it (bt:ready,
// gs:ready).
//
// Lake files usually come nearly in time order (AWAM rows of one second in any reader order; a
// GRIDSMART zone file in time order, zone after zone). Each spill therefore writes three quarters
// of what it holds and keeps the largest to meet the records still to come, and it goes on
// writing to the current run as long as enough of what it holds sorts after what the run ended
// with (a batch-wise replacement selection); what sorts before waits for the next run. Nearly
// sorted input becomes one run, whose bytes are then the sorted data as they stand; sorted
// stretches one after another (zone after zone) a run each; random input runs of about 1.2 times
// the memory. Runs are merged k-way on their keys alone: a record's JSON goes from its run to the
// output as text, parsed only if it was in the first run (run-file.ts tells why).
//
// Stable: records with equal keys come out in input order (ties go to the earlier run, and within
// a run keep their order). Records and keys must be JSON-serialisable and survive a JSON round
// trip (what comes back is what JSON.parse makes of JSON.stringify's text; compare sees keys read
// back, e.g. `undefined` in an array as null).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MinHeap } from './min-heap';
import { readRunRecords, runElements, RunWriter, type RunRecord } from './run-file';
import { SortSpillFailed } from './sort-errors';

export interface ExternalSortOptions<T, K> {
  /** Where runs are written (in a folder of their own, removed by dispose). */
  tempDir: string;
  /** The value add() sorts a record by (computed once; addKeyed takes keys the caller has). */
  keyOf?: (record: T) => K;
  compare: (a: K, b: K) => number;
  /**
   * Records held in memory before a spill while the input looks sorted (default 4,096: a small
   * window keeps the garbage collector's work small).
   */
  memoryRecords?: number;
  /** Records held once the input proved unsorted (default 8,192, at least memoryRecords: fewer, longer runs to merge). */
  unsortedMemoryRecords?: number;
}

export const DEFAULT_SORT_MEMORY_RECORDS = 4096;
export const DEFAULT_UNSORTED_MEMORY_RECORDS = 8192;
/**
 * Most runs merged at once; more are merged in rounds (open files and read buffers stay few: a
 * merge holds one line of 256 records and a 64 KiB read per run). 64 covers an intersection of
 * several cameras, a run per zone file, in one round.
 */
const MAX_FAN_IN = 64;
/** Records serialized per JSON.stringify call, and handed out per batch. */
const BATCH_RECORDS = 2048;
/** Output gathered before it is handed on, in characters. */
const OUTPUT_CHARS = 64 * 1024;

/** A record with the key it sorts by. */
export interface KeyedRecord<T, K> {
  key: K;
  record: T;
}

interface Run {
  file: string;
  /** Open while the run is being written. */
  writer: RunWriter | null;
}

/**
 * add() the records, then read the result once, with sortedJson() or sorted(). The result removes
 * the temp files when it ends, fails or is abandoned; call dispose() in a `finally` as well, for
 * a sort that never got that far.
 */
export class ExternalRecordSorter<T, K> {
  private readonly compare: (a: K, b: K) => number;
  private memoryRecords: number;
  private readonly unsortedMemoryRecords: number;
  private buffer: KeyedRecord<T, K>[] = [];
  private dir: string | null = null;
  private runs: Run[] = [];
  private lastKey: K | undefined;
  private nextFile = 0;
  private runsStarted = 0;

  constructor(private readonly options: ExternalSortOptions<T, K>) {
    this.compare = options.compare;
    const memory = options.memoryRecords ?? DEFAULT_SORT_MEMORY_RECORDS;
    const unsortedMemory = options.unsortedMemoryRecords ?? DEFAULT_UNSORTED_MEMORY_RECORDS;
    // NaN would compare false with every count and lift the bound without a word.
    if (!(memory > 0) || !(unsortedMemory > 0)) throw new RangeError(`ExternalRecordSorter: record counts must be above 0 (memoryRecords ${memory}, unsortedMemoryRecords ${unsortedMemory})`);
    this.memoryRecords = Math.max(4, memory);
    this.unsortedMemoryRecords = Math.max(this.memoryRecords, unsortedMemory);
  }

  /** Sorted runs written to temp files (0 while everything fits in memory). */
  get runCount(): number {
    return this.runsStarted;
  }

  /** Adds records sorted by `keyOf` (an option). */
  async add(records: readonly T[]): Promise<void> {
    const keyOf = this.options.keyOf;
    if (!keyOf) throw new TypeError('ExternalRecordSorter.add needs the keyOf option (or use addKeyed)');
    for (const record of records) this.buffer.push({ key: keyOf(record), record });
    if (this.buffer.length >= this.memoryRecords) await this.spill(false);
  }

  /** Adds records with their keys (kept as given: the entries are not copied). */
  async addKeyed(entries: readonly KeyedRecord<T, K>[]): Promise<void> {
    for (const entry of entries) this.buffer.push(entry);
    if (this.buffer.length >= this.memoryRecords) await this.spill(false);
  }

  /**
   * The sorted records as JSON text, in pieces: concatenated they are the elements of a JSON array
   * (`{…},{…}`), each record as JSON.stringify writes it. `keep` leaves out the records whose key
   * it refuses. Call once, after the last add.
   */
  async *sortedJson(keep?: (key: K) => boolean): AsyncGenerator<string | Buffer> {
    try {
      if (this.runs.length === 0) {
        yield* jsonElements(this.takeBuffer(keep));
        return;
      }
      await this.finishRuns();
      if (this.runs.length === 1 && !keep) {
        yield* runElements(this.runs[0].file);
        return;
      }
      let texts: string[] = [];
      let chars = 0;
      let continuing = false;
      for await (const records of this.merged(this.runs)) {
        for (const record of records) {
          if (keep && !keep(record.key)) continue;
          texts.push(record.json);
          chars += record.json.length;
        }
        if (chars >= OUTPUT_CHARS) {
          yield (continuing ? ',' : '') + texts.join(',');
          continuing = true;
          texts = [];
          chars = 0;
        }
      }
      if (texts.length > 0) yield (continuing ? ',' : '') + texts.join(',');
    } finally {
      await this.dispose();
    }
  }

  /** The sorted records, in batches of a few thousand; `keep` as for sortedJson. Call once, after the last add. */
  async *sorted(keep?: (key: K) => boolean): AsyncGenerator<T[]> {
    try {
      if (this.runs.length === 0) {
        const records = this.takeBuffer(keep);
        for (let start = 0; start < records.length; start += BATCH_RECORDS) yield records.slice(start, start + BATCH_RECORDS);
        return;
      }
      await this.finishRuns();
      for await (const read of this.merged(this.runs)) {
        const records: T[] = [];
        for (const record of read) if (!keep || keep(record.key)) records.push(JSON.parse(record.json) as T);
        if (records.length > 0) yield records;
      }
    } finally {
      await this.dispose();
    }
  }

  /** Removes the temp files (safe to call more than once). */
  async dispose(): Promise<void> {
    this.buffer = [];
    // A write that failed was reported where it failed; dispose only cleans up.
    await this.closeRun().catch(() => undefined);
    const dir = this.dir;
    this.dir = null;
    this.runs = [];
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  }

  /** The records held in memory, sorted, those `keep` refuses left out; the buffer is emptied. */
  private takeBuffer(keep?: (key: K) => boolean): T[] {
    this.sortBuffer();
    const records: T[] = [];
    for (const entry of this.buffer) if (!keep || keep(entry.key)) records.push(entry.record);
    this.buffer = [];
    return records;
  }

  /** Spills what is held, then merges in rounds until at most MAX_FAN_IN runs are left. */
  private async finishRuns(): Promise<void> {
    await this.spill(true);
    await this.closeRun();
    while (this.runs.length > MAX_FAN_IN) await this.mergePass();
  }

  private sortBuffer(): void {
    const compare = this.compare;
    // Array.prototype.sort is stable, and equal keys sit in the buffer in input order.
    this.buffer.sort((a, b) => compare(a.key, b.key));
  }

  /**
   * Writes three quarters of what is held (all when final): the smallest of the records that sort
   * at or after the current run's last key, while there are that many; else those records end
   * the run, and the smallest of the rest start a new one.
   */
  private async spill(final: boolean): Promise<void> {
    this.sortBuffer();
    let buffer = this.buffer;
    if (buffer.length === 0) return;
    const quota = final ? buffer.length : Math.max(1, Math.floor((buffer.length * 3) / 4));
    const run = this.runs.at(-1);
    if (run?.writer) {
      const next = this.nextRunCount(buffer);
      if (buffer.length - next >= quota) {
        await this.write(run, buffer, next, next + quota);
        return;
      }
      // Too few records left for this run: they end it.
      await this.write(run, buffer, next, buffer.length);
      await this.closeRun();
      // A second run: the input is not nearly sorted, so runs as long as memory allows pay off.
      this.memoryRecords = this.unsortedMemoryRecords;
      buffer = this.buffer;
      if (buffer.length === 0) return;
    }
    const count = final ? buffer.length : Math.max(1, Math.floor((buffer.length * 3) / 4));
    await this.write(await this.startRun(), buffer, 0, count);
  }

  /** How many of the sorted records sort before the current run's last key (they start the buffer). */
  private nextRunCount(buffer: readonly KeyedRecord<T, K>[]): number {
    const lastKey = this.lastKey as K;
    let low = 0;
    let high = buffer.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(buffer[middle].key, lastKey) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Appends buffer[start, end) to the run; the rest stays held, in order. */
  private async write(run: Run, buffer: KeyedRecord<T, K>[], start: number, end: number): Promise<void> {
    if (end > start) {
      await this.writing(run, (writer) => writer.append(buffer, start, end));
      this.lastKey = buffer[end - 1].key;
    }
    this.buffer = start === 0 ? buffer.slice(end) : buffer.slice(0, start).concat(buffer.slice(end));
  }

  private async writing(run: Run, write: (writer: RunWriter) => Promise<void>): Promise<void> {
    try {
      await write(run.writer as RunWriter);
    } catch (error) {
      throw new SortSpillFailed(run.file, error);
    }
  }

  private async startRun(): Promise<Run> {
    await this.closeRun();
    // The first run is written to be read out as it stands, the others to be merged.
    const run = await this.newRun(this.runsStarted > 0);
    this.runs.push(run);
    this.runsStarted++;
    return run;
  }

  private async newRun(forMerge: boolean): Promise<Run> {
    let file = this.options.tempDir;
    try {
      this.dir ??= await fs.mkdtemp(path.join(this.options.tempDir, 'sort-'));
      file = path.join(this.dir, `run-${this.nextFile++}.json`);
      return { file, writer: await RunWriter.create(file, forMerge) };
    } catch (error) {
      throw new SortSpillFailed(file, error);
    }
  }

  /** Waits for the run's last write and closes it (the current run unless told otherwise). */
  private async closeRun(run = this.runs.at(-1)): Promise<void> {
    const writer = run?.writer;
    if (!run || !writer) return;
    run.writer = null;
    try {
      await writer.close();
    } catch (error) {
      throw new SortSpillFailed(run.file, error);
    }
  }

  /** Merges each group of consecutive runs into one, in its place (run order is the tie-break). */
  private async mergePass(): Promise<void> {
    const next: Run[] = [];
    for (let start = 0; start < this.runs.length; start += MAX_FAN_IN) {
      const group = this.runs.slice(start, start + MAX_FAN_IN);
      if (group.length === 1) {
        next.push(group[0]);
        continue;
      }
      const merged = await this.newRun(true);
      try {
        for await (const records of this.merged(group)) await this.writing(merged, (writer) => writer.appendRead(records));
      } catch (error) {
        await this.closeRun(merged).catch(() => undefined);
        throw error;
      }
      await this.closeRun(merged);
      next.push(merged);
      await Promise.all(group.map((run) => fs.rm(run.file, { force: true })));
    }
    this.runs = next;
  }

  /** The records of several sorted runs, merged on their keys (a heap of one cursor per run), in batches. */
  private async *merged(runs: readonly Run[]): AsyncGenerator<RunRecord<K>[]> {
    const cursors: RunCursor<K>[] = [];
    try {
      for (const [index, run] of runs.entries()) {
        const cursor = new RunCursor<K>(index, readRunRecords<K>(run.file));
        cursors.push(cursor);
        await cursor.advance();
      }
      const compare = this.compare;
      const heap = new MinHeap(
        cursors.filter((cursor) => !cursor.done),
        (a, b) => {
          const order = compare(a.record.key, b.record.key);
          return order < 0 || (order === 0 && a.run < b.run);
        },
      );
      let batch: RunRecord<K>[] = [];
      while (heap.size > 0) {
        const cursor = heap.top;
        batch.push(cursor.record);
        if (batch.length >= BATCH_RECORDS) {
          yield batch;
          batch = [];
        }
        if (cursor.advanceInBatch() || (await cursor.advance())) heap.topChanged();
        else heap.removeTop();
      }
      if (batch.length > 0) yield batch;
    } finally {
      // Closes the read streams of runs not read to the end (an abandoned or failed merge).
      await Promise.all(cursors.map((cursor) => cursor.close()));
    }
  }
}

/** Records as JSON array elements (`{…},{…}`), in pieces of BATCH_RECORDS. */
function* jsonElements<T>(records: readonly T[]): Generator<string> {
  for (let start = 0; start < records.length; start += BATCH_RECORDS) {
    const batch = start === 0 && records.length <= BATCH_RECORDS ? records : records.slice(start, start + BATCH_RECORDS);
    const elements = JSON.stringify(batch).slice(1, -1);
    yield start > 0 ? `,${elements}` : elements;
  }
}

/** The current record of one run during a merge. */
class RunCursor<K> {
  record!: RunRecord<K>;
  done = false;
  private records: RunRecord<K>[] = [];
  private position = 0;

  constructor(
    readonly run: number,
    private readonly source: AsyncGenerator<RunRecord<K>[]>,
  ) {}

  /** Moves to the next of the records already read; false when they are used up. */
  advanceInBatch(): boolean {
    if (this.position >= this.records.length) return false;
    this.record = this.records[this.position++];
    return true;
  }

  /** Moves to the next record, reading on; false at the end of the run. */
  async advance(): Promise<boolean> {
    while (this.position >= this.records.length) {
      const next = await this.source.next();
      if (next.done) {
        this.done = true;
        return false;
      }
      this.records = next.value;
      this.position = 0;
    }
    this.record = this.records[this.position++];
    return true;
  }

  async close(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.source.return(undefined);
  }
}
