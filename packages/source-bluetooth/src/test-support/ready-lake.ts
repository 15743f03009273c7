// A real embedded lake in a temp home for the ready and publish stage tests: local storage,
// SQLite catalog and perfmet, CSV publishing. "Now" is fixed and can be moved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  Lake,
  MemoryLogger,
  runStage,
  Storage,
  UnitDataStore,
  type CatalogEntry,
  type LakeConfig,
  type PerfmetJob,
  type Registry,
  type RunOptions,
  type Stage,
  type StageResult,
  type UnitDataSnapshot,
} from '@lake/core';

const ALL_TIME = { start: new Date(0), end: new Date('9999-01-01T00:00:00Z') };

export class BtTestLake {
  readonly home: string;
  readonly log = new MemoryLogger();
  readonly lake: Lake;
  private now: Date;

  constructor(options: { now?: string; config?: LakeConfig; registry?: Registry } = {}) {
    this.home = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-bt-'));
    this.now = new Date(options.now ?? '2019-06-10T17:00:00Z');
    this.lake = new Lake({ home: this.home, config: options.config, registry: options.registry, log: this.log, clock: () => this.now });
  }

  get time() {
    return this.lake.time;
  }

  advance(minutes: number): void {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
  }

  /** A folder inside the home (created), e.g. for `-o`. */
  dir(name: string): string {
    const dir = path.join(this.home, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  day(calendarDate: string): Date {
    return this.time.dayStart(calendarDate);
  }

  /** The Bluetooth storage of a purpose, cataloguing what it writes. */
  async storage(purpose: string): Promise<Storage> {
    return new Storage({
      driver: await this.lake.storageDriver(),
      repository: this.lake.repository(purpose),
      dataSource: 'bt',
      time: this.time,
      log: this.log,
      catalog: await this.lake.catalog(),
      tempDir: os.tmpdir(),
    });
  }

  /** Write a lake JSON file of a day (base `Austin`) and catalog it. */
  async writeJson(purpose: string, ext: string, calendarDate: string, value: unknown): Promise<CatalogEntry> {
    return (await this.storage(purpose)).writeJson(value, { base: 'Austin', ext, date: this.day(calendarDate) });
  }

  async readJson(purpose: string, ext: string, calendarDate: string): Promise<unknown> {
    const storage = await this.storage(purpose);
    return storage.readJson(storage.key('Austin', ext, this.day(calendarDate)));
  }

  /** Store a unit-data snapshot in the standardized repository, as bt:standard does. */
  async storeUnitData(snapshot: UnitDataSnapshot): Promise<void> {
    const store = new UnitDataStore({
      repository: await this.storage('standardized'),
      catalog: await this.lake.catalog(),
      areaBase: 'Austin',
      time: this.time,
      log: this.log,
    });
    await store.store(snapshot);
  }

  /** Run a stage one minute after the previous run (perfmet job rows need distinct times). */
  async run(stage: Stage, options: RunOptions = { lastRunDate: '0' }): Promise<StageResult> {
    this.advance(1);
    return runStage(stage, options, this.lake);
  }

  async catalogRows(purpose: string): Promise<CatalogEntry[]> {
    const catalog = await this.lake.catalog();
    const rows: CatalogEntry[] = [];
    for await (const row of catalog.overlaps({ ...ALL_TIME, repository: this.lake.repository(purpose) })) rows.push(row);
    return rows.sort((a, b) => a.collectionDate.getTime() - b.collectionDate.getTime() || a.ext.localeCompare(b.ext));
  }

  /** `<ext> <day>` of each catalog row of a purpose. */
  async catalogDays(purpose: string): Promise<string[]> {
    return (await this.catalogRows(purpose)).map((row) => `${row.ext} ${this.time.calendarDate(row.collectionDate)}`);
  }

  /** Lines of a published dataset's CSV in the embedded default (`$LAKE_HOME/publish`). */
  publishedLines(dataset: string, dir = path.join(this.home, 'publish')): string[] {
    const file = path.join(dir, `${dataset}.csv`);
    if (!fs.existsSync(file)) return [];
    return fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line !== '');
  }

  async perfmetJobs(stage: string): Promise<PerfmetJob[]> {
    const driver = await this.lake.perfmetDriver();
    const jobs: PerfmetJob[] = [];
    for await (const job of driver.readJobs({ stage })) jobs.push(job);
    return jobs;
  }

  warnings(): string[] {
    return this.log.lines.filter((line) => line.startsWith('WARN '));
  }

  async dispose(): Promise<void> {
    await this.lake.close();
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}
