// Reads a raw day CSV as a stream, the way the original's csv.DictReader did (wavetronix.md §2.2):
// the first line names the columns, fields are matched to them by name, quoted fields may hold
// commas, quotes and line breaks, blank lines are skipped. Memory holds one chunk and one line.
import { StringDecoder } from 'node:string_decoder';

/** A data line by column name; a column the line is too short for is absent. */
export type CsvRecord = Record<string, string>;

export interface CsvRecordBatch {
  records: CsvRecord[];
  /**
   * Physical line (1-based, the header is line 1) where each record starts: a quoted field may
   * hold line breaks and blank lines are skipped, so the record count is not the line.
   */
  lines: number[];
  /** Lines with more fields than the header (the extra fields are ignored). */
  longLines: number;
}

const enum State {
  RecordStart,
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** Python csv (excel dialect, strict off) as a resumable state machine. */
export class CsvLineSplitter {
  private state = State.RecordStart;
  private field = '';
  private fields: string[] = [];
  private skipLineFeed = false;
  private lines: string[][] = [];
  private starts: number[] = [];
  /** Physical line of the character being read, and of the record's start. */
  private physicalLine = 1;
  private recordLine = 1;
  private afterCr = false;

  /** Where each line `feed`/`finish` last returned starts (1-based physical line). */
  lineStarts: number[] = [];

  /** Lines completed by this text (blank lines are not lines). */
  feed(text: string): string[][] {
    for (let index = 0; index < text.length; index++) this.step(text[index]);
    return this.take();
  }

  /** The last line when the text did not end with a line break. */
  finish(): string[][] {
    if (this.state !== State.RecordStart) this.endLine();
    return this.take();
  }

  private take(): string[][] {
    const lines = this.lines;
    this.lineStarts = this.starts;
    this.lines = [];
    this.starts = [];
    return lines;
  }

  private step(char: string): void {
    // Physical lines, quoted line breaks included; CRLF is one.
    if (char === '\r' || (char === '\n' && !this.afterCr)) this.physicalLine++;
    this.afterCr = char === '\r';
    if (this.skipLineFeed) {
      this.skipLineFeed = false;
      if (char === '\n') return;
    }
    switch (this.state) {
      case State.RecordStart:
        if (char === '\r' || char === '\n') {
          this.skipLineFeed = char === '\r';
          return;
        }
        this.recordLine = this.physicalLine;
        this.state = State.FieldStart;
        this.step(char);
        return;
      case State.FieldStart:
        if (char === '"') this.state = State.Quoted;
        else if (char === ',') this.endField();
        else if (char === '\r' || char === '\n') this.endLine(char);
        else {
          this.field += char;
          this.state = State.Unquoted;
        }
        return;
      case State.Unquoted:
        if (char === ',') this.endField();
        else if (char === '\r' || char === '\n') this.endLine(char);
        else this.field += char;
        return;
      case State.Quoted:
        if (char === '"') this.state = State.QuoteInQuoted;
        else this.field += char;
        return;
      case State.QuoteInQuoted:
        if (char === '"') {
          this.field += '"';
          this.state = State.Quoted;
        } else if (char === ',') this.endField();
        else if (char === '\r' || char === '\n') this.endLine(char);
        else {
          // `"ab"c` reads as `abc`, as Python's lenient reader does.
          this.field += char;
          this.state = State.Unquoted;
        }
        return;
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  private endLine(lineBreak?: string): void {
    this.fields.push(this.field);
    this.lines.push(this.fields);
    this.starts.push(this.recordLine);
    this.fields = [];
    this.field = '';
    this.state = State.RecordStart;
    this.skipLineFeed = lineBreak === '\r';
  }
}

/** The data lines of a CSV stream as records named by its header line, in batches. */
export async function* readCsvRecords(input: AsyncIterable<Buffer | string>): AsyncGenerator<CsvRecordBatch> {
  const splitter = new CsvLineSplitter();
  const decoder = new StringDecoder('utf8');
  let header: string[] | null = null;
  const toBatch = (lines: string[][], starts: number[]): CsvRecordBatch => {
    const batch: CsvRecordBatch = { records: [], lines: [], longLines: 0 };
    lines.forEach((fields, index) => {
      if (!header) {
        header = fields.map((name) => name.replace(/^\ufeff/, ''));
        return;
      }
      if (fields.length > header.length) batch.longLines++;
      const record: CsvRecord = {};
      const count = Math.min(fields.length, header.length);
      for (let position = 0; position < count; position++) record[header[position]] = fields[position];
      batch.records.push(record);
      batch.lines.push(starts[index]);
    });
    return batch;
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const batch = toBatch(splitter.feed(text), splitter.lineStarts);
    if (batch.records.length > 0 || batch.longLines > 0) yield batch;
  }
  const rest = splitter.feed(decoder.end());
  const restStarts = splitter.lineStarts;
  const last = splitter.finish();
  const batch = toBatch([...rest, ...last], [...restStarts, ...splitter.lineStarts]);
  if (batch.records.length > 0 || batch.longLines > 0) yield batch;
}
