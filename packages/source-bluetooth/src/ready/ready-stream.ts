// standardized file → ready file as streams (bluetooth.md §5.2, B-18 fixed): records are read
// one chunk at a time, enriched, sorted through temp files when memory would not do, and written
// as `{"header": …, "data": […], "devices": […]}` — the original's key order, devices last since
// they are known only once every record was seen. The bytes are those enrichStandardized's
// result serializes to.
import { Readable } from 'node:stream';
import { ExternalRecordSorter, readLakeJsonStream, type JsonInput } from '@lake/core';
import type { BluetoothFileType, BluetoothRecord } from '../formats/file-types';
import type { BluetoothDevice } from './device-id';
import { ReadyEnricher, type EnrichReport } from './enrich';
import { compareSortKeys, sortKeyOf, SORT_KEYS, type SortKey } from './ready-order';
import { InvalidBluetoothFile } from './ready-file';

export interface ReadyStreamOptions {
  fileType: BluetoothFileType;
  /** The original's timestamp text of "now": the ready header's processing_date. */
  processingDate: string;
  /** Where sorted runs go when the rows do not fit the memory budget. */
  tempDir: string;
  /** Names the standardized file in errors. */
  where: string;
  /** Records sorted in memory before sorting through temp files (default 4,096). */
  sortMemoryRecords?: number;
}

/**
 * Reads a standardized file and hands the ready file's bytes to `write` (once the input is read:
 * nothing is written for a file that turns out to be invalid). Returns what the join dropped.
 */
export async function makeReadyFile(
  input: JsonInput,
  devices: readonly BluetoothDevice[],
  options: ReadyStreamOptions,
  write: (body: Readable) => Promise<unknown>,
): Promise<EnrichReport> {
  const enricher = new ReadyEnricher(devices, options.fileType);
  const sortKeys = SORT_KEYS[options.fileType];
  const sorter = new ExternalRecordSorter<BluetoothRecord, SortKey>({
    tempDir: options.tempDir,
    keyOf: (record) => sortKeyOf(record, sortKeys),
    compare: compareSortKeys,
    memoryRecords: options.sortMemoryRecords,
  });
  try {
    let header: unknown;
    let hasData = false;
    for await (const event of readLakeJsonStream(input, { arrays: ['data'], source: options.where })) {
      if (event.kind === 'member') {
        if (event.key === 'header') header = event.value;
        else if (event.key === 'data') hasData = false;
      } else if (event.kind === 'elements') {
        const records: BluetoothRecord[] = [];
        for (const value of event.values) {
          const record = enricher.enrich(value);
          if (record) records.push(record);
        }
        await sorter.add(records);
      } else if (event.kind === 'arrayEnd') {
        hasData = true;
      }
    }
    if (!isObject(header)) throw new InvalidBluetoothFile(options.where, 'no "header" object');
    if (!hasData) throw new InvalidBluetoothFile(options.where, 'no "data" list');
    const readyHeader = { ...header, processing_date: options.processingDate };
    await write(Readable.from(readyJsonPieces(readyHeader, sorter.sortedJson(), enricher.devices()), { objectMode: false }));
    return enricher.report();
  } finally {
    await sorter.dispose();
  }
}

async function* readyJsonPieces(header: Record<string, unknown>, data: AsyncIterable<string | Buffer>, devices: Record<string, unknown>[]): AsyncGenerator<Buffer> {
  // JSON.stringify of {header, data, devices}, written in pieces.
  yield Buffer.from(`{"header":${JSON.stringify(header)},"data":[`, 'utf8');
  for await (const piece of data) yield typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
  yield Buffer.from(`],"devices":${JSON.stringify(devices)}}`, 'utf8');
}

function isObject(value: unknown): value is BluetoothRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
