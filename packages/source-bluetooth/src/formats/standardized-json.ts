// The standardized file (bluetooth.md §3.4), `{"header": {...}, "data": [...]}`, written as a
// stream: records are serialized as they arrive, so a whole IAF never sits in memory (B-18).
import type { Readable } from 'node:stream';
import { lakeJsonObjectStream, stringifyLakeJson } from '@lake/core';
import type { BluetoothHeader, BluetoothRecord } from './file-types';

/** The header with its keys in the original's order, whatever order the caller built it in. */
export function orderedHeader(header: BluetoothHeader): BluetoothHeader {
  const { data_type, file_type, origin_filename, target_filename, collection_date, processing_date } = header;
  return { data_type, file_type, origin_filename, target_filename, collection_date, processing_date };
}

/**
 * The JSON text of a standardized file as a byte stream, pulled record by record. Record keys
 * keep their insertion order (the column order); non-finite numbers are written as null.
 */
export function standardizedJsonStream(header: BluetoothHeader, records: AsyncIterable<BluetoothRecord>): Readable {
  return standardizedJsonBatchStream(header, oneByOne(records));
}

/** As standardizedJsonStream, fed records in batches (one await per batch: the fast way). */
export function standardizedJsonBatchStream(header: BluetoothHeader, batches: AsyncIterable<readonly BluetoothRecord[]>): Readable {
  return lakeJsonObjectStream({ header: orderedHeader(header) }, 'data', batches);
}

async function* oneByOne(records: AsyncIterable<BluetoothRecord>): AsyncGenerator<BluetoothRecord[]> {
  for await (const record of records) yield [record];
}

/** What comes before the first record. */
export function standardizedJsonOpening(header: BluetoothHeader): string {
  return `{"header":${stringifyLakeJson(orderedHeader(header))},"data":[`;
}

/** What comes after the last record. */
export const STANDARDIZED_JSON_CLOSING = ']}';
