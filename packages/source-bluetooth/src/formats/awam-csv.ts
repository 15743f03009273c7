// Records of an AWAM file (bluetooth.md §3.2): no header row, comma separated, `"` quoting with
// doubled quotes, read the way upstream's Python `csv` module read a file opened in text mode
// (universal newlines, no trimming, stray quotes in unquoted fields kept). Two upstream failures
// are fixed (B-11): invalid UTF-8 is replaced and reported instead of crashing the run, and an
// over-long field costs only its own record instead of silently ending the file.
//
// The bytes are read chunk by chunk and only the current record is held, so memory does not grow
// with the file.
import { isUtf8 } from 'node:buffer';

/** Python's default `csv.field_size_limit()`. */
export const AWAM_FIELD_LIMIT = 131_072;

/**
 * More fields than any AWAM layout (at most 15) by far: a record past this is garbage (a file of
 * commas without newlines), skipped so that it cannot fill the memory.
 */
export const AWAM_MAX_FIELDS = 1_000;

export interface AwamRecord {
  /** Physical line (1-based) where the record starts. */
  line: number;
  fields: string[];
  /** Set when bytes of the record were not UTF-8 (replaced with U+FFFD, and reported). */
  invalidUtf8?: boolean;
}

export type AwamCsvProblemKind = 'invalid-utf8' | 'field-too-long' | 'too-many-fields';

export interface AwamCsvProblem {
  kind: AwamCsvProblemKind;
  /** Physical line (1-based) of the problem. */
  line: number;
  message: string;
}

export interface AwamCsvOptions {
  /** Told about every problem; the record with invalid UTF-8 is still yielded, an over-long one is not. */
  onProblem?: (problem: AwamCsvProblem) => void;
  /** Longest field accepted, in characters (default Python's 131,072). */
  fieldLimit?: number;
  /** Most fields a record may have (default 1,000). */
  maxFields?: number;
}

/** The records of an AWAM file, from its bytes. */
export async function* readAwamRecords(input: AsyncIterable<Buffer | Uint8Array | string>, options: AwamCsvOptions = {}): AsyncGenerator<AwamRecord> {
  for await (const records of readAwamRecordBatches(input, options)) yield* records;
}

/**
 * The records of an AWAM file, those of each chunk of bytes together: one await per chunk instead
 * of one per record (what makes a large file fast).
 */
export async function* readAwamRecordBatches(input: AsyncIterable<Buffer | Uint8Array | string>, options: AwamCsvOptions = {}): AsyncGenerator<AwamRecord[]> {
  const parser = new AwamCsvParser(options);
  const decoder = new LineAwareDecoder();
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (const piece of decoder.push(bytes)) parser.push(piece.text, piece.invalid);
    const records = parser.takeRecords();
    if (records.length > 0) yield records;
  }
  for (const piece of decoder.end()) parser.push(piece.text, piece.invalid);
  parser.end();
  const records = parser.takeRecords();
  if (records.length > 0) yield records;
}

export interface DecodedPiece {
  text: string;
  /** The bytes were not valid UTF-8; `text` holds U+FFFD replacements. */
  invalid: boolean;
}

/**
 * Bytes → text. A chunk is cut before a character that continues in the next chunk; an invalid
 * chunk is decoded line by line (CR and LF never occur inside a UTF-8 sequence), so only the
 * lines holding bad bytes are marked.
 */
export class LineAwareDecoder {
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): DecodedPiece[] {
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(bytes);
    this.carry = Buffer.from(bytes.subarray(cut));
    return decodePieces(bytes.subarray(0, cut));
  }

  end(): DecodedPiece[] {
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    return decodePieces(rest);
  }
}

function decodePieces(bytes: Buffer): DecodedPiece[] {
  if (bytes.length === 0) return [];
  if (isUtf8(bytes)) return [{ text: bytes.toString('utf8'), invalid: false }];
  const pieces: DecodedPiece[] = [];
  let start = 0;
  for (let index = 0; index <= bytes.length; index++) {
    const atEnd = index === bytes.length;
    if (!atEnd && bytes[index] !== 0x0a && bytes[index] !== 0x0d) continue;
    const segment = bytes.subarray(start, index);
    if (segment.length) pieces.push({ text: segment.toString('utf8'), invalid: !isUtf8(segment) });
    if (!atEnd) pieces.push({ text: String.fromCharCode(bytes[index]), invalid: false });
    start = index + 1;
  }
  return pieces;
}

/** Length of `bytes` without a trailing multi-byte sequence that is not complete yet. */
function completeLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

// States of Python's csv reader (Modules/_csv.c) that the excel dialect can reach.
const enum State {
  StartRecord,
  StartField,
  InField,
  InQuotedField,
  QuoteInQuotedField,
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
/** What ends a run of ordinary characters in an unquoted / a quoted field. */
const FIELD_STOP = /[,\r\n]/g;
const QUOTED_FIELD_STOP = /["\r\n]/g;
const LINE_END = /[\r\n]/g;
const SURROGATE = /[\ud800-\udfff]/;
const LOW_SURROGATES = /[\udc00-\udfff]/g;

/** The csv state machine, fed text in any pieces. */
export class AwamCsvParser {
  private readonly fieldLimit: number;
  private readonly maxFields: number;
  private readonly onProblem: (problem: AwamCsvProblem) => void;
  private state = State.StartRecord;
  private fields: string[] = [];
  private field = '';
  /** Characters (code points) in the field so far, counted even after it stopped being kept. */
  private fieldLength = 0;
  private recordLine = 1;
  private line = 1;
  private afterCr = false;
  private tooLong = false;
  private fieldCount = 0;
  private invalidLines: number[] = [];
  private ready: AwamRecord[] = [];

  constructor(options: AwamCsvOptions) {
    this.fieldLimit = options.fieldLimit ?? AWAM_FIELD_LIMIT;
    this.maxFields = options.maxFields ?? AWAM_MAX_FIELDS;
    this.onProblem = options.onProblem ?? (() => {});
  }

  push(text: string, invalid: boolean): void {
    if (invalid && text.length) this.noteInvalid();
    let index = 0;
    while (index < text.length) {
      if (this.state === State.StartRecord && !invalid) {
        index = this.takePlainLines(text, index);
        if (index === text.length) break;
      }
      // Inside a field, ordinary characters are taken as one run (most of a file is such runs).
      if (this.state === State.InField || this.state === State.InQuotedField) {
        const stop = this.state === State.InField ? FIELD_STOP : QUOTED_FIELD_STOP;
        stop.lastIndex = index;
        const end = stop.exec(text)?.index ?? text.length;
        if (end > index) {
          this.afterCr = false;
          this.addRun(text.slice(index, end));
          index = end;
          continue;
        }
      }
      let code = text.charCodeAt(index);
      index++;
      // Universal newlines: CRLF and a lone CR each become one LF.
      if (code === LF && this.afterCr) {
        this.afterCr = false;
        continue;
      }
      this.afterCr = code === CR;
      if (code === CR) code = LF;
      this.step(code, code === LF ? '\n' : text[index - 1]);
      if (code === LF) {
        this.endOfLine();
        this.line++;
      }
    }
  }

  /**
   * Fast path: while a record starts here, a complete line without quotes is split at its commas
   * (what the state machine would make of it) at native speed. Returns where the state machine
   * must go on: the first line with a quote, a line cut by the chunk end, or a rare case.
   */
  private takePlainLines(text: string, from: number): number {
    let index = from;
    while (this.state === State.StartRecord && index < text.length) {
      if (this.afterCr) {
        this.afterCr = false;
        if (text.charCodeAt(index) === LF) {
          index++;
          continue;
        }
      }
      // test() rather than exec(): no match object per line.
      LINE_END.lastIndex = index;
      if (!LINE_END.test(text)) return index;
      const end = LINE_END.lastIndex - 1;
      const lineText = text.slice(index, end);
      if (lineText.length > this.fieldLimit || lineText.includes('"')) return index;
      if (lineText.length > 0) {
        const fields = lineText.split(',');
        if (fields.length > this.maxFields) return index;
        this.ready.push({ line: this.line, fields });
      }
      this.line++;
      index = end + 1;
      if (text.charCodeAt(end) === CR) {
        if (index === text.length) this.afterCr = true;
        else if (text.charCodeAt(index) === LF) index++;
      }
    }
    return index;
  }

  /** Between records, with no CR waiting for its LF: lines may be read elsewhere (skipLines). */
  get atRecordStart(): boolean {
    return this.state === State.StartRecord && !this.afterCr;
  }

  /** `count` complete lines were read elsewhere (see atRecordStart): the line numbers go on after them. */
  skipLines(count: number): void {
    this.line += count;
  }

  /** End of input: a line without its newline still ends, an open quoted field is closed. */
  end(): void {
    if (this.state !== State.InQuotedField) {
      this.endOfLine();
      return;
    }
    this.saveField();
    this.state = State.StartRecord;
    this.finishRecord();
  }

  takeRecords(): AwamRecord[] {
    const records = this.ready;
    this.ready = [];
    return records;
  }

  private step(code: number, char: string): void {
    switch (this.state) {
      case State.StartRecord:
        this.recordLine = this.line;
        if (code === LF) return; // a blank line is no record
        this.startField(code, char);
        return;
      case State.StartField:
        this.startField(code, char);
        return;
      case State.InField:
        if (code === LF) {
          this.saveField();
          this.state = State.StartRecord;
          this.finishRecord();
        } else if (code === COMMA) {
          this.saveField();
          this.state = State.StartField;
        } else {
          this.addChar(code, char);
        }
        return;
      case State.InQuotedField:
        if (code === QUOTE) this.state = State.QuoteInQuotedField;
        else this.addChar(code, char);
        return;
      case State.QuoteInQuotedField:
        if (code === QUOTE) {
          this.addChar(code, char);
          this.state = State.InQuotedField;
        } else if (code === COMMA) {
          this.saveField();
          this.state = State.StartField;
        } else if (code === LF) {
          this.saveField();
          this.state = State.StartRecord;
          this.finishRecord();
        } else {
          // Python's non-strict reader: text after the closing quote joins the field.
          this.addChar(code, char);
          this.state = State.InField;
        }
        return;
    }
  }

  private startField(code: number, char: string): void {
    if (code === LF) {
      this.saveField();
      this.state = State.StartRecord;
      this.finishRecord();
    } else if (code === QUOTE) {
      this.state = State.InQuotedField;
    } else if (code === COMMA) {
      this.saveField();
      this.state = State.StartField;
    } else {
      this.addChar(code, char);
      this.state = State.InField;
    }
  }

  /** Python ends every line with an end-of-line step; only an open quoted field survives it. */
  private endOfLine(): void {
    if (this.state === State.InField || this.state === State.StartField || this.state === State.QuoteInQuotedField) {
      this.saveField();
      this.state = State.StartRecord;
      this.finishRecord();
    }
  }

  private addChar(code: number, char: string): void {
    // A low surrogate completes a character already counted.
    this.addCounted(char, code >= 0xdc00 && code <= 0xdfff ? 0 : 1);
  }

  private addRun(run: string): void {
    this.addCounted(run, SURROGATE.test(run) ? run.length - (run.match(LOW_SURROGATES)?.length ?? 0) : run.length);
  }

  private addCounted(text: string, characters: number): void {
    this.fieldLength += characters;
    // Past the limit the record is lost anyway; holding more of it would only cost memory.
    if (this.fieldLength > this.fieldLimit) this.tooLong = true;
    else this.field += text;
  }

  private saveField(): void {
    // Counted past the maximum, but no longer kept.
    if (this.fieldCount++ < this.maxFields) this.fields.push(this.field);
    this.field = '';
    this.fieldLength = 0;
  }

  private noteInvalid(): void {
    if (this.invalidLines.at(-1) !== this.line) this.invalidLines.push(this.line);
  }

  private finishRecord(): void {
    const line = this.recordLine;
    for (const invalidLine of this.invalidLines) {
      this.onProblem({ kind: 'invalid-utf8', line: invalidLine, message: 'invalid UTF-8 bytes replaced with U+FFFD' });
    }
    if (this.tooLong) {
      this.onProblem({ kind: 'field-too-long', line, message: `a field is longer than ${this.fieldLimit} characters; record skipped` });
    } else if (this.fieldCount > this.maxFields) {
      this.onProblem({ kind: 'too-many-fields', line, message: `${this.fieldCount} fields, more than ${this.maxFields}; record skipped` });
    } else {
      this.ready.push(this.invalidLines.length > 0 ? { line, fields: this.fields, invalidUtf8: true } : { line, fields: this.fields });
    }
    this.fields = [];
    this.fieldCount = 0;
    this.tooLong = false;
    this.invalidLines = [];
  }
}
