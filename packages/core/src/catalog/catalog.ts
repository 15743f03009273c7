// What every stage uses to read and write the catalog, whatever driver keeps the rows. Rows of a
// run are staged and committed together (one transaction or request per flush), so a stage that
// dies mid-run leaves files without rows rather than rows without files.
import { describeError } from '../errors';
import type { Logger } from '../log/logger';
import type { LakeTime } from '../time/lake-time';
import type { CatalogDriver } from './catalog-driver';
import { catalogKey, type CatalogEntry, type CatalogOverlapQuery, type CatalogQuery } from './catalog-entry';
import { SearchableList } from './searchable-list';

export interface CatalogOptions {
  time: LakeTime;
  log: Logger;
}

/** A query for one row: the order is given by `latest`/`earliest`, the count is one. */
export type CatalogPickQuery = Omit<CatalogQuery, 'limit' | 'reverse'>;

/** Rows for date lookups (core.md §6.5). */
export interface SearchableListQuery {
  repository: string;
  dataSource: string;
  base?: string | null;
  ext?: string | null;
  early?: Date | null;
  late?: Date | null;
  exact?: boolean;
}

export class Catalog {
  readonly time: LakeTime;
  private readonly log: Logger;
  private readonly staged = new Map<string, CatalogEntry>();

  constructor(
    readonly driver: CatalogDriver,
    options: CatalogOptions,
  ) {
    this.time = options.time;
    this.log = options.log;
  }

  query(query: CatalogQuery): AsyncIterable<CatalogEntry> {
    return this.driver.query(query);
  }

  async list(query: CatalogQuery): Promise<CatalogEntry[]> {
    return collect(this.driver.query(query));
  }

  /** The row at exactly `date`, or null. */
  async single(repository: string, dataSource: string, base: string | null, ext: string | null, date: Date): Promise<CatalogEntry | null> {
    return this.first({ repository, dataSource, base, ext, early: date, exact: true, limit: 1 });
  }

  /** The newest row in range, or null. */
  async latest(query: CatalogPickQuery): Promise<CatalogEntry | null> {
    return this.first({ ...query, reverse: true, limit: 1 });
  }

  /** The oldest row in range, or null. */
  async earliest(query: CatalogPickQuery): Promise<CatalogEntry | null> {
    return this.first({ ...query, reverse: false, limit: 1 });
  }

  /** Write one row now. */
  async upsert(entry: CatalogEntry): Promise<void> {
    await this.driver.upsert([entry]);
  }

  /**
   * Keep a row for the next `commit`. A row with the same key — by instant, however the date was
   * obtained (fixes C-21) — replaces the earlier one, so one commit never touches a row twice.
   */
  stage(entry: CatalogEntry): void {
    this.staged.set(catalogKey(entry), entry);
  }

  /** Rows staged and not yet committed. */
  get pending(): number {
    return this.staged.size;
  }

  /**
   * Write all staged rows in one driver call; returns how many. Nothing staged → no call. When
   * the write fails the rows stay staged, so a retry can commit them.
   */
  async commit(): Promise<number> {
    if (this.staged.size === 0) return 0;
    const batch = [...this.staged];
    try {
      await this.driver.upsert(batch.map(([, entry]) => entry));
    } catch (error) {
      this.log.error(`catalog: committing ${batch.length} staged row(s) failed: ${describeError(error)}`);
      throw error;
    }
    // Rows staged while the write was in flight stay for the next commit.
    for (const [key, entry] of batch) {
      if (this.staged.get(key) === entry) this.staged.delete(key);
    }
    return batch.length;
  }

  overlaps(query: CatalogOverlapQuery): AsyncIterable<CatalogEntry> {
    return this.driver.overlaps(query);
  }

  async remove(query: CatalogOverlapQuery): Promise<number> {
    return this.driver.remove(query);
  }

  /**
   * Ascending rows in [early, late) (or at exactly `early` when exact), plus the first row dated
   * at or after `late` so a day near the end of the range still finds the inventory that follows
   * it (fixes C-4, which looked from late + 1 s). With neither bound: only the newest row (fixes
   * C-3, which returned every row newest first and broke the binary search).
   */
  async searchableList(query: SearchableListQuery): Promise<SearchableList> {
    const { repository, dataSource, base = null, ext = null, early = null, late = null, exact = false } = query;
    if (!early && !late) {
      const newest = await this.latest({ repository, dataSource, base, ext });
      return new SearchableList(newest ? [newest] : []);
    }
    const rows = await this.list({ repository, dataSource, base, ext, early, late, exact });
    if (late) {
      const following = await this.earliest({ repository, dataSource, base, ext, early: late });
      const lastMs = rows.length ? rows[rows.length - 1].collectionDate.getTime() : -Infinity;
      if (following && following.collectionDate.getTime() > lastMs) rows.push(following);
    }
    return new SearchableList(rows);
  }

  /** Closes the driver; staged rows that were never committed are reported, not written. */
  async close(): Promise<void> {
    if (this.staged.size > 0) {
      this.log.warn(`catalog: ${this.staged.size} staged row(s) were never committed`);
    }
    await this.driver.close();
  }

  private async first(query: CatalogQuery): Promise<CatalogEntry | null> {
    for await (const entry of this.driver.query(query)) return entry;
    return null;
  }
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const row of rows) list.push(row);
  return list;
}
