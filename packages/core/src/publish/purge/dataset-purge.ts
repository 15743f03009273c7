// Deletes one catalog row's ids from one dataset in chunks of the driver's preferred size, so a
// day of a million rows never sits in memory whole, and every answer is checked. Ids the dataset
// does not hold are counted, not failed: a purge that died half-way must be safe to run again.
import type { PublishDriver } from '../publish-driver';
import { PurgeWroteRows } from './purge-errors';
import type { PurgedDataset } from './purge-summary';

export interface DatasetPurgeOptions {
  /** Null when simulating: ids are only counted. */
  driver: PublishDriver | null;
  dataset: string;
  idColumn: string;
  chunkSize: number;
  /** How many ids the summary keeps to show. */
  shownIds: number;
}

export class DatasetPurge {
  private chunk: string[] = [];
  private readonly done: PurgedDataset;

  constructor(private readonly options: DatasetPurgeOptions) {
    this.done = { dataset: options.dataset, idColumn: options.idColumn, ids: 0, firstIds: [], deleted: 0 };
  }

  get idColumn(): string {
    return this.options.idColumn;
  }

  get summary(): PurgedDataset {
    return { ...this.done, firstIds: [...this.done.firstIds] };
  }

  async add(id: string): Promise<void> {
    this.done.ids++;
    if (this.done.firstIds.length < this.options.shownIds) this.done.firstIds.push(id);
    if (!this.options.driver) return;
    this.chunk.push(id);
    if (this.chunk.length >= this.options.chunkSize) await this.flush();
  }

  /** Deletes what is left; resolves only when every chunk was acknowledged. */
  async finish(): Promise<void> {
    if (this.chunk.length > 0) await this.flush();
  }

  private async flush(): Promise<void> {
    const { driver, dataset, idColumn } = this.options;
    const ids = this.chunk;
    this.chunk = [];
    const result = await (driver as PublishDriver).delete(dataset, idColumn, ids);
    // The drivers throw on reported errors; rows written instead of deleted are checked here.
    if (result.created > 0 || result.updated > 0) throw new PurgeWroteRows(dataset, idColumn, result);
    this.done.deleted += result.deleted;
  }
}
