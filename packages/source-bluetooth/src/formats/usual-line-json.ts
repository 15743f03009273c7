// One AWAM line → its standardized record as JSON bytes, straight from the file's bytes, for the
// lines nearly every file is made of: ASCII without quotes or escapes, the type's exact number of
// fields, times in the usual spelling on a day without a clock change, numbers that need no
// reading. Such a line's JSON is the same as the general way makes it (AwamCsvParser, then
// RecordStandardizer, then JSON.stringify), with no string or object per value; any other line
// is refused, and the caller takes it the general way.
import type { LakeTime } from '@lake/core';
import { AwamTimeText, USUAL_TIME_BYTES } from './awam-time';
import { COLUMNS, NUMBER_COLUMNS, TIME_COLUMNS, type BluetoothFileType } from './file-types';
import { parseNumber } from './standardize-records';

/** Lines longer than this are left to the general way, so one line's JSON fits `reserve`. */
export const USUAL_LINE_LIMIT = 4096;

const enum Kind {
  Text,
  Number,
  Time,
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const MINUS = 0x2d;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

const BACKSLASH = 0x5c;

/** Bytes a number's text may hold (its reading decides the rest). */
const NUMBERISH = new Uint8Array(256);
for (const char of '0123456789+-.eE') NUMBERISH[char.charCodeAt(0)] = 1;

/**
 * Most decimal digits a number may have to be copied as written: up to 15, a double gives back
 * exactly the digits it was read from, and the shortest text JS writes for it is those digits.
 */
const EXACT_DIGITS = 15;

/** Most texts text() remembers. */
const KNOWN_TEXTS = 4096;

export class UsualLineWriter {
  /** Most bytes write() puts out for one line. */
  readonly reserve: number;
  /** Where the terminator (CR or LF) of the line last written is. */
  lineEnd = 0;
  private readonly kinds: Kind[];
  private readonly times: (AwamTimeText | null)[];
  /** What goes before each value (`{"column":`, `","column":"`…) and after the last. */
  private readonly keys: Uint8Array[];
  private readonly closing: Uint8Array;
  /** Where each field of the line last written starts and ends. */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private numberEnd = 0;
  private readonly texts = new Map<number, string>();

  constructor(
    fileType: BluetoothFileType,
    time: LakeTime,
    /** A line longer than a field may be is not usual (the general way decides what becomes of it). */
    private readonly fieldLimit: number,
  ) {
    const columns = COLUMNS[fileType];
    const timeColumns = TIME_COLUMNS[fileType];
    const numberColumns = new Set(NUMBER_COLUMNS[fileType]);
    this.kinds = columns.map((column) => (timeColumns[column] ? Kind.Time : numberColumns.has(column) ? Kind.Number : Kind.Text));
    this.times = columns.map((column) => (timeColumns[column] ? new AwamTimeText(time, timeColumns[column]) : null));
    // The quotes around strings go with the keys: `{"a":"`, `","b":`, `,"c":"` … and `"}`.
    const quoted = this.kinds.map((kind) => kind !== Kind.Number);
    this.keys = columns.map((column, position) => {
      const before = position === 0 ? '{' : quoted[position - 1] ? '",' : ',';
      return Buffer.from(`${before}${JSON.stringify(column)}:${quoted[position] ? '"' : ''}`, 'utf8');
    });
    this.closing = Buffer.from(quoted[columns.length - 1] ? '"}' : '}', 'utf8');
    this.starts = new Int32Array(columns.length);
    this.ends = new Int32Array(columns.length);
    // A value grows by its quotes, a time to its 25 bytes, a number to at most ~25 characters.
    this.reserve = USUAL_LINE_LIMIT + this.keys.reduce((sum, key) => sum + key.length, 0) + columns.length * 32 + this.closing.length;
  }

  /**
   * Writes the JSON of the line starting at `bytes[start]` to `out[at..]` and returns the position
   * after it, or -1 when the line is not usual or does not end before `limit` (nothing counts as
   * written then). `out` must have `reserve` bytes free at `at`.
   */
  write(bytes: Uint8Array, start: number, limit: number, out: Uint8Array, at: number): number {
    const end = Math.min(limit, start + USUAL_LINE_LIMIT, start + this.fieldLimit);
    const kinds = this.kinds;
    let index = start;
    let o = at;
    for (let column = 0; column < kinds.length; column++) {
      if (column > 0) {
        if (index >= end || bytes[index] !== COMMA) return -1;
        index++;
      }
      // set(): measured faster than a loop for these 10–20 bytes.
      const key = this.keys[column];
      out.set(key, o);
      o += key.length;
      this.starts[column] = index;
      const kind = kinds[column];
      if (kind === Kind.Text) {
        // Bytes that a JSON string shows as they are and that mean nothing to the csv reader:
        // printable ASCII but `"`, `,` and `\`. Compares written out, not a table or a call:
        // measured faster, also before the JIT has optimized this.
        while (index < end) {
          const code = bytes[index];
          if (code > COMMA ? code > 0x7e || code === BACKSLASH : code < 0x20 || code === QUOTE || code === COMMA) break;
          out[o++] = code;
          index++;
        }
      } else if (kind === Kind.Time) {
        index = this.times[column]!.writeUsual(bytes, index, end, out, o);
        if (index < 0) return -1;
        o += USUAL_TIME_BYTES;
      } else {
        o = this.writeNumber(bytes, index, end, out, o);
        if (o < 0) return -1;
        index = this.numberEnd;
      }
      this.ends[column] = index;
    }
    if (index >= end || (bytes[index] !== LF && bytes[index] !== CR)) return -1;
    this.lineEnd = index;
    out.set(this.closing, o);
    return o + this.closing.length;
  }

  /**
   * A text value of the line last written (times as the lake writes them). A text seen before is
   * found by a hash of its bytes rather than made again: reader ids repeat on every row.
   */
  text(bytes: Buffer, column: number): string {
    const time = this.times[column];
    if (time) return time.lastUsualText();
    const start = this.starts[column];
    const end = this.ends[column];
    let hash = end - start;
    for (let index = start; index < end; index++) hash = (Math.imul(hash, 31) + bytes[index]) | 0;
    const known = this.texts.get(hash);
    if (known !== undefined && isTextOf(known, bytes, start, end)) return known;
    const text = bytes.toString('latin1', start, end);
    // Bounded: a column of ever new values must not fill the memory.
    if (this.texts.size >= KNOWN_TEXTS) this.texts.clear();
    this.texts.set(hash, text);
    return text;
  }

  /**
   * Writes the number at `bytes[start..]` as JSON and returns the output position after it (and
   * where its text ends in `numberEnd`), or -1 when it is no number (the general way counts that).
   */
  private writeNumber(bytes: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
    let index = start;
    while (index < end && NUMBERISH[bytes[index]] === 1) index++;
    this.numberEnd = index;
    let o = at;
    if (isCanonicalNumber(bytes, start, index)) {
      for (let k = start; k < index; k++) out[o++] = bytes[k];
      return o;
    }
    const number = parseNumber(Buffer.from(bytes.buffer, bytes.byteOffset + start, index - start).toString('latin1'));
    if (number === null) return -1;
    const text = String(number);
    for (let k = 0; k < text.length; k++) out[o++] = text.charCodeAt(k);
    return o;
  }
}

function isTextOf(text: string, bytes: Uint8Array, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) !== bytes[start + index]) return false;
  return true;
}

/**
 * True when `bytes[start..end)` is a number whose JSON (the shortest text of its double) is the
 * very same text: `-?(0|[1-9]\d*)(\.\d*[1-9])?`, at most 15 significant digits, not `-0`, and
 * below 1 no more than five zeros after the point (JS writes 1e-7 from six on).
 */
function isCanonicalNumber(bytes: Uint8Array, start: number, end: number): boolean {
  let index = start;
  if (index < end && bytes[index] === MINUS) index++;
  const integerStart = index;
  while (index < end && bytes[index] >= DIGIT_0 && bytes[index] <= DIGIT_9) index++;
  const integerDigits = index - integerStart;
  if (integerDigits === 0 || (integerDigits > 1 && bytes[integerStart] === DIGIT_0)) return false;
  const zeroInteger = bytes[integerStart] === DIGIT_0;
  if (index === end) return !(zeroInteger && integerStart > start) && integerDigits <= EXACT_DIGITS;
  if (bytes[index] !== DOT) return false;
  index++;
  const fractionStart = index;
  while (index < end && bytes[index] >= DIGIT_0 && bytes[index] <= DIGIT_9) index++;
  if (index !== end || index === fractionStart || bytes[end - 1] === DIGIT_0) return false;
  if (!zeroInteger) return integerDigits + (end - fractionStart) <= EXACT_DIGITS;
  let leadingZeros = 0;
  while (bytes[fractionStart + leadingZeros] === DIGIT_0) leadingZeros++;
  return leadingZeros <= 5 && end - fractionStart - leadingZeros <= EXACT_DIGITS;
}
