// The catalog straight in PostgreSQL: the original's `data_lake_cat_new` table (core.md §6.2)
// queried the way its PostgREST endpoint was (§6.3, §6.4), with the defects fixed as in the
// embedded driver: a limit is a limit (C-2), paging is never capped, dates compare as instants.
import {
  catalogInstantMs,
  catalogRowLimit,
  requireCatalogText,
  InvalidCatalogEntry,
  InvalidCatalogQuery,
  stringifyLakeJson,
  type CatalogDriver,
  type CatalogEntry,
  type CatalogOverlapQuery,
  type CatalogQuery,
  type DriverConfig,
  type DriverEnv,
} from '@lake/core';
import { PostgresDatabase } from './postgres-database';
import { readPostgresSettings, tableSetting } from './postgres-settings';
import { DEFAULT_CATALOG_TABLE, TableName, catalogSchemaSql, runSchemaSql } from './schema';
import { SqlWhere } from './sql-where';

export const POSTGRES_DRIVER = 'postgres';

/** Rows per INSERT statement of an upsert batch (all of them in one transaction). */
export const DEFAULT_UPSERT_CHUNK = 1000;

interface CatalogRow {
  repository: string;
  data_source: string;
  id_base: string;
  id_ext: string;
  pointer: string;
  collection_date: Date;
  collection_end: Date | null;
  processing_date: Date | null;
  metadata: unknown;
  /** collection_date as the server writes it: exact to the microsecond, unlike a JS Date. */
  page_date: string;
}

/** An entry as sent: instants as ISO text, absent optional fields as null. */
interface UpsertRow {
  key: string;
  collectionMs: number;
  values: [string, string, string, string, string, string, string | null, string | null, string | null];
}

const COLUMNS = 'repository, data_source, id_base, id_ext, pointer, collection_date, collection_end, processing_date, metadata';
// Text keys sort by bytes, as in the embedded catalog, whatever the database's default collation.
const C = 'COLLATE "C"';
// "No end" is one calendar day in the session zone, which PostgresDatabase sets to the lake's.
const EFFECTIVE_END = "coalesce(collection_end, collection_date + interval '1 day')";

export class PostgresCatalogDriver implements CatalogDriver {
  readonly table: TableName;
  private readonly database: PostgresDatabase;
  private readonly pageSize: number;
  private readonly upsertChunk: number;
  private readonly upsertSql: string;

  constructor(settings: DriverConfig, env: Pick<DriverEnv, 'time' | 'log'>) {
    const postgres = readPostgresSettings(settings, 'catalog');
    this.table = new TableName(postgres.schema, tableSetting(postgres, 'table', DEFAULT_CATALOG_TABLE));
    this.database = new PostgresDatabase(postgres, env.time.zone, env.log);
    this.pageSize = postgres.pageSize;
    this.upsertChunk = Math.max(1, Math.floor(Number(settings.upsertChunk ?? DEFAULT_UPSERT_CHUNK)));
    this.upsertSql = upsertSql(this.table.sql);
  }

  /** Creates the schema, table and index when missing; safe to run again. */
  async createSchema(): Promise<void> {
    await this.database.transaction('creating the catalog table', this.table.text, (client) => runSchemaSql(client, catalogSchemaSql(this.table)));
  }

  async *query(query: CatalogQuery): AsyncIterable<CatalogEntry> {
    requireCatalogText(query.repository, 'repository');
    requireCatalogText(query.dataSource, 'dataSource');
    const limit = catalogRowLimit(query.limit);
    const where = new SqlWhere()
      .add('repository = ?', query.repository)
      .add('data_source = ?', query.dataSource)
      .text('id_base', query.base)
      .text('id_ext', query.ext);
    if (query.early) where.add(query.exact ? 'collection_date = ?' : 'collection_date >= ?', new Date(catalogInstantMs(query.early, 'early')).toISOString());
    if (query.late) where.add('collection_date < ?', new Date(catalogInstantMs(query.late, 'late')).toISOString());
    const order = `ORDER BY collection_date ${query.reverse ? 'DESC' : 'ASC'}, id_base ${C}, id_ext ${C}`;

    let last: CatalogRow | undefined;
    let yielded = 0;
    while (yielded < limit) {
      const pageLimit = Math.min(this.pageSize, limit - yielded);
      const page = where.copy();
      // Keyset paging: (collection_date, id_base, id_ext) is unique within one repository and data
      // source, and unlike OFFSET it neither skips nor repeats rows when another writer adds rows
      // between pages. Written so the collection_date index can start the scan at the last date.
      if (last) {
        const date = page.param(last.page_date);
        const after = `(id_base ${C}, id_ext ${C}) > (${page.param(last.id_base)}, ${page.param(last.id_ext)})`;
        const [from, beyond] = query.reverse ? ['<=', '<'] : ['>=', '>'];
        page.conditions.push(`collection_date ${from} ${date}::timestamptz`, `(collection_date ${beyond} ${date}::timestamptz OR ${after})`);
      }
      const rows = await this.rows(`SELECT ${COLUMNS}, collection_date::text AS page_date FROM ${this.table.sql} ${page.sql()} ${order} LIMIT ${page.param(pageLimit)}`, page, 'query');
      for (const row of rows) yield toEntry(row);
      yielded += rows.length;
      if (rows.length < pageLimit) return;
      last = rows[rows.length - 1];
    }
  }

  async *overlaps(query: CatalogOverlapQuery): AsyncIterable<CatalogEntry> {
    const where = overlapWhere(query);
    const order = `ORDER BY collection_date, repository ${C}, data_source ${C}, id_base ${C}, id_ext ${C}`;
    let last: CatalogRow | undefined;
    for (;;) {
      const page = where.copy();
      if (last) {
        const date = page.param(last.page_date);
        const rest = [last.repository, last.data_source, last.id_base, last.id_ext].map((value) => page.param(value)).join(', ');
        page.conditions.push(
          `collection_date >= ${date}::timestamptz`,
          `(collection_date > ${date}::timestamptz OR (repository ${C}, data_source ${C}, id_base ${C}, id_ext ${C}) > (${rest}))`,
        );
      }
      const rows = await this.rows(`SELECT ${COLUMNS}, collection_date::text AS page_date FROM ${this.table.sql} ${page.sql()} ${order} LIMIT ${page.param(this.pageSize)}`, page, 'overlap query');
      for (const row of rows) yield toEntry(row);
      if (rows.length < this.pageSize) return;
      last = rows[rows.length - 1];
    }
  }

  /**
   * One transaction for the batch. Rows go in key order, so two lake writers with overlapping
   * batches lock rows in the same order and wait for each other instead of deadlocking.
   */
  async upsert(entries: CatalogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = mergeSameKey(entries.map(toUpsertRow)).sort(byKey);
    await this.database.transaction('upsert', this.table.text, async (client) => {
      for (let start = 0; start < rows.length; start += this.upsertChunk) {
        await client.query(this.upsertSql, columnsOf(rows.slice(start, start + this.upsertChunk)));
      }
    });
  }

  async remove(query: CatalogOverlapQuery): Promise<number> {
    const where = overlapWhere(query);
    return this.database.execute(`DELETE FROM ${this.table.sql} ${where.sql()}`, where.params, 'remove', this.table.text);
  }

  async close(): Promise<void> {
    await this.database.close();
  }

  private rows(sql: string, where: SqlWhere, what: string): Promise<CatalogRow[]> {
    return this.database.query<CatalogRow>(sql, where.params, what, this.table.text);
  }
}

// Absent optional fields arrive as NULL and keep what is stored (coalesce), so each row updates
// only the columns it has — as the original's PostgREST merge did with omitted keys (core.md
// §6.1) — while a batch of mixed rows still goes in one statement.
function upsertSql(table: string): string {
  return `
INSERT INTO ${table} AS stored (${COLUMNS})
SELECT ${COLUMNS}
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::jsonb[])
  WITH ORDINALITY AS batch(${COLUMNS}, position)
ORDER BY position
ON CONFLICT (collection_date, repository, data_source, id_base, id_ext) DO UPDATE SET
  pointer = EXCLUDED.pointer,
  collection_end = coalesce(EXCLUDED.collection_end, stored.collection_end),
  processing_date = coalesce(EXCLUDED.processing_date, stored.processing_date),
  metadata = coalesce(EXCLUDED.metadata, stored.metadata)`;
}

function overlapWhere(query: CatalogOverlapQuery): SqlWhere {
  const start = new Date(catalogInstantMs(query.start, 'start')).toISOString();
  const end = new Date(catalogInstantMs(query.end, 'end')).toISOString();
  const where = new SqlWhere();
  if (query.repository) where.add('repository = ?', query.repository);
  if (query.dataSource) where.add('data_source = ?', query.dataSource);
  where.text('id_base', query.base).text('id_ext', query.ext);
  // OVERLAPS treats both as half-open: a row ending exactly at `start` does not overlap. The
  // second condition is implied by the first; it lets the collection_date index narrow the scan.
  where.add(`(collection_date, ${EFFECTIVE_END}) OVERLAPS (?::timestamptz, ?::timestamptz)`, start, end);
  where.add('collection_date <= ?::timestamptz', end);
  return where;
}

function toEntry(row: CatalogRow): CatalogEntry {
  return {
    repository: row.repository,
    dataSource: row.data_source,
    base: row.id_base,
    ext: row.id_ext,
    pointer: row.pointer,
    collectionDate: row.collection_date,
    collectionEnd: row.collection_end,
    processingDate: row.processing_date,
    metadata: row.metadata ?? null,
  };
}

function toUpsertRow(entry: CatalogEntry): UpsertRow {
  for (const field of ['repository', 'dataSource', 'base', 'pointer'] as const) requireCatalogText(entry[field], field, InvalidCatalogEntry);
  if (typeof entry.ext !== 'string') throw new InvalidCatalogEntry('ext must be text (it may be empty)');
  const collectionDate = new Date(catalogInstantMs(entry.collectionDate, 'collectionDate', InvalidCatalogEntry)).toISOString();
  const optionalInstant = (value: Date | null | undefined, name: string) => (value ? new Date(catalogInstantMs(value, name, InvalidCatalogEntry)).toISOString() : null);
  const metadata = entry.metadata === undefined || entry.metadata === null ? null : stringifyLakeJson(entry.metadata);
  return {
    key: [entry.repository, entry.dataSource, entry.base, entry.ext, collectionDate].join('\u0000'),
    collectionMs: entry.collectionDate.getTime(),
    values: [
      entry.repository,
      entry.dataSource,
      entry.base,
      entry.ext,
      entry.pointer,
      collectionDate,
      optionalInstant(entry.collectionEnd, 'collectionEnd'),
      optionalInstant(entry.processingDate, 'processingDate'),
      metadata,
    ],
  };
}

/**
 * One row per key, as if the batch were written row by row: a later row wins, except that its
 * absent optional fields keep the earlier row's. (One statement may not touch a row twice.)
 */
function mergeSameKey(rows: UpsertRow[]): UpsertRow[] {
  const byKey = new Map<string, UpsertRow>();
  for (const row of rows) {
    const earlier = byKey.get(row.key);
    if (earlier) {
      const merged = row.values.map((value, index) => value ?? earlier.values[index]) as UpsertRow['values'];
      byKey.set(row.key, { ...row, values: merged });
    } else {
      byKey.set(row.key, row);
    }
  }
  return [...byKey.values()];
}

function byKey(a: UpsertRow, b: UpsertRow): number {
  if (a.collectionMs !== b.collectionMs) return a.collectionMs - b.collectionMs;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The batch as one array per column, for unnest. */
function columnsOf(rows: UpsertRow[]): (string | null)[][] {
  return rows[0].values.map((_, column) => rows.map((row) => row.values[column]));
}




