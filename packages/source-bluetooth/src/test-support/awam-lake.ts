// A real embedded lake in a temp home for the AWAM stage tests: local storage, SQLite catalog and
// perfmet, the core `file` unit-data driver reading `<home>/unit-data`. "Now" is fixed and movable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lake, MemoryLogger, type CatalogEntry, type LakeConfig, type PerfmetObservation } from '@lake/core';
import { unitDataFile } from './awam-files';

export const AWAM_TEST_NOW = '2019-06-10T08:00:00Z'; // 03:00 CDT, when bt:standard ran
const ALL_TIME = { start: new Date(0), end: new Date('9999-01-01T00:00:00Z') };

export class AwamTestLake {
  readonly home = fs.mkdtempSync(path.join(os.tmpdir(), 'awam-lake-'));
  readonly log = new MemoryLogger();
  readonly lake: Lake;
  readonly unitDataDir: string;
  private now: Date;

  constructor(options: { now?: string; config?: LakeConfig } = {}) {
    this.now = new Date(options.now ?? AWAM_TEST_NOW);
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

  /** Puts a Bluetooth unit-data file where the `file` driver looks. */
  writeUnitData(devices?: Record<string, unknown>[]): void {
    fs.writeFileSync(path.join(this.unitDataDir, 'Austin_bt_unit_data.json'), unitDataFile(devices));
  }

  async catalogRows(repository: string): Promise<CatalogEntry[]> {
    const catalog = await this.lake.catalog();
    const rows: CatalogEntry[] = [];
    for await (const row of catalog.overlaps({ ...ALL_TIME, repository })) rows.push(row);
    return rows.sort((a, b) => a.collectionDate.getTime() - b.collectionDate.getTime() || a.ext.localeCompare(b.ext));
  }

  /** `<ext> <day>` per catalog row of a repository, in date then ext order. */
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

  readStored(repository: string, key: string): Buffer {
    return fs.readFileSync(this.stored(repository, key));
  }

  async dispose(): Promise<void> {
    await this.lake.close();
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}
