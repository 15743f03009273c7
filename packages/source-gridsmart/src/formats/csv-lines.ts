// Reads a header-less zone CSV as a stream of field lists, each with the line it starts on (for
// problem reports). Quoted fields (commas, quotes, line breaks inside) are read the way pandas
// reads them; devices do not write any, but a reader must not split them. Blank lines are
// skipped. Memory holds one chunk and one line, and a line is cut off at MAX_LINE_CHARS.
import { StringDecoder } from 'node:string_decoder';

/** A device writes lines of about 100 characters; past this a line is garbage, not kept whole. */
export const MAX_LINE_CHARS = 1024 * 1024;

export interface CsvLine {
  fields: string[];
  /** 1-based line number where the record starts. */
  line: number;
  /** What was wrong with the line's text (the fields are then as read, or none when too long). */
  damage?: 'invalid-utf8' | 'nul' | 'too-long';
}

const DAMAGE_TEXT: Record<NonNullable<CsvLine['damage']>, string> = {
  'invalid-utf8': 'invalid UTF-8 bytes, replaced with U+FFFD',
  nul: 'a NUL character',
  'too-long': `a line longer than ${MAX_LINE_CHARS} characters, skipped`,
};

/** How a damaged line is reported (per-record problem text). */
export function damageText(damage: NonNullable<CsvLine['damage']>): string {
  return DAMAGE_TEXT[damage];
}

const enum State {
  RecordStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** A resumable splitter: feed text, get the lines it completed. */
export class CsvLineSplitter {
  private state = State.RecordStart;
  private field = '';
  private fields: string[] = [];
  private lineNumber = 1;
  private recordLine = 1;
  private previousWasCarriageReturn = false;
  private completed: CsvLine[] = [];
  private started = false;
  /** Characters of the record so far; past MAX_LINE_CHARS nothing more is kept. */
  private recordChars = 0;

  feed(text: string): CsvLine[] {
    for (let index = 0; index < text.length; index++) this.step(text[index]);
    return this.take();
  }

  /** The last line when the text did not end with a line break. */
  finish(): CsvLine[] {
    if (this.state !== State.RecordStart) this.endRecord();
    return this.take();
  }

  private take(): CsvLine[] {
    const lines = this.completed;
    this.completed = [];
    return lines;
  }

  private step(char: string): void {
    if (!this.started) {
      this.started = true;
      if (char === '\ufeff') return;
    }
    // Only line breaks end a line that is too long; its quotes no longer count.
    if (this.recordChars > MAX_LINE_CHARS && this.state !== State.RecordStart) {
      if (char === '\n' || char === '\r') {
        const countsAsNewLine = char === '\r' || !this.previousWasCarriageReturn;
        this.previousWasCarriageReturn = char === '\r';
        this.endRecord();
        if (countsAsNewLine) this.lineNumber++;
      } else {
        this.previousWasCarriageReturn = false;
      }
      return;
    }
    if (this.state !== State.RecordStart) this.recordChars++;
    const isBreak = char === '\n' || char === '\r';
    // `\r\n` is one line break.
    const countsAsNewLine = char === '\r' || (char === '\n' && !this.previousWasCarriageReturn);
    this.previousWasCarriageReturn = char === '\r';
    switch (this.state) {
      case State.RecordStart:
        if (isBreak) {
          if (countsAsNewLine) this.lineNumber++;
          return;
        }
        this.recordLine = this.lineNumber;
        this.state = State.Unquoted;
        if (char === '"' && this.field === '') this.state = State.Quoted;
        else if (char === ',') this.endField();
        else this.field += char;
        return;
      case State.Unquoted:
        if (char === ',') this.endField();
        else if (isBreak) {
          this.endRecord();
          if (countsAsNewLine) this.lineNumber++;
        } else if (char === '"' && this.field === '') this.state = State.Quoted;
        else this.field += char;
        return;
      case State.Quoted:
        if (char === '"') this.state = State.QuoteInQuoted;
        else {
          if (isBreak && countsAsNewLine) this.lineNumber++;
          this.field += char;
        }
        return;
      case State.QuoteInQuoted:
        if (char === '"') {
          this.field += '"';
          this.state = State.Quoted;
        } else if (char === ',') this.endField();
        else if (isBreak) {
          this.endRecord();
          if (countsAsNewLine) this.lineNumber++;
        } else {
          this.field += char;
          this.state = State.Unquoted;
        }
        return;
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = State.Unquoted;
  }

  private endRecord(): void {
    this.fields.push(this.field);
    const line: CsvLine = { fields: this.fields, line: this.recordLine };
    if (this.recordChars > MAX_LINE_CHARS) {
      line.fields = [];
      line.damage = 'too-long';
    } else {
      const damage = damageOf(this.fields);
      if (damage) line.damage = damage;
    }
    this.completed.push(line);
    this.fields = [];
    this.field = '';
    this.recordChars = 0;
    this.state = State.RecordStart;
  }
}

/** A decoder's replacement character or a NUL in a field: the bytes were not clean text. */
function damageOf(fields: string[]): CsvLine['damage'] {
  for (const field of fields) {
    if (field.includes('\ufffd')) return 'invalid-utf8';
    if (field.includes('\u0000')) return 'nul';
  }
  return undefined;
}

/** The lines of a CSV byte stream, in batches (one per chunk read). */
export async function* readCsvLines(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<CsvLine[]> {
  const splitter = new CsvLineSplitter();
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    const lines = splitter.feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (lines.length > 0) yield lines;
  }
  const rest = [...splitter.feed(decoder.end()), ...splitter.finish()];
  if (rest.length > 0) yield rest;
}
