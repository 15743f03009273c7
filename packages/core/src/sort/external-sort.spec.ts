import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExternalRecordSorter, type ExternalSortOptions } from './external-sort';
import { SortSpillFailed } from './sort-errors';

/** A deterministic generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

interface TestRecord {
  time: unknown;
  reader: unknown;
  index: number;
}

type Key = readonly unknown[];

const keyOf = (record: TestRecord): Key => [record.time, record.reader];

/** Value by value; missing values last; text as text, numbers as numbers (as bt:ready orders). */
function compareKeys(a: Key, b: Key): number {
  for (let index = 0; index < a.length; index++) {
    const order = compareValues(a[index], b[index]);
    if (order !== 0) return order;
  }
  return 0;
}

function compareValues(a: unknown, b: unknown): number {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const aText = String(a);
  const bText = String(b);
  return aText < bText ? -1 : aText > bText ? 1 : 0;
}

describe('ExternalRecordSorter', () => {
  let tempDir: string;
  beforeEach(() => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-sort-'));
  });
  afterEach(() => {
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  /** Records numbered in input order, with few distinct keys (many ties). */
  function records(count: number, keyAt: (index: number) => [unknown, unknown]): TestRecord[] {
    return Array.from({ length: count }, (_, index) => {
      const [time, reader] = keyAt(index);
      return { time, reader, index };
    });
  }

  /** The reference: a stable in-memory sort, as JSON.stringify writes it. */
  function expected(input: TestRecord[]): string {
    return JSON.stringify([...input].sort((a, b) => compareKeys(keyOf(a), keyOf(b)))).slice(1, -1);
  }

  function sorter(memoryRecords: number, unsortedMemoryRecords = memoryRecords, options: Partial<ExternalSortOptions<TestRecord, Key>> = {}) {
    return new ExternalRecordSorter<TestRecord, Key>({ tempDir, keyOf, compare: compareKeys, memoryRecords, unsortedMemoryRecords, ...options });
  }

  async function addAll(target: ExternalRecordSorter<TestRecord, Key>, input: TestRecord[], batch: number): Promise<void> {
    for (let start = 0; start < input.length; start += batch) await target.add(input.slice(start, start + batch));
  }

  async function sortAll(input: TestRecord[], memoryRecords: number, batch = 37, unsortedMemoryRecords = memoryRecords): Promise<{ output: string; runs: number }> {
    const sort = sorter(memoryRecords, unsortedMemoryRecords);
    try {
      await addAll(sort, input, batch);
      let output = '';
      for await (const piece of sort.sortedJson()) output += piece.toString();
      return { output, runs: sort.runCount };
    } finally {
      await sort.dispose();
    }
  }

  /** A sorter with its records added whose runs are still on disk. */
  async function spilled(input: TestRecord[], memoryRecords: number) {
    const sort = sorter(memoryRecords);
    await addAll(sort, input, 50);
    expect(fs.readdirSync(tempDir)).toHaveLength(1);
    return sort;
  }

  it('sorts records in any order through several runs, stably (ties keep input order)', async () => {
    const random = generator(1);
    const input = records(5000, () => [random() < 0.1 ? null : `2019-06-01 00:0${Math.floor(random() * 10)}`, `reader_${Math.floor(random() * 5)}`]);
    const { output, runs } = await sortAll(input, 300);
    expect(runs).toBeGreaterThan(5);
    expect(output).toBe(expected(input));
  });

  it('merges in rounds when there are more runs than it merges at once', async () => {
    const random = generator(2);
    const input = records(6000, () => [Math.floor(random() * 300), null]);
    const { output, runs } = await sortAll(input, 40, 11);
    expect(runs).toBeGreaterThan(64);
    expect(output).toBe(expected(input));
  });

  it('makes longer runs once the input proved unsorted', async () => {
    const random = generator(4);
    const input = records(5000, () => [Math.floor(random() * 1000), null]);
    const { output, runs } = await sortAll(input, 100, 37, 1000);
    expect(runs).toBeLessThan(10);
    expect(output).toBe(expected(input));
  });

  it('writes nearly sorted input (readers of one second in any order) as one run', async () => {
    const random = generator(3);
    const input = records(5000, (index) => [`t${String(Math.floor(index / 5)).padStart(5, '0')}`, `reader_${Math.floor(random() * 9)}`]);
    const { output, runs } = await sortAll(input, 200);
    expect(runs).toBe(1);
    expect(output).toBe(expected(input));
  });

  it('reads a single run of several read buffers out as it stands, as JSON and as records', async () => {
    // ~1.5 MB of records in time order, a few out of place within the held window.
    const input = records(6000, (index) => [index % 50 === 0 ? index - 30 : index, 'x'.repeat(200 + (index % 17))]);
    const { output, runs } = await sortAll(input, 500);
    expect(runs).toBe(1);
    expect(output).toBe(expected(input));

    const sort = sorter(500);
    await addAll(sort, input, 37);
    const sorted: TestRecord[] = [];
    for await (const batch of sort.sorted()) sorted.push(...batch);
    expect(sort.runCount).toBe(1);
    expect(JSON.stringify(sorted).slice(1, -1)).toBe(expected(input));
  });

  it('merges sorted streams that follow one another (zone after zone) stably, one run each', async () => {
    // Four zones, each in time order over the same day, with equal instants across zones.
    const input = records(4000, (index) => [Math.floor((index % 1000) / 3), `zone_${Math.floor(index / 1000)}`]).map((record) => ({ ...record, reader: null }));
    const { output, runs } = await sortAll(input, 64);
    expect(runs).toBe(4);
    expect(output).toBe(expected(input));
  });

  it('sorts in memory, without temp files, when everything fits', async () => {
    const input = records(100, (index) => [100 - index, 'x']);
    const { output, runs } = await sortAll(input, 1000);
    expect(runs).toBe(0);
    expect(output).toBe(expected(input));
    expect(fs.readdirSync(tempDir)).toEqual([]);
  });

  it('writes valid elements in memory for more records than one JSON batch (2048)', async () => {
    const input = records(3000, (index) => [3000 - index, 'x']);
    const { output, runs } = await sortAll(input, 4096);
    expect(runs).toBe(0);
    expect(output).toBe(expected(input));
    expect(JSON.parse(`[${output}]`)).toHaveLength(3000);
  });

  it('writes valid elements through temp runs for batches larger than one JSON batch', async () => {
    const input = records(9000, (index) => [(index * 7919) % 9000, 'x']);
    const { output } = await sortAll(input, 2500, 3000);
    expect(output).toBe(expected(input));
  });

  it('writes nothing for no records', async () => {
    expect(await sortAll([], 10)).toEqual({ output: '', runs: 0 });
  });

  it('keeps values with escapes, tabs, newlines and non-ASCII intact through temp files', async () => {
    const input = records(60, (index) => [['b\t"x"\n', 'a😀é', 'c\\u0000\u2028'][index % 3], index % 2 === 0 ? null : `r${index % 5}`]);
    const { output, runs } = await sortAll(input, 4, 1);
    expect(runs).toBeGreaterThan(1);
    expect(output).toBe(expected(input));
  });

  describe('sorted(): the records themselves', () => {
    it('hands out the records in order, in batches, from memory and through temp runs', async () => {
      const random = generator(5);
      const input = records(7000, () => [Math.floor(random() * 500), `r${Math.floor(random() * 3)}`]);
      for (const memoryRecords of [10_000, 150]) {
        const sort = sorter(memoryRecords);
        await addAll(sort, input, 97);
        const batches: TestRecord[][] = [];
        for await (const batch of sort.sorted()) batches.push(batch);
        expect(batches.length).toBeGreaterThan(1);
        expect(JSON.stringify(batches.flat()).slice(1, -1)).toBe(expected(input));
        expect(sort.runCount > 0).toBe(memoryRecords < 7000);
        expect(fs.readdirSync(tempDir)).toEqual([]);
      }
    });

    it('returns records equal to those added after a JSON round trip', async () => {
      const input = records(500, (index) => [(index * 37) % 500, { nested: [index, 'x'], flag: index % 2 === 0 }]);
      const sort = sorter(40);
      await addAll(sort, input, 13);
      const output: TestRecord[] = [];
      for await (const batch of sort.sorted()) output.push(...batch);
      expect(sort.runCount).toBeGreaterThan(1);
      expect(output.map((record) => record.index)).toEqual([...input].sort((a, b) => compareKeys(keyOf(a), keyOf(b))).map((record) => record.index));
      expect(output[3]).toEqual(input.find((record) => record.index === output[3].index));
    });
  });

  describe('keys and filters', () => {
    it('leaves out the records whose key `keep` refuses, in memory and through runs, as JSON and as records', async () => {
      const random = generator(6);
      const input = records(3000, () => [Math.floor(random() * 400), Math.floor(random() * 4)]);
      const keep = (key: Key) => key[1] !== 2;
      const reference = expected(input.filter((record) => record.reader !== 2));
      for (const memoryRecords of [10_000, 64]) {
        const json = sorter(memoryRecords);
        await addAll(json, input, 41);
        let output = '';
        for await (const piece of json.sortedJson(keep)) output += piece.toString();
        expect(output).toBe(reference);

        const objects = sorter(memoryRecords);
        await addAll(objects, input, 41);
        const kept: TestRecord[] = [];
        for await (const batch of objects.sorted(keep)) kept.push(...batch);
        expect(JSON.stringify(kept).slice(1, -1)).toBe(reference);
        expect(objects.runCount > 0).toBe(memoryRecords === 64);
      }
    });

    it('sorts by keys the caller computed (addKeyed) and writes only the records', async () => {
      const input = records(2000, (index) => [(index * 7919) % 2000, null]);
      const sort = new ExternalRecordSorter<TestRecord, number>({ tempDir, compare: (a, b) => b - a, memoryRecords: 50 });
      for (let start = 0; start < input.length; start += 100) await sort.addKeyed(input.slice(start, start + 100).map((record) => ({ key: record.time as number, record })));
      let output = '';
      for await (const piece of sort.sortedJson()) output += piece.toString();
      expect(sort.runCount).toBeGreaterThan(1);
      expect(output).toBe(JSON.stringify([...input].sort((a, b) => (b.time as number) - (a.time as number))).slice(1, -1));
    });

    it('needs keyOf to add records without keys', async () => {
      const sort = new ExternalRecordSorter<TestRecord, number>({ tempDir, compare: (a, b) => a - b });
      await expect(sort.add(records(1, () => [1, 1]))).rejects.toThrow('keyOf');
    });

    it('fails clearly when a run changed on disk before it was read', async () => {
      const sort = await spilled(records(1000, (index) => [(index * 7919) % 1000, 'r']), 100);
      const [folder] = fs.readdirSync(tempDir);
      const firstRun = path.join(tempDir, folder, 'run-0.json');
      fs.truncateSync(firstRun, fs.statSync(firstRun).size - 3);
      const read = async () => {
        for await (const piece of sort.sortedJson()) expect(piece.length).toBeGreaterThan(0);
      };
      await expect(read()).rejects.toMatchObject({ code: 'SORT_RUN_DAMAGED' });
      expect(fs.readdirSync(tempDir)).toEqual([]);
    });
  });

  describe('its temp files', () => {
    it('are removed once the result was read', async () => {
      await sortAll(records(2000, (index) => [index % 7, index % 3]), 50);
      expect(fs.readdirSync(tempDir)).toEqual([]);
    });

    it('are removed when the reader stops early, from a merge or from a single run', async () => {
      const unsorted = records(3000, (index) => [(index * 7919) % 3000, null]);
      const sorted = records(3000, (index) => [index, null]);
      for (const input of [unsorted, sorted]) {
        const json = await spilled(input, 100);
        for await (const piece of json.sortedJson()) if (piece.length > 0) break;
        expect(fs.readdirSync(tempDir)).toEqual([]);

        const batches = await spilled(input, 100);
        for await (const batch of batches.sorted()) if (batch.length > 0) break;
        expect(fs.readdirSync(tempDir)).toEqual([]);
      }
    });

    it('are removed when reading the result fails, and the error is the one thrown', async () => {
      const sort = await spilled(records(1000, (index) => [(index * 7919) % 1000, 'r']), 100);
      expect(sort.runCount).toBeGreaterThan(1);
      const read = async () => {
        const refuse777 = (key: Key) => {
          if (key[0] === 777) throw new Error('no record 777');
          return true;
        };
        for await (const batch of sort.sorted(refuse777)) expect(batch.length).toBeGreaterThan(0);
      };
      await expect(read()).rejects.toThrow('no record 777');
      expect(fs.readdirSync(tempDir)).toEqual([]);
    });

    it('are removed by dispose when the result is never read', async () => {
      const sort = await spilled(records(1000, (index) => [(index * 7919) % 1000, 'r']), 100);
      await sort.dispose();
      await sort.dispose();
      expect(fs.readdirSync(tempDir)).toEqual([]);
    });
  });

  it('refuses memory bounds that are no counts', () => {
    for (const memoryRecords of [0, -1, Number.NaN]) {
      expect(() => new ExternalRecordSorter<TestRecord, Key>({ tempDir, keyOf, compare: compareKeys, memoryRecords })).toThrow(RangeError);
      expect(() => new ExternalRecordSorter<TestRecord, Key>({ tempDir, keyOf, compare: compareKeys, unsortedMemoryRecords: memoryRecords })).toThrow(RangeError);
    }
  });

  it('fails clearly when it cannot write its runs', async () => {
    const sort = new ExternalRecordSorter<TestRecord, Key>({ tempDir: path.join(tempDir, 'missing'), keyOf, compare: compareKeys, memoryRecords: 10 });
    const failure = addAll(sort, records(100, (index) => [100 - index, 'x']), 10);
    await expect(failure).rejects.toThrow(SortSpillFailed);
    await expect(failure).rejects.toMatchObject({ code: 'SORT_SPILL_FAILED', hint: expect.stringContaining('temp folder') });
    await sort.dispose();
  });
});
