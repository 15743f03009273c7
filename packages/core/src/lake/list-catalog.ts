// What the catalog holds, as plain rows for people and scripts (`lake catalog:list`).
import type { CatalogEntry } from '../catalog/catalog-entry';
import { resolveDateRange } from '../stage/run-options';
import type { Lake } from './lake';

export interface CatalogListOptions {
  dataSource?: string;
  repository?: string;
  base?: string;
  ext?: string;
  /** Rows overlapping [startDate, endDate); both optional. */
  startDate?: string;
  endDate?: string;
  limit?: number;
}

/** A catalog row with timestamps in the original's text form. */
export interface CatalogListing {
  repository: string;
  data_source: string;
  id_base: string;
  id_ext: string;
  pointer: string;
  collection_date: string;
  collection_end: string | null;
  processing_date: string | null;
}

const FAR_FUTURE = new Date('9999-01-01T00:00:00Z');

export async function listCatalog(lake: Lake, options: CatalogListOptions): Promise<CatalogListing[]> {
  const range = resolveDateRange({ startDate: options.startDate, endDate: options.endDate, lastRunDate: '0' }, lake.time);
  const catalog = await lake.catalog();
  const rows: CatalogListing[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  for await (const entry of catalog.overlaps({
    repository: options.repository ?? null,
    dataSource: options.dataSource ?? null,
    base: options.base ?? null,
    ext: options.ext ?? null,
    start: range.start ?? new Date(0),
    end: range.end ?? FAR_FUTURE,
  })) {
    if (rows.length >= limit) break;
    rows.push(toListing(entry, lake));
  }
  return rows;
}

function toListing(entry: CatalogEntry, lake: Lake): CatalogListing {
  const format = (date: Date | null | undefined) => (date ? lake.time.format(date) : null);
  return {
    repository: entry.repository,
    data_source: entry.dataSource,
    id_base: entry.base,
    id_ext: entry.ext,
    pointer: entry.pointer,
    collection_date: lake.time.format(entry.collectionDate),
    collection_end: format(entry.collectionEnd),
    processing_date: format(entry.processingDate),
  };
}
