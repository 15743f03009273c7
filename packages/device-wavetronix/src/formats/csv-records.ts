// Reads a raw day CSV as a stream, the way the original's csv.DictReader did (wavetronix.md §2.2):
// the first line names the columns, fields are matched to them by name, quoted fields may hold
// commas, quotes and line breaks, blank lines are skipped. Memory holds one chunk and one line.
import { StringDecoder } from 'node:string_decoder';

/** A data line by column name; a column the line is too short for is absent. */
export type CsvRecord = Record<string, string>;

export interface CsvRecordBatch {
  records: CsvRecord[];
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

  /** Lines completed by this text (blank lines are not lines). */
  feed(text: string): string[][] {
    for (let index = 0; index < text.length; index++) this.step(text[index]);
    const lines = this.lines;
    this.lines = [];
    return lines;
  }

  /** The last line when the text did not end with a line break. */
  finish(): string[][] {
    if (this.state !== State.RecordStart) this.endLine();
    const lines = this.lines;
    this.lines = [];
    return lines;
  }

  private step(char: string): void {
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
  const toBatch = (lines: string[][]): CsvRecordBatch => {
    const batch: CsvRecordBatch = { records: [], longLines: 0 };
    for (const fields of lines) {
      if (!header) {
        header = fields.map((name) => name.replace(/^\ufeff/, ''));
        continue;
      }
      if (fields.length > header.length) batch.longLines++;
      const record: CsvRecord = {};
      const count = Math.min(fields.length, header.length);
      for (let index = 0; index < count; index++) record[header[index]] = fields[index];
      batch.records.push(record);
    }
    return batch;
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const batch = toBatch(splitter.feed(text));
    if (batch.records.length > 0 || batch.longLines > 0) yield batch;
  }
  const batch = toBatch([...splitter.feed(decoder.end()), ...splitter.finish()]);
  if (batch.records.length > 0 || batch.longLines > 0) yield batch;
}
