import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DayCounts } from './day-counts';
import type { TimedRecord } from './record-time';

/** A count of zone `zone` at `epochMs` (+ `subMs`), numbered `index` in gathering order. */
function timed(zone: string, index: number, epochMs: number, subMs = 0): TimedRecord {
  return { epochMs, subMs, record: { timestamp_adj: `t${epochMs}.${subMs}`, index, zone } };
}

describe('DayCounts', () => {
  let tempDir: string;
  beforeEach(() => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-day-counts-'));
  });
  afterEach(() => {
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  /** Three zone files, each in time order over the same seconds: many equal instants across files. */
  function zoneFiles(): TimedRecord[][] {
    let index = 0;
    return ['nb', 'sb', 'eb'].map((zone, file) => Array.from({ length: 900 }, (_, n) => timed(zone, index++, 1_000 * Math.floor(n / (2 + file)), n % 5 === 0 ? 0.5 : 0)));
  }

  /** The order gs:ready wrote before it sorted through temp files: a stable in-memory sort. */
  function inMemoryOrder(files: TimedRecord[][]): unknown[] {
    return files
      .flat()
      .sort((a, b) => a.epochMs - b.epochMs || a.subMs - b.subMs)
      .map((count) => count.record);
  }

  /** The day's records as the ready file will hold them. */
  async function sortedRecords(counts: DayCounts): Promise<unknown[]> {
    let text = '';
    for await (const piece of counts.json()) text += piece.toString();
    return JSON.parse(`[${text}]`) as unknown[];
  }

  it('orders the day by instant through temp runs, equal instants in gathering order, as in memory', async () => {
    const files = zoneFiles();
    for (const sortMemoryRecords of [100_000, 64]) {
      const counts = new DayCounts({ tempDir, sortMemoryRecords });
      try {
        for (const [file, records] of files.entries()) {
          for (let start = 0; start < records.length; start += 50) await counts.add(file, records.slice(start, start + 50));
        }
        expect(counts.runCount > 0).toBe(sortMemoryRecords === 64);
        expect(await sortedRecords(counts)).toEqual(inMemoryOrder(files));
        expect(fs.readdirSync(tempDir)).toEqual([]);
      } finally {
        await counts.dispose();
      }
    }
  });

  it('leaves out the records of a dropped file, already spilled or not, and keeps the others\' order', async () => {
    const files = zoneFiles();
    const counts = new DayCounts({ tempDir, sortMemoryRecords: 64 });
    try {
      for (const [file, records] of files.entries()) await counts.add(file, records);
      counts.drop(1);
      expect(await sortedRecords(counts)).toEqual(inMemoryOrder([files[0], files[2]]));
    } finally {
      await counts.dispose();
    }
  });

  it('refuses a sortMemoryRecords that is no count of records', () => {
    for (const bad of [0, -5, 1.5, Number.NaN, '4096' as unknown as number]) {
      expect(() => new DayCounts({ tempDir, sortMemoryRecords: bad })).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringContaining('sources.gs.sortMemoryRecords must be a whole number') }));
    }
  });

  it('removes its temp files when the day is never written', async () => {
    const counts = new DayCounts({ tempDir, sortMemoryRecords: 16 });
    await counts.add(0, zoneFiles()[0]);
    expect(counts.runCount).toBeGreaterThan(0);
    expect(fs.readdirSync(tempDir)).not.toEqual([]);
    await counts.dispose();
    expect(fs.readdirSync(tempDir)).toEqual([]);
  });
});
