// A lake JSON object `{…before, "<key>": [ …elements ], …after}` written as a byte stream, batch
// by batch, so a file's big array is never held whole (the approach of the other sources'
// standardized writers).
import { Readable } from 'node:stream';
import { stringifyLakeJson } from '@lake/core';

/** Serialized elements are handed on in pieces of about this many characters. */
const PIECE_CHARS = 64 * 1024;

export function jsonObjectStream(
  before: Record<string, unknown>,
  arrayKey: string,
  batches: AsyncIterable<readonly unknown[]>,
  after: Record<string, unknown>,
): Readable {
  return Readable.from(jsonPieces(before, arrayKey, batches, after), { objectMode: false });
}

async function* jsonPieces(
  before: Record<string, unknown>,
  arrayKey: string,
  batches: AsyncIterable<readonly unknown[]>,
  after: Record<string, unknown>,
): AsyncGenerator<Buffer> {
  let piece = '{';
  for (const [key, value] of Object.entries(before)) piece += `${JSON.stringify(key)}:${stringifyLakeJson(value)},`;
  piece += `${JSON.stringify(arrayKey)}:[`;
  let separator = '';
  for await (const elements of batches) {
    if (elements.length === 0) continue;
    // One call per batch, brackets cut: the same text as element by element, much faster.
    piece += separator + stringifyLakeJson(elements).slice(1, -1);
    separator = ',';
    if (piece.length >= PIECE_CHARS) {
      yield Buffer.from(piece, 'utf8');
      piece = '';
    }
  }
  piece += ']';
  for (const [key, value] of Object.entries(after)) piece += `,${JSON.stringify(key)}:${stringifyLakeJson(value)}`;
  yield Buffer.from(`${piece}}`, 'utf8');
}
