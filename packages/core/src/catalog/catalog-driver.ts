import type { CatalogEntry, CatalogOverlapQuery, CatalogQuery } from './catalog-entry';

/** A place that keeps catalog rows: embedded SQLite, PostgREST, PostgreSQL, … */
export interface CatalogDriver {
  /** Rows in order (collectionDate, base, ext); the driver pages internally, never silently capped. */
  query(query: CatalogQuery): AsyncIterable<CatalogEntry>;
  /** Rows overlapping a date range (collectionEnd null = one calendar day). */
  overlaps(query: CatalogOverlapQuery): AsyncIterable<CatalogEntry>;
  /** Insert or merge on the key; all rows in one transaction/request. */
  upsert(entries: CatalogEntry[]): Promise<void>;
  /** Remove rows matching the query; returns how many. */
  remove(query: CatalogOverlapQuery): Promise<number>;
  close(): Promise<void>;
}
