// One row of the catalog: a file (or a published batch) a repository holds for a data source,
// a base/ext identity and a collection date. Key: (collectionDate, repository, dataSource, base, ext).

export interface CatalogEntry {
  repository: string;
  dataSource: string;
  base: string;
  ext: string;
  /** Storage key, or the dataset id for `public` rows. */
  pointer: string;
  /** Inclusive start of the data the file holds. */
  collectionDate: Date;
  /** Exclusive end; null means one calendar day after `collectionDate`. */
  collectionEnd?: Date | null;
  processingDate?: Date | null;
  metadata?: unknown;
}

/** What a catalog query asks for (core.md §6.3). */
export interface CatalogQuery {
  repository: string;
  dataSource: string;
  /** Exact value, or a pattern when it holds the marker `%%` (matches any text). */
  base?: string | null;
  ext?: string | null;
  /** Inclusive lower bound on collectionDate (equality in exact mode). */
  early?: Date | null;
  /** Exclusive upper bound on collectionDate. */
  late?: Date | null;
  exact?: boolean;
  /** Stop after this many rows. */
  limit?: number;
  /** Newest first (then base, ext ascending). */
  reverse?: boolean;
}

/** Rows whose interval [collectionDate, collectionEnd ?? +1 day) overlaps [start, end). */
export interface CatalogOverlapQuery {
  repository?: string | null;
  dataSource?: string | null;
  base?: string | null;
  ext?: string | null;
  start: Date;
  end: Date;
}

export function catalogKey(entry: Pick<CatalogEntry, 'repository' | 'dataSource' | 'base' | 'ext' | 'collectionDate'>): string {
  return [entry.repository, entry.dataSource, entry.base, entry.ext, entry.collectionDate.getTime()].join('\u0000');
}
