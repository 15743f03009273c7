import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { parseLakeJson, stringifyLakeJson } from '@lake/core';
import type { BluetoothFileType, BluetoothRecord, StandardizedFile } from '../formats/file-types';
import { btDevice, matchedRecord, standardizedFile, summaryRecord, unmatchedRecord } from '../test-support/ready-fixtures';
import { enrichStandardized } from './enrich';
import { makeReadyFile, type ReadyStreamOptions } from './ready-stream';

const NOW = '2019-06-10 05:00:00-05:00';
const DAY = '2019-06-01';
const READERS = ['lamar_6th', 'lamar_mlk', 'congress_5th', 'retired', 'Lamar_6th'];
const DEVICES = [btDevice('congress_5th'), btDevice('lamar_6th'), btDevice('lamar_mlk'), btDevice('unused')];

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** `count` records of a type: times within a few minutes (many ties), some unknown or missing readers. */
function records(type: BluetoothFileType, count: number, seed: number, inOrder = false): BluetoothRecord[] {
  const random = generator(seed);
  const pick = () => (random() < 0.03 ? null : READERS[Math.floor(random() * READERS.length)]);
  const time = (index: number) => {
    if (random() < 0.02) return null;
    const second = inOrder ? Math.floor(index / 4) : Math.floor(random() * 300);
    return `${DAY} 00:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}-05:00`;
  };
  return Array.from({ length: count }, (_, index) => {
    if (type === 'unmatched') return unmatchedRecord(time(index), pick(), `addr-${index}`);
    if (type === 'matched') return matchedRecord(`addr-${index}`, pick(), pick(), time(index), time(index));
    return summaryRecord(pick(), pick(), time(index), index);
  });
}

async function* bytesOf(text: string, pieceBytes = 4096): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let start = 0; start < bytes.length; start += pieceBytes) yield bytes.subarray(start, start + pieceBytes);
}

async function text(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('makeReadyFile', () => {
  let tempDir: string;
  beforeEach(() => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-ready-'));
  });
  afterEach(() => {
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  async function ready(input: string, fileType: BluetoothFileType, options: Partial<ReadyStreamOptions> = {}): Promise<{ written: string | null; rowsOut: number }> {
    let written: string | null = null;
    const report = await makeReadyFile(bytesOf(input), DEVICES, { fileType, processingDate: NOW, tempDir, where: 'standardized/x.json', ...options }, async (body) => {
      written = await text(body);
    });
    return { written, rowsOut: report.rowsOut };
  }

  /** What the in-memory implementation writes for the same file. */
  function reference(input: string, fileType: BluetoothFileType): string {
    return stringifyLakeJson(enrichStandardized(parseLakeJson(input) as StandardizedFile, DEVICES, { fileType, processingDate: NOW }).ready);
  }

  it.each(['unmatched', 'matched', 'traf_match_summary'] as const)('writes the same bytes as the in-memory ready file for %s rows in any order', async (fileType) => {
    const input = stringifyLakeJson(standardizedFile(fileType, DAY, records(fileType, 3000, 7)));
    const expected = reference(input, fileType);
    expect((await ready(input, fileType)).written).toBe(expected);
    // Sorted through many temp-file runs:
    expect((await ready(input, fileType, { sortMemoryRecords: 40 })).written).toBe(expected);
  });

  it('writes the same bytes for nearly sorted input sorted through temp files', async () => {
    const input = stringifyLakeJson(standardizedFile('unmatched', DAY, records('unmatched', 3000, 8, true)));
    expect((await ready(input, 'unmatched', { sortMemoryRecords: 100 })).written).toBe(reference(input, 'unmatched'));
  });

  it('reads the original\'s layout: spaces, bare NaN, the extras key, header after data', async () => {
    const header = standardizedFile('matched', DAY, []).header;
    const rows = [
      '{"dev_addr": "A", "origin_reader_id": "lamar_mlk", "dest_reader_id": "lamar_6th", "start_time": "2019-06-01 00:00:09-05:00", "end_time": NaN, "travel_time_secs": NaN, "speed": "3.31", "match_validity": "Y", "filter_id": "1", "null": NaN}',
      '{"dev_addr": "B \\"q\\" é", "origin_reader_id": "lamar_6th", "dest_reader_id": "lamar_mlk", "start_time": "2019-06-01 00:00:01-05:00", "end_time": "2019-06-01 00:00:02-05:00", "travel_time_secs": 1.5e2, "speed": -Infinity, "match_validity": "Y", "filter_id": "1", "null": ["x", "y"]}',
    ];
    const input = `{"data": [${rows.join(', ')}], "header": ${JSON.stringify(header, null, 1)}}`;
    const { written, rowsOut } = await ready(input, 'matched', { sortMemoryRecords: 4 });
    expect(written).toBe(reference(input, 'matched'));
    expect(rowsOut).toBe(2);
    expect(written).not.toContain('NaN');
  });

  it('writes empty data and devices for an empty file (B-8)', async () => {
    const input = stringifyLakeJson(standardizedFile('unmatched', DAY, []));
    const { written } = await ready(input, 'unmatched');
    expect(written).toBe(reference(input, 'unmatched'));
    expect(JSON.parse(written as unknown as string)).toMatchObject({ data: [], devices: [] });
  });

  it('refuses a file without header or data list, or with bad JSON, before writing anything', async () => {
    await expect(ready('{"data": []}', 'unmatched')).rejects.toMatchObject({ code: 'INVALID_BT_FILE', message: expect.stringContaining('no "header" object') });
    await expect(ready('{"header": {}, "data": {}}', 'unmatched')).rejects.toMatchObject({ code: 'INVALID_BT_FILE', message: expect.stringContaining('no "data" list') });
    await expect(ready('{"header": {}}', 'unmatched')).rejects.toMatchObject({ message: expect.stringContaining('no "data" list') });
    await expect(ready('{"header": {}, "data": [{"a": 1} {"a": 2}]}', 'unmatched')).rejects.toMatchObject({
      code: 'INVALID_LAKE_JSON',
      message: expect.stringContaining('standardized/x.json'),
    });
  });

  it('leaves no temp files behind, also when it fails', async () => {
    const input = stringifyLakeJson(standardizedFile('unmatched', DAY, records('unmatched', 2000, 9)));
    await ready(input, 'unmatched', { sortMemoryRecords: 30 });
    await expect(ready(input.slice(0, -10), 'unmatched', { sortMemoryRecords: 30 })).rejects.toMatchObject({ code: 'INVALID_LAKE_JSON' });
    expect(fs.readdirSync(tempDir)).toEqual([]);
  });
});
