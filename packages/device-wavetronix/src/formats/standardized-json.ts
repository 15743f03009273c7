// The standardized (and ready) file `{"header": {...}, "data": [...]}` written as a stream: records
// are serialized batch by batch, so a day never sits in memory whole (W-13).
import type { Readable } from 'node:stream';
import { lakeJsonObjectStream } from '@lake/core';
import type { WavetronixHeader } from './wavetronix-columns';

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
  return lakeJsonObjectStream({ header }, 'data', batches, after);
}
