// The standardized (and ready) file `{"header": {...}, "data": [...]}` written as a stream: records
// are serialized batch by batch, so a day never sits in memory whole (W-13).
import { Readable } from 'node:stream';
import { stringifyLakeJson } from '@lake/core';
import type { WavetronixHeader } from './wavetronix-columns';

/** Serialized records are handed on in pieces of about this many characters. */
const PIECE_CHARS = 64 * 1024;

/** The header with its keys in the original's order, whatever order the caller built it in. */
export function orderedHeader(header: WavetronixHeader): WavetronixHeader {
  const { data_type, origin_filename, target_filename, collection_date, processing_date } = header;
  return { data_type, origin_filename, target_filename, collection_date, processing_date };
}

/**
 * The JSON text of `{"header", "data", …after}` as a byte stream, pulled batch by batch. `after`
 * gives the members that follow the data (the ready file's devices), asked for once the data
 * are written.
 */
export function jsonFileStream(
  header: Record<string, unknown>,
  batches: AsyncIterable<readonly object[]>,
  after: () => Record<string, unknown> = () => ({}),
): Readable {
  return Readable.from(jsonPieces(header, batches, after), { objectMode: false });
}

async function* jsonPieces(header: Record<string, unknown>, batches: AsyncIterable<readonly object[]>, after: () => Record<string, unknown>): AsyncGenerator<Buffer> {
  let piece = `{"header":${stringifyLakeJson(header)},"data":[`;
  let separator = '';
  for await (const records of batches) {
    if (records.length === 0) continue;
    // One call per batch, brackets cut: the same text as record by record, much faster.
    piece += separator + stringifyLakeJson(records).slice(1, -1);
    separator = ',';
    if (piece.length >= PIECE_CHARS) {
      yield Buffer.from(piece, 'utf8');
      piece = '';
    }
  }
  piece += ']';
  for (const [key, value] of Object.entries(after())) piece += `,${JSON.stringify(key)}:${stringifyLakeJson(value)}`;
  yield Buffer.from(`${piece}}`, 'utf8');
}
