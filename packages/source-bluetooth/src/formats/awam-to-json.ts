// Raw AWAM bytes → the standardized file's JSON bytes in one pass (bluetooth.md §3.2–§3.4): the
// same bytes as readAwamRecordBatches → RecordStandardizer → standardizedJsonBatchStream make,
// several times faster. Usual lines are written straight from the input bytes (UsualLineWriter);
// every other line, and whatever follows it until a record starts again, takes that general way
// (the csv state machine, the standardizer, JSON.stringify), so its records, problems and line
// numbers are exactly theirs. Memory stays flat: one input chunk, one output piece and at most
// PARTIAL_LINE_BYTES of an unfinished line are held.
import { Readable } from 'node:stream';
import { stringifyLakeJson, type LakeTime } from '@lake/core';
import { AWAM_FIELD_LIMIT, AwamCsvParser, LineAwareDecoder } from './awam-csv';
import { COLUMNS, type BluetoothHeader, type BluetoothRecord } from './file-types';
import { AwamNotReadable } from './awam-errors';
import type { RecordStandardizer } from './standardize-records';
import { STANDARDIZED_JSON_CLOSING, standardizedJsonOpening } from './standardized-json';
import type { UnmatchedReaderTally } from './unmatched-reader-tally';
import { UsualLineWriter } from './usual-line-json';

/** Output pieces: big enough that handing them on costs little, small enough to hold a few. */
const PIECE_BYTES = 1024 * 1024;
/** An unfinished line longer than this goes to the csv reader as it is, not waited for whole. */
const PARTIAL_LINE_BYTES = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;

export class AwamToStandardizedJson {
  /** Records written so far. */
  records = 0;
  /** Of them, written the usual way (well formed by definition). */
  private usualRecords = 0;
  private readonly usual: UsualLineWriter;
  private readonly parser: AwamCsvParser;
  private readonly decoder = new LineAwareDecoder();
  /** Lines the usual way took since the parser last heard of it. */
  private unseenLines = 0;
  private out = Buffer.allocUnsafe(PIECE_BYTES);
  private written = 0;
  private readonly full: Buffer[] = [];
  /** Positions of reader_id and host_timestamp when IAF rows are tallied. */
  private readonly readerColumn: number;
  private readonly hostTimeColumn: number;

  private readonly tally: UnmatchedReaderTally | null;

  /** `tally` counts the rows of an IAF (`unmatched`); other types have no reader_id to count. */
  constructor(
    private readonly standardizer: RecordStandardizer,
    time: LakeTime,
    tally: UnmatchedReaderTally | null = null,
  ) {
    this.usual = new UsualLineWriter(standardizer.fileType, time, AWAM_FIELD_LIMIT);
    this.parser = new AwamCsvParser({ onProblem: (problem) => standardizer.noteReadProblem(problem) });
    this.readerColumn = COLUMNS[standardizer.fileType].indexOf('reader_id');
    this.hostTimeColumn = COLUMNS[standardizer.fileType].indexOf('host_timestamp');
    this.tally = this.readerColumn >= 0 && this.hostTimeColumn >= 0 ? tally : null;
  }

  /**
   * The standardized file as a byte stream. It reads ahead up to two pieces, so the next piece is
   * being made while the last one is written (with the default 16 KiB, making waited for writing).
   */
  stream(header: BluetoothHeader, input: AsyncIterable<Buffer | Uint8Array | string>): Readable {
    return Readable.from(this.pieces(header, input), { objectMode: false, highWaterMark: 2 * PIECE_BYTES });
  }

  async *pieces(header: BluetoothHeader, input: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<Buffer> {
    this.writeText(standardizedJsonOpening(header));
    let carry: Buffer | null = null;
    for await (const chunk of input) {
      let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (carry) {
        // Only the unfinished line is joined to its end, not the whole chunk to it.
        const cut = firstLineEnd(bytes);
        const head = Buffer.concat([carry, bytes.subarray(0, cut)]);
        const taken = this.take(head);
        if (taken < head.length) {
          carry = Buffer.concat([head.subarray(taken), bytes.subarray(cut)]);
          yield* this.full.splice(0);
          continue;
        }
        bytes = bytes.subarray(cut);
      }
      const taken = this.take(bytes);
      // Copied: a view would keep the whole chunk alive.
      carry = taken < bytes.length ? Buffer.from(bytes.subarray(taken)) : null;
      yield* this.full.splice(0);
    }
    if (carry) this.readGenerally(carry);
    for (const piece of this.decoder.end()) this.parser.push(piece.text, piece.invalid);
    this.parser.end();
    this.writeGeneralRecords();
    // Failing here fails the write: nothing of the file is stored or catalogued.
    const { problems } = this.standardizer;
    if (this.usualRecords + this.standardizer.wellFormed === 0 && problems.total > 0) {
      throw new AwamNotReadable(header.origin_filename, this.standardizer.fileType, problems);
    }
    this.writeText(STANDARDIZED_JSON_CLOSING);
    this.endPiece();
    yield* this.full.splice(0);
  }

  /** Reads the complete lines of `bytes`; returns how many bytes were taken. */
  private take(bytes: Buffer): number {
    const length = bytes.length;
    let at = 0;
    while (at < length) {
      if (this.parser.atRecordStart) {
        const next = this.takeUsual(bytes, at);
        if (next > at) {
          at = next;
          continue;
        }
        if (next < 0) break; // the line is not complete yet
      }
      // The general way: the line up to and with its end, or (too long to wait for) what there is.
      let end = lineAfter(bytes, at);
      if (end < 0) {
        if (length - at <= PARTIAL_LINE_BYTES) break;
        end = length;
      }
      this.readGenerally(bytes.subarray(at, end));
      at = end;
    }
    return at;
  }

  /**
   * Takes a blank or usual line at `at`: returns where the next line starts, `at` when the line is
   * not usual, or -1 when it may be but is not complete yet.
   */
  private takeUsual(bytes: Buffer, at: number): number {
    const length = bytes.length;
    let end = at; // a blank line: no record
    let o = -1;
    if (bytes[at] !== LF && bytes[at] !== CR) {
      if (this.written + this.usual.reserve + 1 > this.out.length) this.endPiece();
      o = this.written;
      if (this.records > 0) this.out[o++] = COMMA;
      o = this.usual.write(bytes, at, length, this.out, o);
      if (o < 0) return lineAfter(bytes, at) < 0 && length - at <= PARTIAL_LINE_BYTES ? -1 : at;
      end = this.usual.lineEnd;
    }
    // Kept back until the next byte says whether this CR is half of a CRLF.
    if (bytes[end] === CR && end + 1 === length) return -1;
    if (o >= 0) {
      this.written = o;
      this.records++;
      this.usualRecords++;
      if (this.tally) this.tally.count(this.usual.text(bytes, this.readerColumn), this.usual.text(bytes, this.hostTimeColumn));
    }
    this.unseenLines++;
    return end + (bytes[end] === CR && bytes[end + 1] === LF ? 2 : 1);
  }

  /** Hands bytes to the csv reader and writes the records it completes. */
  private readGenerally(bytes: Buffer): void {
    this.parser.skipLines(this.unseenLines);
    this.unseenLines = 0;
    for (const piece of this.decoder.push(bytes)) this.parser.push(piece.text, piece.invalid);
    this.writeGeneralRecords();
  }

  private writeGeneralRecords(): void {
    for (const record of this.parser.takeRecords()) {
      const standardized: BluetoothRecord = this.standardizer.standardize(record);
      this.tally?.add(standardized);
      this.writeText((this.records > 0 ? ',' : '') + stringifyLakeJson(standardized));
      this.records++;
    }
  }

  private writeText(text: string): void {
    const size = Buffer.byteLength(text, 'utf8');
    if (this.written + size > this.out.length) this.endPiece();
    if (size > this.out.length) {
      this.full.push(Buffer.from(text, 'utf8'));
      return;
    }
    this.written += this.out.write(text, this.written, 'utf8');
  }

  /** The output so far becomes a piece to hand on. */
  private endPiece(): void {
    if (this.written === 0) return;
    this.full.push(this.out.subarray(0, this.written));
    this.out = Buffer.allocUnsafe(PIECE_BYTES);
    this.written = 0;
  }
}

/** Where the first line of `bytes` ends, after its LF, CR or CRLF; the length when it does not. */
function firstLineEnd(bytes: Buffer): number {
  for (let index = 0; index < bytes.length; index++) {
    const code = bytes[index];
    if (code === LF) return index + 1;
    if (code === CR) return bytes[index + 1] === LF ? index + 2 : index + 1;
  }
  return bytes.length;
}

/**
 * Where the line at `start` ends, after its LF, CR or CRLF; -1 when it has not ended within
 * `bytes` (a CR as the last byte may yet be half of a CRLF).
 */
function lineAfter(bytes: Buffer, start: number): number {
  for (let index = start; index < bytes.length; index++) {
    const code = bytes[index];
    if (code === LF) return index + 1;
    if (code === CR) {
      if (index + 1 === bytes.length) return -1;
      return bytes[index + 1] === LF ? index + 2 : index + 1;
    }
  }
  return -1;
}
