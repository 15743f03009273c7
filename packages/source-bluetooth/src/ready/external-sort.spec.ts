import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BluetoothRecord } from '../formats/file-types';
import { ExternalRecordSorter } from './external-sort';
import { compareSortKeys, sortKeyOf } from './ready-order';

/** A deterministic generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const KEYS = ['time', 'reader'];

describe('ExternalRecordSorter', () => {
  let tempDir: string;
  beforeEach(() => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-sort-'));
  });
  afterEach(() => {
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  /** Records numbered in input order, with few distinct keys (many ties). */
  function records(count: number, keyOf: (index: number) => [unknown, unknown]): BluetoothRecord[] {
    return Array.from({ length: count }, (_, index) => {
      const [time, reader] = keyOf(index);
      return { time, reader, index } as BluetoothRecord;
    });
  }

  /** The reference: a stable in-memory sort, as JSON.stringify writes it. */
  function expected(input: BluetoothRecord[]): string {
    return JSON.stringify([...input].sort((a, b) => compareSortKeys(sortKeyOf(a, KEYS), sortKeyOf(b, KEYS)))).slice(1, -1);
  }

  async function sortAll(input: BluetoothRecord[], memoryRecords: number, batch = 37, unsortedMemoryRecords = memoryRecords): Promise<{ output: string; runs: number }> {
    const sorter = new ExternalRecordSorter({ tempDir, keyOf: (record) => sortKeyOf(record, KEYS), compare: compareSortKeys, memoryRecords, unsortedMemoryRecords });
    try {
      for (let start = 0; start < input.length; start += batch) await sorter.add(input.slice(start, start + batch));
      let output = '';
      for await (const piece of sorter.sortedJson()) output += piece.toString();
      return { output, runs: sorter.runCount };
    } finally {
      await sorter.dispose();
    }
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
    expect(runs).toBeGreaterThan(16 * 2);
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

  it('removes its temp files', async () => {
    await sortAll(records(2000, (index) => [index % 7, index % 3]), 50);
    expect(fs.readdirSync(tempDir)).toEqual([]);
  });

  it('keeps values with escapes, tabs, newlines and non-ASCII intact through temp files', async () => {
    const input = records(60, (index) => [['b\t"x"\n', 'a😀é', 'c\\u0000\u2028'][index % 3], index % 2 === 0 ? null : `r${index % 5}`]);
    const { output, runs } = await sortAll(input, 4, 1);
    expect(runs).toBeGreaterThan(1);
    expect(output).toBe(expected(input));
  });
});
