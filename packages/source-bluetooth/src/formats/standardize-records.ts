// AWAM record → standardized record (bluetooth.md §3.2–§3.3): fields mapped to the type's columns
// by position, times read into the lake's timestamp text, number columns made JSON numbers, every
// other value kept exactly as written. A bad value becomes null and is counted; a bad line never
// stops the file.
import type { LakeTime } from '@lake/core';
import { readAwamRecordBatches, type AwamCsvProblem, type AwamRecord } from './awam-csv';
import { AwamTimeText } from './awam-time';
import { COLUMNS, NUMBER_COLUMNS, TIME_COLUMNS, type BluetoothFileType, type BluetoothRecord } from './file-types';

export type StandardizeProblemKind = 'bad-time' | 'bad-number' | 'short-line' | 'long-line' | 'invalid-utf8' | 'nul' | 'field-too-long' | 'too-many-fields';

/** Extra fields of a long line are kept under this key, as upstream's csv.DictReader did (B-12). */
export const EXTRA_FIELDS_KEY = 'null';

const PROBLEM_NAMES: Record<StandardizeProblemKind, [one: string, many: string]> = {
  'bad-time': ['bad time', 'bad times'],
  'bad-number': ['bad number', 'bad numbers'],
  'short-line': ['short line', 'short lines'],
  'long-line': ['long line', 'long lines'],
  'invalid-utf8': ['line with invalid UTF-8', 'lines with invalid UTF-8'],
  nul: ['record with a NUL character', 'records with NUL characters'],
  'field-too-long': ['record skipped for a field over the size limit', 'records skipped for a field over the size limit'],
  'too-many-fields': ['record skipped for too many fields', 'records skipped for too many fields'],
};

/** What went wrong in one file: a count per kind and the first few examples with line numbers. */
export class StandardizeProblems {
  readonly counts = new Map<StandardizeProblemKind, number>();
  readonly examples: string[] = [];

  constructor(readonly maxExamples = 5) {}

  note(kind: StandardizeProblemKind, line: number, detail: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (this.examples.length < this.maxExamples) this.examples.push(`line ${line}: ${detail}`);
  }

  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** `Austin_bt_2019-06-01_unmatched.txt: 3 bad times, 1 short line`, or null when all was well. */
  summary(fileName: string): string | null {
    const counted = this.counted();
    return counted === null ? null : `${fileName}: ${counted}`;
  }

  /** `3 bad times, 1 short line`, or null when all was well. */
  counted(): string | null {
    if (this.counts.size === 0) return null;
    return (Object.keys(PROBLEM_NAMES) as StandardizeProblemKind[])
      .filter((kind) => this.counts.has(kind))
      .map((kind) => {
        const count = this.counts.get(kind)!;
        return `${count} ${PROBLEM_NAMES[kind][count === 1 ? 0 : 1]}`;
      })
      .join(', ');
  }
}

/** How the value at one position of a record is read. */
type ColumnReader = AwamTimeText | 'number' | 'text';

/** Turns the records of one file type into standardized records. */
export class RecordStandardizer {
  private readonly columns: readonly string[];
  /** Per position, decided once rather than looked up per value. */
  private readonly readers: readonly ColumnReader[];
  /**
   * Records laid out as the type is: its number of fields, no bad bytes. A file with records
   * but none of them such is no AWAM file of the type (see AwamNotReadable).
   */
  wellFormed = 0;

  constructor(
    readonly fileType: BluetoothFileType,
    time: LakeTime,
    readonly problems: StandardizeProblems = new StandardizeProblems(),
  ) {
    this.columns = COLUMNS[fileType];
    const timeColumns = TIME_COLUMNS[fileType];
    const numberColumns = new Set(NUMBER_COLUMNS[fileType]);
    this.readers = this.columns.map((column) => {
      if (timeColumns[column]) return new AwamTimeText(time, timeColumns[column]);
      return numberColumns.has(column) ? 'number' : 'text';
    });
  }

  standardize(record: AwamRecord): BluetoothRecord {
    const { line, fields } = record;
    const columns = this.columns;
    let wellFormed = fields.length === columns.length && record.invalidUtf8 !== true;
    // NUL is kept (Python 3.11+ keeps it) but a text file holding one is damaged: counted.
    if (fields.some((field) => field.includes('\u0000'))) {
      this.problems.note('nul', line, 'a NUL character, kept');
      wellFormed = false;
    }
    if (wellFormed) this.wellFormed++;
    if (fields.length < columns.length) {
      this.problems.note('short-line', line, `${fields.length} of ${columns.length} fields; the missing ones are null`);
    }
    const standardized: BluetoothRecord = {};
    for (let position = 0; position < columns.length; position++) {
      standardized[columns[position]] = position < fields.length ? this.value(position, fields[position], line) : null;
    }
    if (fields.length > columns.length) {
      this.problems.note('long-line', line, `${fields.length} fields where ${columns.length} were expected; extras kept under "${EXTRA_FIELDS_KEY}"`);
      standardized[EXTRA_FIELDS_KEY] = fields.slice(columns.length);
    }
    return standardized;
  }

  /** Counts a problem the record reader found. */
  noteReadProblem(problem: AwamCsvProblem): void {
    this.problems.note(problem.kind, problem.line, problem.message);
  }

  private value(position: number, text: string, line: number): string | number | null {
    const reader = this.readers[position];
    if (reader === 'text') return text;
    if (reader === 'number') {
      const number = parseNumber(text);
      if (number !== null) return number;
      this.problems.note('bad-number', line, `${this.columns[position]} ${quoted(text)} is not a number`);
      return null;
    }
    const converted = reader.convert(text);
    if (converted !== null) return converted;
    this.problems.note('bad-time', line, `${this.columns[position]} ${quoted(text)} is not a ${reader.format} AWAM time`);
    return null;
  }
}

/** The standardized records of an AWAM file's bytes; problems go to `standardizer.problems`. */
export async function* standardizeAwamFile(input: AsyncIterable<Buffer | Uint8Array | string>, standardizer: RecordStandardizer): AsyncGenerator<BluetoothRecord> {
  for await (const batch of standardizeAwamBatches(input, standardizer)) yield* batch;
}

/** As standardizeAwamFile, the records of each chunk of bytes together (the fast way). */
export async function* standardizeAwamBatches(input: AsyncIterable<Buffer | Uint8Array | string>, standardizer: RecordStandardizer): AsyncGenerator<BluetoothRecord[]> {
  for await (const records of readAwamRecordBatches(input, { onProblem: (problem) => standardizer.noteReadProblem(problem) })) {
    const standardized = new Array<BluetoothRecord>(records.length);
    for (let index = 0; index < records.length; index++) standardized[index] = standardizer.standardize(records[index]);
    yield standardized;
  }
}

// Decimal text as Python's float() reads it, minus NaN and infinities (JSON has no place for them).
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a number column holds, or null when its text is none (or not finite). */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!NUMBER_TEXT.test(trimmed)) return null;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : null;
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
