// A row buffer for one dataset (publishing.md §1, defects fixed): rows are sent in chunks of the
// driver's preferred size, an empty batch is never sent, `-0` sends nothing, and `-o` also appends
// every flushed batch to `<outputPath>/<dataset>.csv`. Callers own the catalog row: they write it
// after `flush()` resolved, so a failed publish leaves no catalog entry.
import * as path from 'node:path';
import { LakeError } from '../errors';
import type { Logger } from '../log/logger';
import { CsvFile } from './csv-file';
import { datasetCsvPath } from './dataset-csv-path';
import type { PublishDriver, PublishRow } from './publish-driver';

/** Socrata's chunk, used when neither the caller nor a driver says otherwise. */
export const DEFAULT_PUBLISH_CHUNK = 10_000;

export interface PublisherOptions {
  /** May be null only when simulating (nothing is sent then). */
  driver: PublishDriver | null;
  dataset: string;
  simulate?: boolean;
  outputPath?: string | null;
  /** Rows per request; defaults to the driver's preferred chunk. */
  chunkSize?: number;
  /** The dataset's row identifier column, passed to the driver so it upserts (see PublishWriteOptions). */
  idColumn?: string | null;
  /** A `-o` side file shared with other publishers of the dataset (its owner closes it); else one of its own from `outputPath`. */
  sideFile?: CsvFile | null;
  log: Logger;
}

export class PublishDriverMissing extends LakeError {
  constructor(dataset: string) {
    super('PUBLISH_DRIVER_MISSING', `no publish driver to send dataset ${dataset} to`, 'configure "publish" in lake.config.json, or run with --simulate');
  }
}

export class PublisherClosed extends LakeError {
  constructor(dataset: string) {
    super('PUBLISHER_CLOSED', `the publisher of dataset ${dataset} is already closed`);
  }
}

export class Publisher {
  readonly dataset: string;
  readonly chunkSize: number;
  readonly idColumn: string | null;
  private readonly driver: PublishDriver | null;
  private readonly simulate: boolean;
  private readonly log: Logger;
  private readonly sideFile: CsvFile | null;
  private readonly ownsSideFile: boolean;
  private buffer: PublishRow[] = [];
  private flushedRows = 0;
  private closed = false;

  constructor(options: PublisherOptions) {
    this.dataset = options.dataset;
    this.driver = options.driver;
    this.simulate = options.simulate ?? false;
    this.log = options.log;
    this.idColumn = options.idColumn || null;
    if (!this.simulate && !this.driver) throw new PublishDriverMissing(this.dataset);
    this.chunkSize = options.chunkSize ?? this.driver?.preferredChunk ?? DEFAULT_PUBLISH_CHUNK;
    if (!Number.isInteger(this.chunkSize) || this.chunkSize < 1) {
      throw new LakeError('INVALID_CHUNK_SIZE', `publish chunk size must be a positive integer, got ${this.chunkSize}`);
    }
    this.ownsSideFile = options.sideFile === undefined;
    this.sideFile = options.sideFile !== undefined ? options.sideFile : options.outputPath ? publisherSideFile(options.outputPath, this.dataset, this.log) : null;
  }

  /** Rows flushed (sent, or counted as "would have been sent" when simulating) since the last reset. */
  get rowsWritten(): number {
    return this.flushedRows;
  }

  /** Rows waiting for the next flush. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Buffer a row; sends a chunk as soon as the buffer holds `chunkSize` rows. */
  async add(row: PublishRow): Promise<void> {
    if (this.closed) throw new PublisherClosed(this.dataset);
    this.buffer.push(row);
    if (this.buffer.length >= this.chunkSize) await this.flush();
  }

  /** Send the buffered rows (never an empty batch). On failure the rows stay buffered. */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    try {
      if (this.simulate) {
        this.log.info(`Simulation mode: would have written ${rows.length} rows to ${this.dataset}.`);
      } else {
        this.log.info(`(At Row ${this.flushedRows}) writing ${rows.length} rows.`);
        const driver = this.driver as PublishDriver;
        await (this.idColumn ? driver.write(this.dataset, rows, { idColumn: this.idColumn }) : driver.write(this.dataset, rows));
      }
      await this.sideFile?.append(rows);
    } catch (error) {
      this.buffer = rows.concat(this.buffer);
      throw error;
    }
    this.flushedRows += rows.length;
  }

  /** Drop buffered rows without sending them and restart the row count (the side file stays open). */
  reset(): void {
    this.buffer = [];
    this.flushedRows = 0;
  }

  /** Final flush, then close the side file. The driver belongs to whoever created it. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      if (this.ownsSideFile) await this.sideFile?.close();
    }
  }
}

/** The `-o` copy of a dataset's rows: `<outputPath>/<dataset>.csv`. */
export function publisherSideFile(outputPath: string, dataset: string, log: Logger): CsvFile {
  return new CsvFile(datasetCsvPath(path.resolve(outputPath), dataset), log);
}
