// A sorted run on disk: lines of up to LINE_RECORDS records each,
//
//   <keys: JSON array>\t<lengths: JSON array, or nothing>\t<record JSON>,<record JSON>,…\n
//
// every record as JSON.stringify writes it (never a raw tab or newline, so both separators are
// found by their byte). The third part is therefore already JSON array elements: a run read out
// whole is passed through as bytes, never parsed. `lengths`, the length of each record's text,
// lets a merge cut the records' texts apart without parsing them: it parses only the keys and
// writes the texts on as they are. Stringifying record by record to learn those lengths costs
// more than one call per line, so a sorter's first run — often its only one — is written
// without them, and a merge parses that run's records instead.
import { createReadStream, promises as fs } from 'node:fs';
import { SortRunDamaged } from './sort-errors';

/** Records per line: a merge holds one line's records per run. */
const LINE_RECORDS = 256;
/** Text gathered before one write call. */
const WRITE_CHARS = 256 * 1024;
/** Bytes read at a time from a run while merging (one read buffer per run). */
const READ_BYTES = 64 * 1024;
/** Bytes read at a time from a run read out whole. */
const RUN_ELEMENTS_READ_BYTES = 256 * 1024;
const NEWLINE = 0x0a;
const TAB = 0x09;
const COMMA = Buffer.from(',');

/** A record read back from a run: its key and its JSON text. */
export interface RunRecord<K> {
  key: K;
  json: string;
}

/**
 * Writes a run file. A write goes on while the caller reads and sorts the next records: each call
 * waits only for the write before it (one piece of text in flight, one being made).
 */
export class RunWriter {
  private pending: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;
  private text = '';

  private constructor(
    private readonly handle: fs.FileHandle,
    private readonly withLengths: boolean,
  ) {}

  /** `withLengths`: write each record's length, for a merge to come (see above). */
  static async create(file: string, withLengths: boolean): Promise<RunWriter> {
    return new RunWriter(await fs.open(file, 'w'), withLengths);
  }

  /** Appends `entries[start, end)` in order; throws what an earlier write failed with. */
  async append(entries: readonly { key: unknown; record: unknown }[], start = 0, end = entries.length): Promise<void> {
    for (let lineStart = start; lineStart < end; lineStart += LINE_RECORDS) {
      const lineEnd = Math.min(end, lineStart + LINE_RECORDS);
      const keys = new Array<unknown>(lineEnd - lineStart);
      const records = new Array<unknown>(lineEnd - lineStart);
      for (let index = lineStart; index < lineEnd; index++) {
        keys[index - lineStart] = entries[index].key;
        records[index - lineStart] = entries[index].record;
      }
      if (this.withLengths) {
        await this.line(
          keys,
          // As in an array: what JSON has no text for (undefined) is null.
          records.map((record) => JSON.stringify(record) ?? 'null'),
        );
      } else {
        this.text += `${JSON.stringify(keys)}\t\t${JSON.stringify(records).slice(1, -1)}\n`;
        if (this.text.length >= WRITE_CHARS) await this.flush();
      }
    }
    await this.flush();
  }

  /** Appends records read from other runs, their text as it is. */
  async appendRead(records: readonly RunRecord<unknown>[]): Promise<void> {
    for (let lineStart = 0; lineStart < records.length; lineStart += LINE_RECORDS) {
      const line = records.slice(lineStart, lineStart + LINE_RECORDS);
      await this.line(
        line.map((record) => record.key),
        line.map((record) => record.json),
      );
    }
    await this.flush();
  }

  /** Waits for the last write and closes the file; throws what a write failed with. */
  async close(): Promise<void> {
    await this.pending;
    await this.handle.close();
    if (this.failure) throw this.failure.error;
  }

  private async line(keys: unknown[], texts: string[]): Promise<void> {
    const lengths = texts.map((text) => text.length);
    this.text += `${JSON.stringify(keys)}\t${JSON.stringify(lengths)}\t${texts.join(',')}\n`;
    if (this.text.length >= WRITE_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.text.length === 0) return;
    const text = this.text;
    this.text = '';
    await this.pending;
    if (this.failure) throw this.failure.error;
    // Caught here and thrown by the next call, so a failed write is never an unhandled rejection.
    this.pending = this.handle.write(text).then(
      () => undefined,
      (error: unknown) => {
        this.failure = { error };
      },
    );
  }
}

/** The records of a run file with their keys, a read's worth of lines at a time. */
export async function* readRunRecords<K>(file: string): AsyncGenerator<RunRecord<K>[]> {
  for await (const lines of splitLines(file)) {
    const records: RunRecord<K>[] = [];
    for (const line of lines) {
      const [keysEnd, lengthsEnd] = separators(line, file);
      const keys = JSON.parse(line.toString('utf8', 0, keysEnd)) as K[];
      const texts = line.toString('utf8', lengthsEnd + 1);
      if (lengthsEnd === keysEnd + 1) {
        // Written without lengths: the records are parsed to be cut apart.
        const parsed = JSON.parse(`[${texts}]`) as unknown[];
        if (parsed.length !== keys.length) throw new SortRunDamaged(file);
        for (let index = 0; index < keys.length; index++) records.push({ key: keys[index], json: JSON.stringify(parsed[index]) });
        continue;
      }
      const lengths = JSON.parse(line.toString('latin1', keysEnd + 1, lengthsEnd)) as number[];
      if (keys.length !== lengths.length) throw new SortRunDamaged(file);
      let position = 0;
      for (let index = 0; index < keys.length; index++) {
        const end = position + lengths[index];
        records.push({ key: keys[index], json: texts.slice(position, end) });
        position = end + 1;
      }
      if (position !== texts.length + 1) throw new SortRunDamaged(file);
    }
    yield records;
  }
}

/**
 * The records of a run file as JSON array elements, `{…},{…}` once concatenated: each record's
 * bytes as JSON.stringify wrote them, never parsed nor copied (the keys and lengths are skipped).
 */
export async function* runElements(file: string): AsyncGenerator<Buffer> {
  // Tabs seen in the current line: 2 once its records begin.
  let tabs = 0;
  let lines = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: RUN_ELEMENTS_READ_BYTES }) as AsyncIterable<Buffer>) {
    // A chunk's records leave as one piece: a copy of what it holds, not one piece per line.
    const pieces: Buffer[] = [];
    let position = 0;
    while (position < chunk.length) {
      if (tabs < 2) {
        const tab = chunk.indexOf(TAB, position);
        if (tab === -1) break;
        tabs++;
        position = tab + 1;
        if (tabs === 2 && lines++ > 0) pieces.push(COMMA);
        continue;
      }
      const newline = chunk.indexOf(NEWLINE, position);
      const end = newline === -1 ? chunk.length : newline;
      if (end > position) pieces.push(chunk.subarray(position, end));
      if (newline === -1) break;
      tabs = 0;
      position = newline + 1;
    }
    if (pieces.length > 0) yield pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
  }
  if (tabs !== 0) throw new SortRunDamaged(file);
}

/** Where a line's keys and lengths end. */
function separators(line: Buffer, file: string): [number, number] {
  const keysEnd = line.indexOf(TAB);
  const lengthsEnd = keysEnd === -1 ? -1 : line.indexOf(TAB, keysEnd + 1);
  if (lengthsEnd === -1) throw new SortRunDamaged(file);
  return [keysEnd, lengthsEnd];
}

/** The lines of a file without their newline, those completed by each read together. */
async function* splitLines(file: string): AsyncGenerator<Buffer[]> {
  let pending: Buffer[] = [];
  for await (const chunk of createReadStream(file, { highWaterMark: READ_BYTES }) as AsyncIterable<Buffer>) {
    const lines: Buffer[] = [];
    let start = 0;
    let end = chunk.indexOf(NEWLINE, start);
    while (end !== -1) {
      const piece = chunk.subarray(start, end);
      if (pending.length > 0) {
        pending.push(piece);
        lines.push(Buffer.concat(pending));
        pending = [];
      } else {
        lines.push(piece);
      }
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
    if (lines.length > 0) yield lines;
  }
  // A run always ends with a newline; anything after the last one is a damaged file.
  if (pending.length > 0) throw new SortRunDamaged(file);
}
