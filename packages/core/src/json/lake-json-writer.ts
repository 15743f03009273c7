// A lake JSON object with one big array, `{…before, "<arrayKey>": [ …elements ], …after}`, written
// as a byte stream batch by batch, so a day's records are never held whole. Non-finite numbers
// become null (stringifyLakeJson). Every source's standardized, ready and aggregate files use it.
import { Readable } from 'node:stream';
import { stringifyLakeJson } from './lake-json';

/** Serialized elements are handed on in pieces of about this many characters. */
const PIECE_CHARS = 64 * 1024;

/**
 * `after` may be a function: it is called once the array is written, for members that depend on
 * the elements (e.g. the devices the records used).
 */
export function lakeJsonObjectStream(
  before: Record<string, unknown>,
  arrayKey: string,
  batches: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>,
  after: Record<string, unknown> | (() => Record<string, unknown>) = {},
): Readable {
  return Readable.from(jsonPieces(before, arrayKey, batches, after), { objectMode: false });
}

async function* jsonPieces(
  before: Record<string, unknown>,
  arrayKey: string,
  batches: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>,
  after: Record<string, unknown> | (() => Record<string, unknown>),
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
  const members = typeof after === 'function' ? after() : after;
  for (const [key, value] of Object.entries(members)) piece += `,${JSON.stringify(key)}:${stringifyLakeJson(value)}`;
  yield Buffer.from(`${piece}}`, 'utf8');
}
