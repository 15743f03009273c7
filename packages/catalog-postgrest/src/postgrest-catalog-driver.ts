// The `postgrest` catalog driver: the original deployment's catalog table (`data_lake_cat_new`)
// behind PostgREST, requested the way the original did (core.md §6.3, §6.4) with its defects
// fixed: a limit is a limit and paging never stops at a server cap (C-2), rows of one batch are
// merged by instant (C-21), and "no end" means one calendar day in the lake's zone.
import {
  InvalidCatalogEntry,
  InvalidCatalogQuery,
  catalogInstantMs,
  catalogRowLimit,
  requireCatalogText,
  catalogKey,
  type CatalogDriver,
  type CatalogEntry,
  type CatalogOverlapQuery,
  type CatalogQuery,
  type DriverConfig,
  type DriverEnv,
  type LakeError,
  type LakeTime,
} from '@lake/core';
import { nullEndBound, textFilter, type TextFilter } from './catalog-filters';
import { connectionSettings, tableUrl } from './postgrest-settings';
import { PostgrestTable, type PostgrestParams, type PostgrestRow, type PostgrestTableOptions } from './postgrest-table';

export const POSTGREST_DRIVER = 'postgrest';
export const DEFAULT_CATALOG_TABLE = 'data_lake_cat_new';

/** The columns the original asked for; repository and data source come from the query. */
export const CATALOG_SELECT = 'collection_date,collection_end,processing_date,pointer,id_base,id_ext,metadata';
const OVERLAP_SELECT = `repository,data_source,${CATALOG_SELECT}`;

/**
 * `catalog` in lake.config.json:
 * `{ "driver": "postgrest", "url": "http://host/data_lake_cat_new", "token": "${env:LAKE_CATALOG_TOKEN}" }`
 * (or `baseUrl` + `table`), plus `pageSize` (≤ the server's max-rows, default 1000),
 * `exactCount`, `timeoutMs`, `attempts`, `backoffMs`.
 */
export interface PostgrestCatalogConfig extends DriverConfig {
  driver: 'postgrest';
  url?: string;
  baseUrl?: string;
  table?: string;
  token?: string;
  pageSize?: number;
  exactCount?: boolean;
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
}

export class PostgrestCatalogDriver implements CatalogDriver {
  readonly table: PostgrestTable;
  private readonly time: LakeTime;

  /** `tuning` is for library users and tests (an injected sleep, say). */
  constructor(settings: DriverConfig, env: Pick<DriverEnv, 'time' | 'log'>, tuning: Partial<PostgrestTableOptions> = {}) {
    this.time = env.time;
    this.table = new PostgrestTable({
      ...connectionSettings(settings, 'catalog'),
      url: tableUrl(settings, 'catalog', 'url', 'table', DEFAULT_CATALOG_TABLE),
      service: 'catalog',
      block: 'catalog',
      log: env.log,
      ...tuning,
    });
  }

  async *query(query: CatalogQuery): AsyncIterable<CatalogEntry> {
    requireCatalogText(query.repository, 'repository');
    requireCatalogText(query.dataSource, 'dataSource');
    const limit = catalogRowLimit(query.limit);
    if (limit === 0) return;
    const base = optionalTextFilter(query.base);
    const ext = optionalTextFilter(query.ext);
    const dates: string[] = [];
    if (query.early) dates.push(`${query.exact ? 'eq' : 'gte'}.${this.format(query.early, 'early')}`);
    if (query.late) dates.push(`lt.${this.format(query.late, 'late')}`);
    const params: PostgrestParams = {
      select: CATALOG_SELECT,
      repository: `eq.${query.repository}`,
      data_source: `eq.${query.dataSource}`,
      id_base: base?.param,
      id_ext: ext?.param,
      collection_date: dates.length ? dates : undefined,
      order: `collection_date.${query.reverse ? 'desc' : 'asc'},id_base.asc,id_ext.asc`,
    };
    const accept = exactCheck([
      ['id_base', base],
      ['id_ext', ext],
    ]);
    for await (const row of this.table.select(params, { limit, accept })) {
      yield this.toEntry(row, query.repository, query.dataSource);
    }
  }

  async *overlaps(query: CatalogOverlapQuery): AsyncIterable<CatalogEntry> {
    const { params, accept } = this.overlapFilter(query);
    for await (const row of this.table.select({ select: OVERLAP_SELECT, ...params, order: 'collection_date.asc,repository.asc,data_source.asc,id_base.asc,id_ext.asc' }, { accept })) {
      yield this.toEntry(row, String(row.repository), String(row.data_source));
    }
  }

  /** One request per key set (normally one); rows with the same key are merged, later fields winning. */
  async upsert(entries: CatalogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const merged = new Map<string, PostgrestRow>();
    for (const entry of entries) {
      const row = this.toRow(entry);
      const key = catalogKey(entry);
      merged.set(key, { ...merged.get(key), ...row });
    }
    await this.table.upsert([...merged.values()]);
  }

  /**
   * One DELETE with the overlap filters. When those filters are looser than the query (a DST
   * change near the start, a literal `*` in a pattern), the overlapping rows are read first and
   * deleted by key, so nothing outside the range is touched.
   */
  async remove(query: CatalogOverlapQuery): Promise<number> {
    const { params, accept } = this.overlapFilter(query);
    if (!accept) return this.table.remove(params, 'collection_date');
    const keys: PostgrestParams[] = [];
    for await (const row of this.table.select({ select: 'repository,data_source,id_base,id_ext,collection_date,collection_end', ...params }, { accept })) {
      keys.push({
        repository: `eq.${row.repository}`,
        data_source: `eq.${row.data_source}`,
        id_base: `eq.${row.id_base}`,
        id_ext: `eq.${row.id_ext}`,
        // PostgREST's own text of the instant, so microseconds the lake never wrote still match.
        collection_date: `eq.${row.collection_date}`,
      });
    }
    let removed = 0;
    for (const key of keys) removed += await this.table.remove(key, 'collection_date');
    return removed;
  }

  async close(): Promise<void> {}

  /**
   * `collection_date < end`, and an end after `start`: the stored end, or for rows without one
   * a date after start − 1 calendar day. PostgREST has no OVERLAPS on two columns, hence the `or`.
   */
  private overlapFilter(query: CatalogOverlapQuery): { params: PostgrestParams; accept: ((row: PostgrestRow) => boolean) | null } {
    const start = this.format(query.start, 'start');
    const end = this.format(query.end, 'end');
    const bound = nullEndBound(this.time, query.start);
    const base = optionalTextFilter(query.base);
    const ext = optionalTextFilter(query.ext);
    const params: PostgrestParams = {
      repository: query.repository ? `eq.${query.repository}` : undefined,
      data_source: query.dataSource ? `eq.${query.dataSource}` : undefined,
      id_base: base?.param,
      id_ext: ext?.param,
      collection_date: `lt.${end}`,
      or: `(collection_end.gt.${start},and(collection_end.is.null,collection_date.gt.${this.time.format(bound.after)}))`,
    };
    const textCheck = exactCheck([
      ['id_base', base],
      ['id_ext', ext],
    ]);
    if (bound.exact && !textCheck) return { params, accept: null };
    const startMs = query.start.getTime();
    return {
      params,
      accept: (row) => {
        if (textCheck && !textCheck(row)) return false;
        const date = this.time.parse(String(row.collection_date));
        const rowEnd = row.collection_end ? this.time.parse(String(row.collection_end)) : this.time.addDays(date, 1);
        return rowEnd.getTime() > startMs;
      },
    };
  }

  private toRow(entry: CatalogEntry): PostgrestRow {
    for (const field of ['repository', 'dataSource', 'base', 'pointer'] as const) requireCatalogText(entry[field], field, InvalidCatalogEntry);
    if (typeof entry.ext !== 'string') throw new InvalidCatalogEntry('ext must be text (it may be empty)');
    // Absent optional fields are omitted, never sent as null, so the merge keeps what is stored (§6.1).
    const row: PostgrestRow = {
      repository: entry.repository,
      data_source: entry.dataSource,
      id_base: entry.base,
      id_ext: entry.ext,
      pointer: entry.pointer,
      collection_date: this.format(entry.collectionDate, 'collectionDate', InvalidCatalogEntry),
    };
    if (entry.collectionEnd) row.collection_end = this.format(entry.collectionEnd, 'collectionEnd', InvalidCatalogEntry);
    if (entry.processingDate) row.processing_date = this.format(entry.processingDate, 'processingDate', InvalidCatalogEntry);
    if (entry.metadata !== undefined && entry.metadata !== null) row.metadata = entry.metadata;
    return row;
  }

  private toEntry(row: PostgrestRow, repository: string, dataSource: string): CatalogEntry {
    return {
      repository,
      dataSource,
      base: String(row.id_base),
      ext: String(row.id_ext),
      pointer: String(row.pointer),
      collectionDate: this.time.parse(String(row.collection_date)),
      collectionEnd: this.optionalDate(row.collection_end),
      processingDate: this.optionalDate(row.processing_date),
      metadata: row.metadata ?? null,
    };
  }

  private optionalDate(value: unknown): Date | null {
    return value === null || value === undefined ? null : this.time.parse(String(value));
  }

  /** The original's timestamp text (PyStr); the client URL-encodes it, `+` of an offset included. */
  private format(value: Date, name: string, Failure: new (why: string) => LakeError = InvalidCatalogQuery): string {
    return this.time.format(new Date(catalogInstantMs(value, name, Failure)));
  }
}

function optionalTextFilter(value: string | null | undefined): TextFilter | null {
  return value === null || value === undefined ? null : textFilter(value);
}

/** The client-side check of the text filters that the server applies loosely, or null. */
function exactCheck(filters: [string, TextFilter | null][]): ((row: PostgrestRow) => boolean) | null {
  const checks = filters.filter((entry): entry is [string, TextFilter & { matches: (value: string) => boolean }] => Boolean(entry[1]?.matches));
  if (checks.length === 0) return null;
  return (row) => checks.every(([column, filter]) => filter.matches(String(row[column])));
}


