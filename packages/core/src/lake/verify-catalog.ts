// `lake catalog verify`: the catalog and the storage agree. Every row of a storage repository
// points at a stored object, and every lake file (`YYYY/MM/DD/<ds>/<file>`) a repository holds
// has a row. The `public` repositories hold dataset ids, not files, and are skipped.
import type { CatalogEntry } from '../catalog/catalog-entry';
import { DEFAULT_REPOSITORIES } from '../config/lake-config';
import type { StorageDriver } from '../storage/storage-driver';
import { InvalidStorageKey } from '../storage/storage-errors';
import { ALL_CATALOG_TIME } from './export-catalog';
import type { Lake } from './lake';

export interface CatalogVerifyOptions {
  /** One repository; default every storage repository the config names or the catalog holds. */
  repository?: string;
  /** Rows and files of one data source code only. */
  dataSource?: string;
  /** Mismatches listed per kind and repository (the counts go on beyond); default 1000. */
  maxListed?: number;
}

/** A catalog row, as the report shows it. */
export interface VerifiedRow {
  data_source: string;
  id_base: string;
  id_ext: string;
  collection_date: string;
  pointer: string;
}

export interface RepositoryVerification {
  repository: string;
  rows: number;
  /** Lake files (keys of the `YYYY/MM/DD/<ds>/<file>` shape) the repository holds. */
  files: number;
  /** Objects with other keys: not lake files, not checked. */
  otherObjects: number;
  rowsWithoutFile: VerifiedRow[];
  rowsWithoutFileCount: number;
  filesWithoutRow: string[];
  filesWithoutRowCount: number;
}

export interface CatalogVerification {
  /** True when no repository has a mismatch. */
  ok: boolean;
  repositories: RepositoryVerification[];
  skipped: { repository: string; reason: string }[];
}

const DEFAULT_MAX_LISTED = 1000;
/** A lake file's key; the data source is the fourth part. */
const LAKE_KEY = /^\d{4}\/\d{2}\/\d{2}\/([^/]+)\/[^/]+$/;

export async function verifyCatalog(lake: Lake, options: CatalogVerifyOptions = {}): Promise<CatalogVerification> {
  const publicRepositories = new Set([lake.repository('public'), lake.repository('public', true)]);
  const skipped: CatalogVerification['skipped'] = [];
  const repositories: RepositoryVerification[] = [];
  for (const repository of options.repository ? [options.repository] : await repositoriesToCheck(lake, options.dataSource)) {
    if (publicRepositories.has(repository)) {
      skipped.push({ repository, reason: 'public: its rows point at published dataset ids, not stored files' });
      continue;
    }
    repositories.push(await verifyRepository(lake, repository, options));
  }
  const ok = repositories.every((checked) => checked.rowsWithoutFileCount === 0 && checked.filesWithoutRowCount === 0);
  return { ok, repositories, skipped };
}

/**
 * Holds the keys of one repository's lake files (not its rows) in memory while its rows stream
 * past: tens of megabytes for a million files. A row whose file the listing lacks is asked for
 * once more, so a file written after the listing is not reported.
 */
async function verifyRepository(lake: Lake, repository: string, options: CatalogVerifyOptions): Promise<RepositoryVerification> {
  const maxListed = options.maxListed ?? DEFAULT_MAX_LISTED;
  const storage = await lake.storageDriver();
  const catalog = await lake.catalog();
  const result: RepositoryVerification = {
    repository,
    rows: 0,
    files: 0,
    otherObjects: 0,
    rowsWithoutFile: [],
    rowsWithoutFileCount: 0,
    filesWithoutRow: [],
    filesWithoutRowCount: 0,
  };

  const catalogued = new Map<string, boolean>();
  for await (const object of storage.list(repository)) {
    const match = LAKE_KEY.exec(object.key);
    if (!match) {
      result.otherObjects++;
    } else if (!options.dataSource || match[1] === options.dataSource) {
      catalogued.set(object.key, false);
      result.files++;
    }
  }

  for await (const entry of catalog.overlaps({ ...ALL_CATALOG_TIME, repository, dataSource: options.dataSource ?? null })) {
    result.rows++;
    if (catalogued.has(entry.pointer)) {
      catalogued.set(entry.pointer, true);
    } else if (await isStored(storage, repository, entry.pointer)) {
      // Written after the listing (or not a lake-shaped key): stored all the same.
    } else {
      result.rowsWithoutFileCount++;
      if (result.rowsWithoutFile.length < maxListed) result.rowsWithoutFile.push(rowOf(entry, lake));
    }
  }

  for (const [key, hasRow] of catalogued) {
    if (hasRow) continue;
    result.filesWithoutRowCount++;
    if (result.filesWithoutRow.length < maxListed) result.filesWithoutRow.push(key);
  }
  return result;
}

async function isStored(storage: StorageDriver, repository: string, key: string): Promise<boolean> {
  try {
    return (await storage.head(repository, key)) !== null;
  } catch (error) {
    if (error instanceof InvalidStorageKey) return false; // a pointer no storage could hold
    throw error;
  }
}

/** The storage repositories of the config's purposes (production names), then any other the catalog names. */
async function repositoriesToCheck(lake: Lake, dataSource: string | undefined): Promise<string[]> {
  const names = new Set(purposeNames(lake).map((purpose) => lake.repository(purpose)));
  const catalog = await lake.catalog();
  // One pass over the rows, keeping only the repository names (a handful).
  for await (const entry of catalog.overlaps({ ...ALL_CATALOG_TIME, dataSource: dataSource ?? null })) names.add(entry.repository);
  return [...names];
}

function purposeNames(lake: Lake): string[] {
  return Object.keys({ ...DEFAULT_REPOSITORIES, ...lake.config.repositories });
}

function rowOf(entry: CatalogEntry, lake: Lake): VerifiedRow {
  return {
    data_source: entry.dataSource,
    id_base: entry.base,
    id_ext: entry.ext,
    collection_date: lake.time.format(entry.collectionDate),
    pointer: entry.pointer,
  };
}
