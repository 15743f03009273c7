// A real embedded lake in a temp home for a source plugin's stage tests: local storage, SQLite
// catalog and perfmet, CSV publishing, the core `file` unit-data driver reading `<home>/unit-data`.
// "Now" is fixed and movable. Each source's test lake extends it with its own "now" and helpers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lake, MemoryLogger, Storage, UnitDataStore, parseLakeJson, type CatalogEntry, type LakeConfig, type PerfmetObservation } from '@lake/core';

export interface SourceTestLakeOptions {
  /** "Now" as an ISO instant (default: the source's own). */
  now?: string;
  config?: LakeConfig;
}

const ALL_TIME = { start: new Date(0), end: new Date('9999-01-01T00:00:00Z') };

export class SourceTestLake {
  readonly home: string;
  readonly log = new MemoryLogger();
  readonly lake: Lake;
  readonly unitDataDir: string;
  private now: Date;

  constructor(
    readonly dataSource: string,
    defaultNow: string,
    options: SourceTestLakeOptions = {},
  ) {
    this.home = fs.mkdtempSync(path.join(os.tmpdir(), `${dataSource}-lake-`));
    this.now = new Date(options.now ?? defaultNow);
    this.unitDataDir = path.join(this.home, 'unit-data');
    fs.mkdirSync(this.unitDataDir);
    this.lake = new Lake({
      home: this.home,
      log: this.log,
      clock: () => this.now,
      config: { unitData: { driver: 'file', path: this.unitDataDir }, ...options.config },
    });
  }

  advance(minutes: number): void {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
  }

  /** Puts a unit-data file of this source where the `file` driver looks. */
  writeUnitDataFile(content: string): void {
    fs.writeFileSync(path.join(this.unitDataDir, `Austin_${this.dataSource}_unit_data.json`), content);
  }

  /** Every catalog row of a repository, in date, base, ext order. */
  async catalogRows(repository: string): Promise<CatalogEntry[]> {
    const catalog = await this.lake.catalog();
    const rows: CatalogEntry[] = [];
    for await (const row of catalog.overlaps({ ...ALL_TIME, repository })) rows.push(row);
    return rows.sort((a, b) => a.collectionDate.getTime() - b.collectionDate.getTime() || a.base.localeCompare(b.base) || a.ext.localeCompare(b.ext));
  }

  /** `<ext> <day>` per catalog row of a repository. */
  async catalogDays(repository: string): Promise<string[]> {
    return (await this.catalogRows(repository)).map((row) => `${row.ext} ${this.lake.time.calendarDate(row.collectionDate)}`);
  }

  async observations(): Promise<PerfmetObservation[]> {
    const driver = await this.lake.perfmetDriver();
    const rows: PerfmetObservation[] = [];
    for await (const row of driver.readObservations({})) rows.push(row);
    return rows;
  }

  /** Path of a stored object. */
  stored(repository: string, key: string): string {
    return path.join(this.home, repository, key);
  }

  readStored(repository: string, key: string): string {
    return fs.readFileSync(this.stored(repository, key), 'utf8');
  }

  readBytes(repository: string, key: string): Buffer {
    return fs.readFileSync(this.stored(repository, key));
  }

  readJson<T = any>(repository: string, key: string): T {
    return parseLakeJson(this.readStored(repository, key)) as T;
  }

  /** The stored file of a catalog row. */
  readEntry<T = any>(row: CatalogEntry): T {
    return this.readJson<T>(row.repository, row.pointer);
  }

  /** The CSV the `csv` publish driver wrote for a dataset. */
  publishedCsv(dataset: string): string {
    return fs.readFileSync(path.join(this.home, 'publish', `${dataset}.csv`), 'utf8');
  }

  /** A Storage of one repository for this source, writing catalog rows at once. */
  async storage(repository: string): Promise<Storage> {
    return new Storage({
      driver: await this.lake.storageDriver(),
      repository,
      dataSource: this.dataSource,
      time: this.lake.time,
      log: this.log,
      catalog: await this.lake.catalog(),
      tempDir: os.tmpdir(),
    });
  }

  /** Writes a JSON file and catalogs it, as a stage would have (`day` = YYYY-MM-DD). */
  async storeJson(repository: string, base: string, ext: string, day: string, body: unknown): Promise<CatalogEntry> {
    return (await this.storage(repository)).writeJson(body, { base, ext, date: this.lake.time.dayStart(day) });
  }

  /** Stores a file as-is (a ZIP for example) and catalogs it. */
  async storeBytes(repository: string, base: string, ext: string, day: string, body: Buffer | string): Promise<CatalogEntry> {
    return (await this.storage(repository)).write(body, { base, ext, date: this.lake.time.dayStart(day) });
  }

  /** Stores a unit-data snapshot collected on `day` in a repository. */
  async storeUnitData(repository: string, day: string, devices: Record<string, unknown>[]): Promise<void> {
    const { time } = this.lake;
    const store = new UnitDataStore({ repository: await this.storage(repository), catalog: await this.lake.catalog(), areaBase: 'Austin', time, log: this.log });
    const collected = time.dayStart(day);
    await store.store({
      header: {
        data_type: `${this.dataSource}_unit_data`,
        target_filename: `Austin_${this.dataSource}_${day}_unit_data.json`,
        collection_date: time.format(collected),
        processing_date: time.format(collected),
      },
      devices,
    });
  }

  async dispose(): Promise<void> {
    await this.lake.close();
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}
