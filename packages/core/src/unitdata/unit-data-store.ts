// Keeps unit-data snapshots in a repository and picks the one that describes a data day
// (core.md §7.2–§7.3).
import type { CatalogEntry, CatalogQuery } from '../catalog/catalog-entry';
import type { Logger } from '../log/logger';
import type { LakeTime } from '../time/lake-time';
import type { UnitDataSnapshot } from './unit-data';
import { InvalidUnitData } from './unit-data-errors';
import { unitDataProblem } from './unit-data-snapshot';

export const UNIT_DATA_EXT = 'unit_data.json';

/** Where snapshots are written and read (the Storage facade satisfies it). */
export interface SnapshotRepository {
  repository: string;
  dataSource: string;
  writeJson(
    value: unknown,
    id: { base: string; ext: string; date: Date; processingDate?: Date; metadata?: unknown },
    options?: { stageCatalog?: boolean },
  ): Promise<CatalogEntry>;
  readJson(pointer: string): Promise<unknown>;
}

/** Where snapshots are found (the Catalog facade satisfies it). */
export interface SnapshotCatalog {
  query(query: CatalogQuery): AsyncIterable<CatalogEntry>;
}

export interface UnitDataSelection {
  snapshot: UnitDataSnapshot;
  entry: CatalogEntry;
  /** True when no later snapshot existed and an earlier one was used instead. */
  fallback: boolean;
}

export interface UnitDataStoreOptions {
  repository: SnapshotRepository;
  catalog: SnapshotCatalog;
  /** Base of the snapshot files, e.g. `Austin`. */
  areaBase: string;
  time: LakeTime;
  log: Logger;
}

/** Downloaded snapshots kept at once; a stage walks days in order, so it needs one or two. */
const SNAPSHOT_CACHE_SIZE = 4;

export class UnitDataStore {
  private entries: CatalogEntry[] | undefined;
  // Callers get the same object back on a cache hit, as upstream did (gs ready annotates it).
  private readonly snapshots = new Map<string, UnitDataSnapshot>();

  constructor(private readonly options: UnitDataStoreOptions) {}

  /**
   * Write a snapshot under its header's collection date and catalog it at once. A second
   * snapshot of the same day replaces the first (same key, same catalog row).
   */
  async store(snapshot: UnitDataSnapshot): Promise<CatalogEntry> {
    const { repository, areaBase, time } = this.options;
    const problem = unitDataProblem(snapshot);
    if (problem) throw new InvalidUnitData('the snapshot to store', problem);
    const { header } = snapshot;
    const entry = await repository.writeJson(
      snapshot,
      {
        base: areaBase,
        ext: UNIT_DATA_EXT,
        date: time.parse(header.collection_date),
        processingDate: typeof header.processing_date === 'string' ? time.parse(header.processing_date) : undefined,
        metadata: header,
      },
      { stageCatalog: false },
    );
    this.entries = undefined;
    this.snapshots.delete(entry.pointer);
    return entry;
  }

  /**
   * The snapshot that describes the devices of data day `date`: the first one collected
   * strictly after it, because a snapshot is taken while the previous day's data are processed.
   * When none is later, the newest one at or before the date is used with a warning (upstream
   * returned nothing and the stage crashed). Null only when there is no snapshot at all.
   */
  async forDate(date: Date): Promise<UnitDataSelection | null> {
    const entries = await this.list();
    const later = entries.find((entry) => entry.collectionDate > date);
    if (later) return this.select(later, false);
    const newest = entries.at(-1);
    if (!newest) return null;
    const { time, log, repository } = this.options;
    log.warn(
      `no ${repository.dataSource} unit data collected after ${time.calendarDate(date)} in ${repository.repository}; ` +
        `using the snapshot of ${time.calendarDate(newest.collectionDate)} instead`,
    );
    return this.select(newest, true);
  }

  /** The newest snapshot, or null when there is none. */
  async latest(): Promise<UnitDataSelection | null> {
    const newest = (await this.list()).at(-1);
    return newest ? this.select(newest, false) : null;
  }

  // One catalog query per store: there is one snapshot a day, so the whole list is small.
  private async list(): Promise<CatalogEntry[]> {
    if (this.entries) return this.entries;
    const { catalog, repository, areaBase } = this.options;
    const entries: CatalogEntry[] = [];
    for await (const entry of catalog.query({
      repository: repository.repository,
      dataSource: repository.dataSource,
      base: areaBase,
      ext: UNIT_DATA_EXT,
    })) {
      entries.push(entry);
    }
    // Sorted here too, so a descending answer cannot break the search (core C-3).
    entries.sort((a, b) => a.collectionDate.getTime() - b.collectionDate.getTime());
    this.entries = entries;
    return entries;
  }

  private async select(entry: CatalogEntry, fallback: boolean): Promise<UnitDataSelection> {
    return { snapshot: await this.download(entry), entry, fallback };
  }

  private async download(entry: CatalogEntry): Promise<UnitDataSnapshot> {
    const cached = this.snapshots.get(entry.pointer);
    if (cached) {
      // Re-insert so the map's order stays least-recently-used first.
      this.snapshots.delete(entry.pointer);
      this.snapshots.set(entry.pointer, cached);
      return cached;
    }
    const value = await this.options.repository.readJson(entry.pointer);
    const problem = unitDataProblem(value);
    if (problem) throw new InvalidUnitData(`${this.options.repository.repository}/${entry.pointer}`, problem);
    const snapshot = value as UnitDataSnapshot;
    this.snapshots.set(entry.pointer, snapshot);
    if (this.snapshots.size > SNAPSHOT_CACHE_SIZE) this.snapshots.delete(this.snapshots.keys().next().value!);
    return snapshot;
  }
}
