// A CSV of published rows (the `-o` side file and the embedded CSV publish driver). Rows are
// appended, or upserted by a row id column (the driver, when told which column identifies a row).
// The header is the keys of the first row ever written to the file; a later run writes under
// the header already there. Rows with other keys never crash the writer (upstream defect 7): an
// unknown key is dropped with one warning per key, a missing key is an empty field.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { stringifyLakeJson } from '../json/lake-json';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import { readCsvHeader } from './csv-records';
import { rewriteCsvFile } from './csv-rewrite';
import { UnknownIdColumn } from './csv-row-ids';
import type { PublishRow } from './publish-driver';
import { SerialQueue } from './serial-queue';

export class CsvFile {
  private header: string[] | null = null;
  private headerSet = new Set<string>();
  private handle: fs.promises.FileHandle | null = null;
  private readonly warnedKeys = new Set<string>();
  private readonly queue = new SerialQueue();

  constructor(
    readonly filePath: string,
    private readonly log: Logger = silentLogger,
  ) {}

  /** The columns rows are written under, once known. */
  get columns(): readonly string[] | null {
    return this.header;
  }

  async append(rows: readonly PublishRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.queue.run(async () => {
      const handle = await this.open(rows[0]);
      await handle.write(toCsv(rows.map((row) => this.valuesOf(row))));
    });
  }

  /**
   * Writes rows keyed by their rendered id: a row whose id the file holds takes the place of the
   * first row with that id (later rows with it, left by earlier appends, are dropped); the others
   * are appended. A streamed rewrite of the whole file, so callers use it only for batches that
   * do replace rows (and `append` otherwise).
   */
  async upsert(idColumn: string, rows: ReadonlyMap<string, PublishRow>): Promise<void> {
    if (rows.size === 0) return;
    await this.queue.run(async () => {
      if (!(await this.existingHeader())) {
        // Nothing to replace: a plain first write.
        const handle = await this.open(rows.values().next().value as PublishRow);
        await handle.write(toCsv([...rows.values()].map((row) => this.valuesOf(row))));
        return;
      }
      await this.handle?.close();
      this.handle = null; // the rename below replaces the file an append handle points at
      const written = new Set<string>();
      let idIndex = -1;
      await rewriteCsvFile(this.filePath, {
        record: (record, index) => {
          if (index === 0) {
            this.useHeader(record.fields);
            idIndex = record.fields.indexOf(idColumn);
            if (idIndex < 0) throw new UnknownIdColumn(this.filePath, idColumn);
            return record.raw;
          }
          if (!record.complete) return ''; // a row a killed run cut; readCsvIds already removes it
          const id = record.fields[idIndex] ?? '';
          const row = rows.get(id);
          if (!row) return record.raw;
          if (written.has(id)) return '';
          written.add(id);
          return toCsv([this.valuesOf(row)]);
        },
        end: () => toCsv([...rows].filter(([id]) => !written.has(id)).map(([, row]) => this.valuesOf(row))),
      });
    });
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      await this.handle?.close();
      this.handle = null;
    });
  }

  private async open(firstRow: PublishRow): Promise<fs.promises.FileHandle> {
    if (this.handle) return this.handle;
    await fs.promises.mkdir(path.dirname(this.filePath), { recursive: true });
    const existing = await this.existingHeader();
    const handle = await fs.promises.open(this.filePath, 'a');
    try {
      if (existing) {
        if (!(await endsWithNewline(this.filePath))) await handle.write('\r\n'); // an earlier run died mid-line
        this.useHeader(existing);
      } else {
        this.useHeader(Object.keys(firstRow));
        await handle.write(toCsv([this.header as string[]]));
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.handle = handle;
    return handle;
  }

  private async existingHeader(): Promise<string[] | null> {
    try {
      if ((await fs.promises.stat(this.filePath)).size === 0) return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return readCsvHeader(fs.createReadStream(this.filePath));
  }

  private useHeader(header: string[]): void {
    this.header = header;
    this.headerSet = new Set(header);
  }

  private valuesOf(row: PublishRow): string[] {
    for (const key of Object.keys(row)) {
      if (!this.headerSet.has(key) && !this.warnedKeys.has(key)) {
        this.warnedKeys.add(key);
        this.log.warn(`${this.filePath}: column "${key}" is not in the CSV header (set by the first row); its values are dropped`);
      }
    }
    return (this.header as string[]).map((column) => renderCsvValue(row[column]));
  }
}

/**
 * One field's text. Booleans are `true`/`false` and objects are JSON, matching what the JSON
 * publish APIs receive; null, undefined and non-finite numbers are empty (never a bare `NaN`).
 * Upstream's Python writer printed `True` and `2.0`; JS cannot tell `2` from `2.0`, so byte
 * equality with those files is out of reach and the JSON spelling is the consistent choice.
 */
export function renderCsvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return stringifyLakeJson(value);
}

function toCsv(records: string[][]): string {
  // Naming a record delimiter turns off quoting of a lone \r or \n unless asked for explicitly.
  return stringify(records, { record_delimiter: '\r\n', quote_record_delimiter: true });
}

async function endsWithNewline(filePath: string): Promise<boolean> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}
