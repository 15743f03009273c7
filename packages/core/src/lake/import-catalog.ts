// `lake catalog import`: reads an export (catalog-export-format.ts) line by line and writes the
// rows through the configured drivers in batches, so memory holds one batch however big the file.
// Importing the same file again changes nothing:
//   - catalog rows and perfmet observations upsert on their keys;
//   - perfmet jobs have no key in the original's tables (only a surrogate id), so a job with the
//     same data source, stage and processing date as one already stored is skipped.
// A line that cannot be read is reported with its number and the others go on.
import { once } from 'node:events';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { CatalogEntry } from '../catalog/catalog-entry';
import type { PerfmetDriver, PerfmetJob, PerfmetObservation } from '../perfmet/perfmet-driver';
import { CatalogFileUnavailable, InvalidCatalogExport, InvalidExportLine, parseExportHeader, parseExportLine, type CatalogExportHeader } from './catalog-export-format';
import type { Lake } from './lake';

/** Rows per catalog upsert and per observation write. */
export const DEFAULT_IMPORT_BATCH = 500;
/** Line errors kept in the result; the count goes on beyond. */
const MAX_LISTED_ERRORS = 100;

export interface CatalogImportOptions {
  batchSize?: number;
  /** Told of each line that cannot be imported, as it is met. */
  onLineError?: (error: CatalogImportLineError) => void;
}

export interface CatalogImportLineError {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface CatalogImportResult {
  header: CatalogExportHeader;
  /** Catalog rows upserted. */
  catalog: number;
  /** Perfmet jobs written; `perfmetJobsSkipped` were already stored. */
  perfmetJobs: number;
  perfmetJobsSkipped: number;
  perfmetObservations: number;
  /** Lines that could not be imported (at most 100 listed; `errorCount` has them all). */
  errors: CatalogImportLineError[];
  errorCount: number;
}

/** Imports an export from a stream; InvalidCatalogExport (nothing imported) when the header is missing or unknown. */
export async function importCatalog(lake: Lake, input: Readable, options: CatalogImportOptions = {}): Promise<CatalogImportResult> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_IMPORT_BATCH));
  const writer = new BatchWriter(lake, batchSize);
  let header: CatalogExportHeader | null = null;
  const errors: CatalogImportLineError[] = [];
  let errorCount = 0;

  for await (const { number, text } of readLines(input)) {
    if (text.trim() === '') continue;
    if (!header) {
      header = parseExportHeader(text, number);
      continue;
    }
    let row;
    try {
      row = parseExportLine(text, lake.time);
    } catch (error) {
      if (!(error instanceof InvalidExportLine)) throw error;
      const lineError = { line: number, message: `line ${number}: ${error.message}` };
      errorCount++;
      if (errors.length < MAX_LISTED_ERRORS) errors.push(lineError);
      options.onLineError?.(lineError);
      continue;
    }
    if (row.table === 'catalog') await writer.catalog(row.entry);
    else if (row.table === 'perfmet_obs') await writer.observation(row.observation);
    else await writer.job(row.job);
  }
  if (!header) throw new InvalidCatalogExport('the file is empty');
  await writer.flush();
  return { header, ...writer.counts, errors, errorCount };
}

/** Imports an export file. */
export async function importCatalogFile(lake: Lake, file: string, options: CatalogImportOptions = {}): Promise<CatalogImportResult> {
  const input = fs.createReadStream(file);
  try {
    await once(input, 'open').catch((error: unknown) => {
      throw new CatalogFileUnavailable(file, error);
    });
    return await importCatalog(lake, input, options);
  } finally {
    input.destroy();
  }
}

/** Batches rows per table and writes a batch when it is full. */
class BatchWriter {
  readonly counts = { catalog: 0, perfmetJobs: 0, perfmetJobsSkipped: 0, perfmetObservations: 0 };
  private entries: CatalogEntry[] = [];
  private observations: PerfmetObservation[] = [];

  constructor(
    private readonly lake: Lake,
    private readonly batchSize: number,
  ) {}

  async catalog(entry: CatalogEntry): Promise<void> {
    this.entries.push(entry);
    if (this.entries.length >= this.batchSize) await this.flushCatalog();
  }

  async observation(observation: PerfmetObservation): Promise<void> {
    this.observations.push(observation);
    if (this.observations.length >= this.batchSize) await this.flushObservations();
  }

  /** Jobs are few (one per stage run): each is checked and written on its own. */
  async job(job: PerfmetJob): Promise<void> {
    const perfmet = await this.lake.perfmetDriver();
    if (await hasJob(perfmet, job)) {
      this.counts.perfmetJobsSkipped++;
      return;
    }
    await perfmet.writeJob(job);
    this.counts.perfmetJobs++;
  }

  async flush(): Promise<void> {
    await this.flushCatalog();
    await this.flushObservations();
  }

  private async flushCatalog(): Promise<void> {
    if (this.entries.length === 0) return;
    const batch = this.entries;
    this.entries = [];
    await (await this.lake.catalog()).driver.upsert(batch);
    this.counts.catalog += batch.length;
  }

  private async flushObservations(): Promise<void> {
    if (this.observations.length === 0) return;
    const batch = this.observations;
    this.observations = [];
    await (await this.lake.perfmetDriver()).writeObservations(batch);
    this.counts.perfmetObservations += batch.length;
  }
}

async function hasJob(perfmet: PerfmetDriver, job: PerfmetJob): Promise<boolean> {
  const at = job.processingDate.getTime();
  for await (const stored of perfmet.readJobs({ dataSource: job.dataSource, stage: job.stage, from: job.processingDate, to: new Date(at + 1) })) {
    if (stored.processingDate.getTime() === at) return true;
  }
  return false;
}

/** The lines of a UTF-8 stream with their 1-based numbers, read as they are consumed. */
async function* readLines(input: Readable): AsyncIterable<{ number: number; text: string }> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    let newline: number;
    while ((newline = pending.indexOf('\n', start)) !== -1) {
      number++;
      yield { number, text: clean(pending.slice(start, newline), number) };
      start = newline + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  if (pending !== '') {
    number++;
    yield { number, text: clean(pending, number) };
  }
}

// A byte-order mark on the first line and Windows line ends are not part of the JSON.
function clean(text: string, number: number): string {
  const withoutBom = number === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text;
  return withoutBom.endsWith('\r') ? withoutBom.slice(0, -1) : withoutBom;
}
