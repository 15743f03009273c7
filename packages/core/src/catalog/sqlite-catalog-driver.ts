// The embedded catalog: the `data_lake_catalog` table in the lake's SQLite file. Behaves like the
// original PostgREST catalog (core.md §6.3, §6.4) with its defects fixed: a limit is a limit
// (C-2), dates compare as instants (C-21), and "no end" means one calendar day in the lake's
// zone, so a DST day is 23 or 25 hours.
import { parseLakeJson, stringifyLakeJson } from '../json/lake-json';
import { openLakeDatabase, type LakeDatabase } from '../sqlite/open-lake-database';
import { StatementCache } from '../sqlite/statement-cache';
import type { LakeTime } from '../time/lake-time';
import type { CatalogDriver } from './catalog-driver';
import type { CatalogEntry, CatalogOverlapQuery, CatalogQuery } from './catalog-entry';
import { InvalidCatalogEntry, InvalidCatalogQuery, catalogInstantMs, catalogRowLimit, requireCatalogText } from './catalog-checks';

/** Rows fetched per page; memory holds one page, however many rows match. */
export const SQLITE_CATALOG_PAGE_SIZE = 1000;

/** The marker that turns a base or ext into a pattern; it matches any text (core.md §6.3). */
export const CATALOG_PATTERN_MARKER = '%%';

export { InvalidCatalogEntry, InvalidCatalogQuery };

export interface SqliteCatalogOptions {
  pageSize?: number;
  /** False when the database is shared and someone else closes it. */
  closeDatabase?: boolean;
}

interface CatalogRow {
  repository: string;
  data_source: string;
  id_base: string;
  id_ext: string;
  pointer: string;
  collection_date: number;
  collection_end: number | null;
  processing_date: number | null;
  metadata: string | null;
}

type SqlValue = string | number | null;

const COLUMNS = 'repository, data_source, id_base, id_ext, pointer, collection_date, collection_end, processing_date, metadata';

// Optional columns use coalesce so a row written without them keeps what is stored: the
// original omitted absent keys and PostgREST's merge left those columns alone (core.md §6.1).
const UPSERT_SQL = `
INSERT INTO data_lake_catalog
  (repository, data_source, id_base, id_ext, pointer, collection_date, collection_end, collection_end_effective, processing_date, metadata)
VALUES
  (@repository, @dataSource, @base, @ext, @pointer, @collectionDate, @collectionEnd, @collectionEndEffective, @processingDate, @metadata)
ON CONFLICT (collection_date, repository, data_source, id_base, id_ext) DO UPDATE SET
  pointer = excluded.pointer,
  collection_end = coalesce(excluded.collection_end, collection_end),
  collection_end_effective = coalesce(excluded.collection_end, collection_end, excluded.collection_end_effective),
  processing_date = coalesce(excluded.processing_date, processing_date),
  metadata = coalesce(excluded.metadata, metadata)`;

export class SqliteCatalogDriver implements CatalogDriver {
  private readonly pageSize: number;
  private readonly closeDatabase: boolean;
  private readonly statements: StatementCache;

  constructor(
    private readonly database: LakeDatabase,
    private readonly time: LakeTime,
    options: SqliteCatalogOptions = {},
  ) {
    this.pageSize = Math.max(1, Math.floor(options.pageSize ?? SQLITE_CATALOG_PAGE_SIZE));
    this.closeDatabase = options.closeDatabase ?? true;
    this.statements = new StatementCache(database);
  }

  static open(file: string, time: LakeTime, options: SqliteCatalogOptions = {}): SqliteCatalogDriver {
    return new SqliteCatalogDriver(openLakeDatabase(file), time, options);
  }

  async *query(query: CatalogQuery): AsyncIterable<CatalogEntry> {
    requireCatalogText(query.repository, 'repository');
    requireCatalogText(query.dataSource, 'dataSource');
    const limit = catalogRowLimit(query.limit);
    const where = ['repository = ?', 'data_source = ?'];
    const params: SqlValue[] = [query.repository, query.dataSource];
    matchText('id_base', query.base, where, params);
    matchText('id_ext', query.ext, where, params);
    if (query.early) {
      where.push(query.exact ? 'collection_date = ?' : 'collection_date >= ?');
      params.push(catalogInstantMs(query.early, 'early'));
    }
    if (query.late) {
      where.push('collection_date < ?');
      params.push(catalogInstantMs(query.late, 'late'));
    }
    const direction = query.reverse ? 'DESC' : 'ASC';
    // Keyset paging: (collection_date, id_base, id_ext) is unique within one repository and data
    // source, and unlike OFFSET it neither skips nor repeats rows when another process writes
    // between pages.
    const after = query.reverse
      ? '(collection_date < ? OR (collection_date = ? AND (id_base, id_ext) > (?, ?)))'
      : '(collection_date, id_base, id_ext) > (?, ?, ?)';
    const order = `ORDER BY collection_date ${direction}, id_base ASC, id_ext ASC`;

    let last: CatalogRow | undefined;
    let yielded = 0;
    while (yielded < limit) {
      const pageLimit = Math.min(this.pageSize, limit - yielded);
      const pageWhere = last ? [...where, after] : where;
      const pageParams = last
        ? [...params, ...(query.reverse
            ? [last.collection_date, last.collection_date, last.id_base, last.id_ext]
            : [last.collection_date, last.id_base, last.id_ext])]
        : params;
      const rows = this.all(`SELECT ${COLUMNS} FROM data_lake_catalog WHERE ${pageWhere.join(' AND ')} ${order} LIMIT ?`, [
        ...pageParams,
        pageLimit,
      ]);
      for (const row of rows) yield toEntry(row);
      yielded += rows.length;
      if (rows.length < pageLimit) return;
      last = rows[rows.length - 1];
    }
  }

  async *overlaps(query: CatalogOverlapQuery): AsyncIterable<CatalogEntry> {
    const { where, params } = overlapFilter(query);
    let last: CatalogRow | undefined;
    for (;;) {
      const pageWhere = last ? [...where, '(collection_date, repository, data_source, id_base, id_ext) > (?, ?, ?, ?, ?)'] : where;
      const pageParams = last
        ? [...params, last.collection_date, last.repository, last.data_source, last.id_base, last.id_ext]
        : params;
      const rows = this.all(
        `SELECT ${COLUMNS} FROM data_lake_catalog WHERE ${pageWhere.join(' AND ')}
         ORDER BY collection_date, repository, data_source, id_base, id_ext LIMIT ?`,
        [...pageParams, this.pageSize],
      );
      for (const row of rows) yield toEntry(row);
      if (rows.length < this.pageSize) return;
      last = rows[rows.length - 1];
    }
  }

  async upsert(entries: CatalogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((entry) => this.toRow(entry));
    const statement = this.statements.get(UPSERT_SQL);
    // IMMEDIATE takes the write lock up front, so a concurrent writer makes us wait (busy
    // timeout) instead of failing a read-then-write upgrade with SQLITE_BUSY.
    this.database.transaction(() => {
      for (const row of rows) statement.run(row);
    }).immediate();
  }

  async remove(query: CatalogOverlapQuery): Promise<number> {
    const { where, params } = overlapFilter(query);
    const statement = this.statements.get(`DELETE FROM data_lake_catalog WHERE ${where.join(' AND ')}`);
    return this.database.transaction(() => statement.run(...params).changes).immediate();
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.closeDatabase && this.database.open) this.database.close();
  }

  private toRow(entry: CatalogEntry): Record<string, SqlValue> {
    for (const field of ['repository', 'dataSource', 'base', 'pointer'] as const) requireCatalogText(entry[field], field, InvalidCatalogEntry);
    if (typeof entry.ext !== 'string') throw new InvalidCatalogEntry('ext must be text (it may be empty)');
    const collectionDate = catalogInstantMs(entry.collectionDate, 'collectionDate', InvalidCatalogEntry);
    const collectionEnd = entry.collectionEnd ? catalogInstantMs(entry.collectionEnd, 'collectionEnd', InvalidCatalogEntry) : null;
    return {
      repository: entry.repository,
      dataSource: entry.dataSource,
      base: entry.base,
      ext: entry.ext,
      pointer: entry.pointer,
      collectionDate,
      collectionEnd,
      collectionEndEffective: collectionEnd ?? this.time.addDays(entry.collectionDate, 1).getTime(),
      processingDate: entry.processingDate ? catalogInstantMs(entry.processingDate, 'processingDate', InvalidCatalogEntry) : null,
      metadata: entry.metadata === undefined || entry.metadata === null ? null : stringifyLakeJson(entry.metadata),
    };
  }

  private all(sql: string, params: SqlValue[]): CatalogRow[] {
    return this.statements.get(sql).all(...params) as CatalogRow[];
  }

}

function toEntry(row: CatalogRow): CatalogEntry {
  return {
    repository: row.repository,
    dataSource: row.data_source,
    base: row.id_base,
    ext: row.id_ext,
    pointer: row.pointer,
    collectionDate: new Date(row.collection_date),
    collectionEnd: row.collection_end === null ? null : new Date(row.collection_end),
    processingDate: row.processing_date === null ? null : new Date(row.processing_date),
    metadata: row.metadata === null ? null : parseLakeJson(row.metadata),
  };
}

function overlapFilter(query: CatalogOverlapQuery): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.repository) {
    where.push('repository = ?');
    params.push(query.repository);
  }
  if (query.dataSource) {
    where.push('data_source = ?');
    params.push(query.dataSource);
  }
  matchText('id_base', query.base, where, params);
  matchText('id_ext', query.ext, where, params);
  // Half-open intervals: a row ending exactly at `start` does not overlap.
  where.push('collection_date < ?', 'collection_end_effective > ?');
  params.push(catalogInstantMs(query.end, 'end'), catalogInstantMs(query.start, 'start'));
  return { where, params };
}

/**
 * Exact match, or — when the value holds `%%` — a pattern where each `%%` matches any text.
 * GLOB rather than LIKE because LIKE ignores ASCII case in SQLite and treats `_` (common in file
 * names such as `unit_data.json`) as a wildcard; everything but the marker must match literally.
 */
function matchText(column: string, value: string | null | undefined, where: string[], params: SqlValue[]): void {
  if (value === null || value === undefined) return;
  if (value.includes(CATALOG_PATTERN_MARKER)) {
    where.push(`${column} GLOB ?`);
    params.push(value.split(CATALOG_PATTERN_MARKER).map(globLiteral).join('*'));
  } else {
    where.push(`${column} = ?`);
    params.push(value);
  }
}

function globLiteral(text: string): string {
  return text.replace(/[[*?]/g, (special) => `[${special}]`);
}




