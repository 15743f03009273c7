// Sorting more records than memory should hold (the ready order, bluetooth.md §5.2 step 4; B-18
// fixed). Records stay in memory up to a budget; past it the smallest are written, as JSON text,
// to sorted runs in temp files, which are merged at the end.
//
// AWAM files come nearly in time order (rows of one second in any reader order; ITMF rows in end
// time order while they are sorted by start time). Each spill therefore writes only the smallest
// three quarters of what it holds and keeps the rest to meet the records still to come: while
// nothing arrives that sorts before what was written, everything goes to one run, whose bytes
// are then the sorted data as they stand — no merge, no second parse. Input in any other order
// gives several runs and a k-way merge that parses them again; memory stays the same either way.
//
// Stable: records with equal keys come out in input order (ties go to the earlier run, and within
// a run keep their order).
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { readLakeJsonStream } from '@lake/core';
import type { BluetoothRecord } from '../formats/file-types';
import type { SortKey } from './ready-order';

export interface ExternalSortOptions {
  /** Where runs are written (in a folder of their own, removed by dispose). */
  tempDir: string;
  keyOf: (record: BluetoothRecord) => SortKey;
  compare: (a: SortKey, b: SortKey) => number;
  /**
   * Records held in memory before a spill while the input looks sorted (default 4,096: a small
   * window keeps the garbage collector's work small).
   */
  memoryRecords?: number;
  /** Records held once the input proved unsorted (default 8,192: fewer, longer runs to merge). */
  unsortedMemoryRecords?: number;
}

export const DEFAULT_SORT_MEMORY_RECORDS = 4096;
export const DEFAULT_UNSORTED_MEMORY_RECORDS = 8192;
/** Most runs merged at once; more are merged in rounds (open files and read buffers stay few). */
const MAX_FAN_IN = 16;
/** Bytes read at a time from each run while merging. */
const MERGE_READ_BYTES = 16 * 1024;
/** Records serialized per JSON.stringify call when merging. */
const BATCH_RECORDS = 2048;

interface Keyed {
  key: SortKey;
  record: BluetoothRecord;
}

interface Run {
  file: string;
  /** Open while the run is being written. */
  handle: fs.FileHandle | null;
  empty: boolean;
}

export class ExternalRecordSorter {
  private readonly keyOf: (record: BluetoothRecord) => SortKey;
  private readonly compare: (a: SortKey, b: SortKey) => number;
  private memoryRecords: number;
  private readonly unsortedMemoryRecords: number;
  private buffer: Keyed[] = [];
  private dir: string | null = null;
  private runs: Run[] = [];
  private lastKey: SortKey | null = null;
  private nextFile = 0;
  private runsStarted = 0;

  constructor(private readonly options: ExternalSortOptions) {
    this.keyOf = options.keyOf;
    this.compare = options.compare;
    this.memoryRecords = Math.max(4, options.memoryRecords ?? DEFAULT_SORT_MEMORY_RECORDS);
    this.unsortedMemoryRecords = Math.max(this.memoryRecords, options.unsortedMemoryRecords ?? DEFAULT_UNSORTED_MEMORY_RECORDS);
  }

  /** Sorted runs written to temp files (0 while everything fits in memory). */
  get runCount(): number {
    return this.runsStarted;
  }

  async add(records: readonly BluetoothRecord[]): Promise<void> {
    for (const record of records) this.buffer.push({ key: this.keyOf(record), record });
    if (this.buffer.length >= this.memoryRecords) await this.spill(false);
  }

  /**
   * The sorted records as JSON text, in pieces: concatenated they are the elements of a JSON array
   * (`{…},{…}`), each record as JSON.stringify writes it. Call once, after the last add.
   */
  async *sortedJson(): AsyncGenerator<string | Buffer> {
    if (this.runs.length === 0) {
      this.sortBuffer();
      yield* jsonElements(this.buffer.map((entry) => entry.record), false);
      this.buffer = [];
      return;
    }
    await this.spill(true);
    await this.closeRun();
    while (this.runs.length > MAX_FAN_IN) await this.mergePass();
    if (this.runs.length === 1) {
      yield* createReadStream(this.runs[0].file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
      return;
    }
    let continuing = false;
    for await (const records of this.merged(this.runs)) {
      yield* jsonElements(records, continuing);
      continuing ||= records.length > 0;
    }
  }

  /** Removes the temp files. */
  async dispose(): Promise<void> {
    await this.closeRun();
    if (this.dir) await fs.rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private sortBuffer(): void {
    const compare = this.compare;
    // Array.prototype.sort is stable, and equal keys sit in the buffer in input order.
    this.buffer.sort((a, b) => compare(a.key, b.key));
  }

  /** Writes the smallest records (all when final) to the current run, or to a new one. */
  private async spill(final: boolean): Promise<void> {
    this.sortBuffer();
    const buffer = this.buffer;
    const count = final ? buffer.length : Math.max(1, Math.floor((buffer.length * 3) / 4));
    if (count === 0) return;
    let run = this.runs.at(-1);
    if (!run?.handle || this.compare(this.lastKey as SortKey, buffer[0].key) > 0) {
      // A second run: the input is not nearly sorted, so runs as long as memory allows pay off.
      if (run) this.memoryRecords = this.unsortedMemoryRecords;
      run = await this.startRun();
    }
    const records = new Array<BluetoothRecord>(count);
    for (let index = 0; index < count; index++) records[index] = buffer[index].record;
    await this.append(run, records);
    this.lastKey = buffer[count - 1].key;
    this.buffer = buffer.slice(count);
  }

  private async append(run: Run, records: BluetoothRecord[]): Promise<void> {
    for (const piece of jsonElements(records, !run.empty)) await (run.handle as fs.FileHandle).write(piece);
    if (records.length > 0) run.empty = false;
  }

  private async startRun(): Promise<Run> {
    await this.closeRun();
    const run = await this.newRun();
    this.runs.push(run);
    this.runsStarted++;
    return run;
  }

  private async newRun(): Promise<Run> {
    this.dir ??= await fs.mkdtemp(path.join(this.options.tempDir, 'sort-'));
    const file = path.join(this.dir, `run-${this.nextFile++}.json`);
    return { file, handle: await fs.open(file, 'w'), empty: true };
  }

  private async closeRun(): Promise<void> {
    const run = this.runs.at(-1);
    const handle = run?.handle;
    if (run) run.handle = null;
    await handle?.close();
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
      const merged = await this.newRun();
      try {
        for await (const records of this.merged(group)) await this.append(merged, records);
      } finally {
        await merged.handle?.close();
        merged.handle = null;
      }
      next.push(merged);
      await Promise.all(group.map((run) => fs.rm(run.file, { force: true })));
    }
    this.runs = next;
  }

  /** The records of several sorted runs, merged (a heap of one cursor per run), in batches. */
  private async *merged(runs: readonly Run[]): AsyncGenerator<BluetoothRecord[]> {
    const cursors: RunCursor[] = [];
    for (const [index, run] of runs.entries()) {
      const cursor = new RunCursor(index, readRun(run.file), this.keyOf);
      if (await cursor.advance()) cursors.push(cursor);
    }
    const compare = this.compare;
    const heap = new CursorHeap(cursors, (a, b) => {
      const order = compare(a.key, b.key);
      return order < 0 || (order === 0 && a.run < b.run);
    });
    let batch: BluetoothRecord[] = [];
    while (heap.size > 0) {
      const cursor = heap.top;
      batch.push(cursor.record);
      if (batch.length >= BATCH_RECORDS) {
        yield batch;
        batch = [];
      }
      if (await cursor.advance()) heap.topChanged();
      else heap.removeTop();
    }
    if (batch.length > 0) yield batch;
  }
}

/** Records as JSON text without the array brackets, a few thousand per JSON.stringify call. */
/**
 * Records as JSON array elements in pieces of BATCH_RECORDS: concatenated, the pieces are
 * `{…},{…}`; `continuing` puts a comma before the first, to extend elements already written.
 */
function* jsonElements(records: readonly BluetoothRecord[], continuing: boolean): Generator<string> {
  for (let start = 0; start < records.length; start += BATCH_RECORDS) {
    const batch = start === 0 && records.length <= BATCH_RECORDS ? records : records.slice(start, start + BATCH_RECORDS);
    const elements = JSON.stringify(batch).slice(1, -1);
    yield continuing || start > 0 ? `,${elements}` : elements;
  }
}

/** The records of a run file (elements without brackets), in batches as read. */
async function* readRun(file: string): AsyncGenerator<BluetoothRecord[]> {
  async function* asDocument(): AsyncGenerator<Buffer | string> {
    yield '{"run":[';
    yield* createReadStream(file, { highWaterMark: MERGE_READ_BYTES }) as AsyncIterable<Buffer>;
    yield ']}';
  }
  for await (const event of readLakeJsonStream(asDocument(), { arrays: ['run'], source: file })) {
    if (event.kind === 'elements') yield event.values as BluetoothRecord[];
  }
}

/** The current record of one run during a merge. */
class RunCursor {
  record: BluetoothRecord = {};
  key: SortKey = [];
  private records: BluetoothRecord[] = [];
  private position = 0;

  constructor(
    readonly run: number,
    private readonly source: AsyncGenerator<BluetoothRecord[]>,
    private readonly keyOf: (record: BluetoothRecord) => SortKey,
  ) {}

  async advance(): Promise<boolean> {
    while (this.position >= this.records.length) {
      const next = await this.source.next();
      if (next.done) return false;
      this.records = next.value;
      this.position = 0;
    }
    this.record = this.records[this.position++];
    this.key = this.keyOf(this.record);
    return true;
  }
}

/** A binary min-heap of cursors. */
class CursorHeap {
  constructor(
    private readonly items: RunCursor[],
    private readonly before: (a: RunCursor, b: RunCursor) => boolean,
  ) {
    for (let index = (items.length >> 1) - 1; index >= 0; index--) this.down(index);
  }

  get size(): number {
    return this.items.length;
  }

  get top(): RunCursor {
    return this.items[0];
  }

  topChanged(): void {
    this.down(0);
  }

  removeTop(): void {
    const last = this.items.pop() as RunCursor;
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
