// A real embedded lake in a temp home for the Wavetronix stage tests: local storage, SQLite
// catalog and perfmet, CSV publishing, the core `file` unit-data driver reading `<home>/unit-data`.
// "Now" is fixed and movable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lake, MemoryLogger, Storage, UnitDataStore, parseLakeJson, type CatalogEntry, type LakeConfig, type PerfmetObservation } from '@lake/core';

export const WT_TEST_NOW = '2019-11-06T09:30:00Z'; // 03:30 CST
const ALL_TIME = { start: new Date(0), end: new Date('9999-01-01T00:00:00Z') };

export const RAW = 'atd-datalake-raw';
export const STANDARDIZED = 'atd-datalake-rawjson';
export const READY = 'atd-datalake-ready';
export const PUBLIC = 'socrata';

export class WtTestLake {
  readonly home = fs.mkdtempSync(path.join(os.tmpdir(), 'wt-lake-'));
  readonly log = new MemoryLogger();
  readonly lake: Lake;
  readonly unitDataDir: string;
  private now: Date;

  constructor(options: { now?: string; config?: LakeConfig } = {}) {
    this.now = new Date(options.now ?? WT_TEST_NOW);
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

  /** Puts a Wavetronix unit-data file where the `file` driver looks. */
  writeUnitData(devices: Record<string, unknown>[]): void {
    fs.writeFileSync(path.join(this.unitDataDir, 'Austin_wt_unit_data.json'), JSON.stringify({ header: { data_type: 'wt_unit_data' }, devices }));
  }

  async catalogRows(repository: string): Promise<CatalogEntry[]> {
    const catalog = await this.lake.catalog();
    const rows: CatalogEntry[] = [];
    for await (const row of catalog.overlaps({ ...ALL_TIME, repository })) rows.push(row);
    return rows.sort((a, b) => a.collectionDate.getTime() - b.collectionDate.getTime() || a.ext.localeCompare(b.ext));
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

  stored(repository: string, key: string): string {
    return path.join(this.home, repository, key);
  }

  readStored(repository: string, key: string): string {
    return fs.readFileSync(this.stored(repository, key), 'utf8');
  }

  readJson<T = any>(repository: string, key: string): T {
    return parseLakeJson(this.readStored(repository, key)) as T;
  }

  /** The CSV the `csv` publish driver wrote for a dataset. */
  publishedCsv(dataset: string): string {
    return fs.readFileSync(path.join(this.home, 'publish', `${dataset}.csv`), 'utf8');
  }

  async dispose(): Promise<void> {
    await this.lake.close();
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}

/** A fresh temp folder with these files (name → content). */
export function folderWith(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wt-files-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), content);
  return folder;
}

export function removeFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}

/** A radar record of the inventory (unitdata.md §1.1 keys, in order). */
export function radar(kitsId: number | null, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    device_type: 'RADAR',
    atd_device_id: 900 + (kitsId ?? 0),
    device_name: null,
    device_status: 'TURNED_ON',
    device_ip: `10.9.8.${kitsId ?? 0}`,
    ip_comm_status: 'ONLINE',
    atd_location_id: `LOC16-00${kitsId ?? 0}`,
    coa_intersection_id: 5160000 + (kitsId ?? 0),
    lat: 30.1,
    lon: -97.8,
    primary_st: 'LAMAR BLVD',
    primary_st_segment_id: 2010001,
    cross_st: 'MANCHACA RD',
    cross_st_segment_id: 2010002,
    kits_id: kitsId,
    ...overrides,
  };
}

/** Writes a standardized day file and catalogs it, as wt:standard would have. */
export async function storeStandardized(test: WtTestLake, day: string, data: Record<string, unknown>[]): Promise<void> {
  await storeDayFile(test, STANDARDIZED, day, { data });
}

/** Writes a ready day file and catalogs it, as wt:ready would have. */
export async function storeReady(test: WtTestLake, day: string, data: Record<string, unknown>[], ext = 'json'): Promise<void> {
  await storeDayFile(test, READY, day, { data, devices: [] }, ext);
}

async function storeDayFile(test: WtTestLake, repository: string, day: string, body: Record<string, unknown>, ext = 'json'): Promise<void> {
  const storage = await storageOf(test, repository);
  const date = test.lake.time.dayStart(day);
  const header = {
    data_type: 'wavetronix',
    origin_filename: `Austin_wt_${day}.csv`,
    target_filename: `Austin_wt_${day}.json`,
    collection_date: test.lake.time.format(date),
    processing_date: '2019-11-06 03:30:00-06:00',
  };
  await storage.writeJson({ header, ...body }, { base: 'Austin', ext, date });
}

/** Stores a unit-data snapshot collected on `day` in the standardized repository. */
export async function storeUnitData(test: WtTestLake, day: string, devices: Record<string, unknown>[]): Promise<void> {
  const { time } = test.lake;
  const store = new UnitDataStore({ repository: await storageOf(test, STANDARDIZED), catalog: await test.lake.catalog(), areaBase: 'Austin', time, log: test.log });
  const collected = time.dayStart(day);
  await store.store({
    header: { data_type: 'wt_unit_data', target_filename: `Austin_wt_${day}_unit_data.json`, collection_date: time.format(collected), processing_date: time.format(collected) },
    devices,
  });
}

async function storageOf(test: WtTestLake, repository: string): Promise<Storage> {
  return new Storage({
    driver: await test.lake.storageDriver(),
    repository,
    dataSource: 'wt',
    time: test.lake.time,
    log: test.log,
    catalog: await test.lake.catalog(),
    tempDir: os.tmpdir(),
  });
}

/** A standardized record (wavetronix.md §2.2). */
export function standardizedRow(detID: number, intID: number, curDateTime: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    detID,
    intID,
    curDateTime,
    intName: `INT${intID}`,
    detName: 'NB_in',
    volume: 19,
    occupancy: 0,
    speed: 34,
    status: 'Working',
    uploadSuccess: 100,
    detCountComparison: 1,
    dailyCumulative: 19,
    ...overrides,
  };
}
