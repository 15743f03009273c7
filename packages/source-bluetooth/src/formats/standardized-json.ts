// The standardized file (bluetooth.md §3.4), `{"header": {...}, "data": [...]}`, written as a
// stream: records are serialized as they arrive, so a whole IAF never sits in memory (B-18).
import { Readable } from 'node:stream';
import { stringifyLakeJson } from '@lake/core';
import type { BluetoothHeader, BluetoothRecord } from './file-types';

/** Serialized records are handed on in pieces of about this many characters. */
const PIECE_CHARS = 64 * 1024;

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
  return Readable.from(standardizedJsonPieces(header, records), { objectMode: false });
}

async function* standardizedJsonPieces(header: BluetoothHeader, records: AsyncIterable<BluetoothRecord>): AsyncGenerator<Buffer> {
  let piece = `{"header":${stringifyLakeJson(orderedHeader(header))},"data":[`;
  let first = true;
  for await (const record of records) {
    piece += (first ? '' : ',') + stringifyLakeJson(record);
    first = false;
    if (piece.length >= PIECE_CHARS) {
      yield Buffer.from(piece, 'utf8');
      piece = '';
    }
  }
  yield Buffer.from(`${piece}]}`, 'utf8');
}
