// The `socrata` publish driver: upserts rows into Socrata datasets in chunks, deletes rows by
// their row identifier, and reads row ids back for reprocessing (publishing.md §2, §3, §5).
import { silentLogger, UsageError, type DriverConfig, type Logger, type PublishDriver, type PublishResult, type PublishRow } from '@lake/core';
import { assertDatasetId, assertFieldName } from './dataset-id';
import { SodaClient } from './soda-client';
import { DeleteWroteRows, MissingRowId, type SodaCounts } from './socrata-errors';
import { socrataSettings, type SocrataSettings } from './socrata-settings';

/** Socrata's largest page of a SODA 2.0 query. */
export const SOCRATA_PAGE = 50_000;

export interface SocrataDriverOptions {
  log?: Logger;
  /** Injectable for tests: how to wait between attempts. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ReadIdsOptions {
  /** A SoQL condition, e.g. from `soqlRange('read_date', start, end)`. */
  where?: string;
  /** SoQL order (default: the id column, so pages never overlap). */
  order?: string;
  /** Rows per request (default 50 000). */
  pageSize?: number;
}

export class SocrataPublishDriver implements PublishDriver {
  readonly preferredChunk: number;
  readonly settings: Readonly<Omit<SocrataSettings, 'password' | 'appToken'>>;
  private readonly client: SodaClient;
  private readonly log: Logger;

  constructor(settings: DriverConfig, options: SocrataDriverOptions = {}) {
    const checked = socrataSettings(settings);
    this.log = options.log ?? silentLogger;
    this.preferredChunk = checked.chunkSize;
    // Kept for messages and `lake config`-like views: everything but the secrets.
    this.settings = { baseUrl: checked.baseUrl, username: checked.username, chunkSize: checked.chunkSize, timeoutMs: checked.timeoutMs, attempts: checked.attempts, backoffMs: checked.backoffMs };
    this.client = new SodaClient({ ...checked, log: this.log, sleep: options.sleep });
  }

  /**
   * Upserts rows (keys as given) in requests of `preferredChunk` rows; nothing is sent for no
   * rows. The dataset's row identifier (set on Socrata) makes it an upsert, so `idColumn` is only
   * checked for a usable name. Throws SocrataRowErrors on the first answer with errors.
   */
  async write(dataset: string, rows: PublishRow[], options: { idColumn?: string } = {}): Promise<PublishResult> {
    assertDatasetId(dataset);
    if (options.idColumn) assertFieldName(options.idColumn);
    const total = emptyResult();
    for (let start = 0; start < rows.length; start += this.preferredChunk) {
      add(total, await this.client.upsert(dataset, rows.slice(start, start + this.preferredChunk)));
    }
    if (rows.length > 0) this.log.debug(`Socrata ${dataset}: ${rows.length} rows sent (${total.created} created, ${total.updated} updated)`);
    return total;
  }

  /**
   * Deletes rows by row identifier (`{ <idColumn>: id, ":deleted": true }` upserts, in chunks).
   * Ids the dataset does not hold are not an error (a purge run twice deletes nothing the second
   * time), but they are reported; a delete that created or updated rows means `idColumn` is not
   * the dataset's row identifier, and fails.
   */
  async delete(dataset: string, idColumn: string, ids: string[]): Promise<PublishResult> {
    assertDatasetId(dataset);
    assertFieldName(idColumn);
    const total = emptyResult();
    for (let start = 0; start < ids.length; start += this.preferredChunk) {
      const chunk = ids.slice(start, start + this.preferredChunk);
      const counts = await this.client.upsert(dataset, chunk.map((id) => ({ [idColumn]: id, ':deleted': true })));
      if (counts.created > 0 || counts.updated > 0) throw new DeleteWroteRows(dataset, idColumn, counts);
      add(total, counts);
    }
    if (total.deleted < ids.length) {
      this.log.warn(`Socrata ${dataset}: ${ids.length - total.deleted} of ${ids.length} row ids to delete were not in the dataset`);
    }
    return total;
  }

  /**
   * The values of `idColumn` of every row matching `where`, page by page (`$limit`/`$offset`,
   * ordered so pages are stable). Read them all before deleting: deleting while paging would
   * shift the offsets.
   */
  async readIds(dataset: string, idColumn: string, options: ReadIdsOptions = {}): Promise<string[]> {
    assertDatasetId(dataset);
    assertFieldName(idColumn);
    const pageSize = options.pageSize ?? SOCRATA_PAGE;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new UsageError(`readIds: pageSize must be a positive whole number, got ${pageSize}`);
    const ids: string[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.client.query(dataset, { select: idColumn, where: options.where, order: options.order ?? idColumn, limit: pageSize, offset });
      for (const row of page) {
        const id = row[idColumn];
        if (id === undefined || id === null) throw new MissingRowId(dataset, idColumn);
        ids.push(String(id));
      }
      if (page.length < pageSize) return ids;
    }
  }

  async close(): Promise<void> {}
}

function emptyResult(): PublishResult {
  return { created: 0, updated: 0, deleted: 0 };
}

function add(total: PublishResult, counts: SodaCounts): void {
  total.created += counts.created;
  total.updated += counts.updated;
  total.deleted += counts.deleted;
}
