// A real embedded lake in a temp home for the GRIDSMART stage tests: local storage, SQLite catalog
// and perfmet, CSV publishing, the core `file` unit-data driver reading `<home>/unit-data`.
// "Now" is fixed and movable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lake, MemoryLogger, Storage, UnitDataStore, parseLakeJson, type CatalogEntry, type LakeConfig, type PerfmetObservation } from '@lake/core';

export const GS_TEST_NOW = '2020-03-06T07:30:00Z'; // 01:30 CST
const ALL_TIME = { start: new Date(0), end: new Date('9999-01-01T00:00:00Z') };

export const RAW = 'atd-datalake-raw';
export const STANDARDIZED = 'atd-datalake-rawjson';
export const READY = 'atd-datalake-ready';
export const PUBLIC = 'socrata';

export class GsTestLake {
  readonly home = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-lake-'));
  readonly log = new MemoryLogger();
  readonly lake: Lake;
  readonly unitDataDir: string;
  private now: Date;

  constructor(options: { now?: string; config?: LakeConfig } = {}) {
    this.now = new Date(options.now ?? GS_TEST_NOW);
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

  /** Puts a GRIDSMART unit-data file where the `file` driver looks. */
  writeUnitData(devices: Record<string, unknown>[]): void {
    fs.writeFileSync(path.join(this.unitDataDir, 'Austin_gs_unit_data.json'), JSON.stringify({ header: { data_type: 'gs_unit_data' }, devices }));
  }

  async catalogRows(repository: string): Promise<CatalogEntry[]> {
    const catalog = await this.lake.catalog();
    const rows: CatalogEntry[] = [];
    for await (const row of catalog.overlaps({ ...ALL_TIME, repository })) rows.push(row);
    return rows.sort((a, b) => a.collectionDate.getTime() - b.collectionDate.getTime() || a.base.localeCompare(b.base) || a.ext.localeCompare(b.ext));
  }

  /** `<base> <ext> <day>` per catalog row of a repository. */
  async catalogDays(repository: string): Promise<string[]> {
    return (await this.catalogRows(repository)).map((row) => `${row.base} ${row.ext} ${this.lake.time.calendarDate(row.collectionDate)}`);
  }

  async observations(): Promise<PerfmetObservation[]> {
    const driver = await this.lake.perfmetDriver();
    const rows: PerfmetObservation[] = [];
    for await (const row of driver.readObservations({})) rows.push(row);
    return rows;
  }

  stored(repository: string, key: string): string {
    return path.join(this.home, repository, key);
  }

  readStored(repository: string, key: string): string {
    return fs.readFileSync(this.stored(repository, key), 'utf8');
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

  /** A Storage of one repository for the `gs` data source, writing catalog rows at once. */
  async storage(repository: string): Promise<Storage> {
    return new Storage({
      driver: await this.lake.storageDriver(),
      repository,
      dataSource: 'gs',
      time: this.lake.time,
      log: this.log,
      catalog: await this.lake.catalog(),
      tempDir: os.tmpdir(),
    });
  }

  /** Writes a JSON file and catalogs it, as a gs stage would have (`day` = YYYY-MM-DD). */
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
      header: { data_type: 'gs_unit_data', target_filename: `Austin_gs_${day}_unit_data.json`, collection_date: time.format(collected), processing_date: time.format(collected) },
      devices,
    });
  }

  async dispose(): Promise<void> {
    await this.lake.close();
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}

/** A GRIDSMART detector of the inventory (unitdata.md §1.1 GRIDSMART keys, in order). */
export function gridsmartDevice(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    device_type: 'GRIDSMART',
    atd_device_id: 6548,
    device_ip: '10.0.0.7',
    device_status: 'OK',
    ip_comm_status: 'OFFLINE',
    atd_location_id: 'LOC16-000390',
    coa_intersection_id: 5157931,
    lat: 30.35,
    lon: -97.73,
    primary_st: 'LAMAR BLVD',
    primary_st_segment_id: 2011236,
    cross_st: 'KOENIG LN',
    cross_st_segment_id: 2011237,
    ...overrides,
  };
}
