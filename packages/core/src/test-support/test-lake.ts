// A real embedded lake in a temp home, for end-to-end stage tests: local storage, SQLite catalog
// and perfmet, CSV publishing — the shipped drivers, nothing mocked. "Now" is fixed and can be
// moved, so each run gets its own perfmet processing date.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CatalogEntry } from '../catalog/catalog-entry';
import type { LakeConfig } from '../config/lake-config';
import { Lake } from '../lake/lake';
import { MemoryLogger } from '../log/logger';
import type { PerfmetJob } from '../perfmet/perfmet-driver';
import type { Registry } from '../registry/registry';

export interface TestLakeOptions {
  /** "Now" as an ISO instant; default 2019-06-10 12:00 CDT, well after the test days. */
  now?: string;
  config?: LakeConfig;
  registry?: Registry;
}

export const DEFAULT_TEST_NOW = '2019-06-10T17:00:00Z';
const ALL_TIME = { start: new Date(0), end: new Date('9999-01-01T00:00:00Z') };

export class TestLake {
  readonly home: string;
  readonly log = new MemoryLogger();
  readonly lake: Lake;
  private now: Date;

  constructor(options: TestLakeOptions = {}) {
    this.home = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-home-'));
    this.now = new Date(options.now ?? DEFAULT_TEST_NOW);
    this.lake = new Lake({ home: this.home, config: options.config, registry: options.registry, log: this.log, clock: () => this.now });
  }

  /** Move "now" (e.g. one minute per run, so perfmet job rows do not share a key). */
  setNow(iso: string): void {
    this.now = new Date(iso);
  }

  advance(minutes: number): void {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
  }

  /** A folder inside the home (created). */
  dir(...parts: string[]): string {
    const dir = path.join(this.home, ...parts);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Every catalog row, optionally of one repository, in (repository, date, base, ext) order. */
  async catalogRows(repository?: string): Promise<CatalogEntry[]> {
    const catalog = await this.lake.catalog();
    const rows: CatalogEntry[] = [];
    for await (const row of catalog.overlaps({ ...ALL_TIME, repository: repository ?? null })) rows.push(row);
    return rows.sort(
      (a, b) =>
        a.repository.localeCompare(b.repository) ||
        a.collectionDate.getTime() - b.collectionDate.getTime() ||
        a.base.localeCompare(b.base) ||
        a.ext.localeCompare(b.ext),
    );
  }

  /** `<ext> <calendar day>` of each catalog row of a repository, e.g. `csv 2019-06-01`. */
  async catalogDays(repository: string): Promise<string[]> {
    return (await this.catalogRows(repository)).map((row) => `${row.ext} ${this.lake.time.calendarDate(row.collectionDate)}`);
  }

  async perfmetJobs(stage?: string): Promise<PerfmetJob[]> {
    const driver = await this.lake.perfmetDriver();
    const jobs: PerfmetJob[] = [];
    for await (const job of driver.readJobs({ stage })) jobs.push(job);
    return jobs;
  }

  /** Keys of the files a repository folder holds on disk. */
  storedKeys(repository: string): string[] {
    const root = path.join(this.home, repository);
    if (!fs.existsSync(root)) return [];
    return (fs.readdirSync(root, { recursive: true }) as string[])
      .filter((entry) => fs.statSync(path.join(root, entry)).isFile())
      .map((entry) => entry.split(path.sep).join('/'))
      .sort();
  }

  async dispose(): Promise<void> {
    await this.lake.close();
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}

/** Every file directly in a folder (for `-o` copies), sorted. */
export function filesIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}
