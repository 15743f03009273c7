import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger, silentLogger } from '../log/logger';
import { LakeTime } from '../time/lake-time';
import { Catalog } from './catalog';
import type { CatalogDriver } from './catalog-driver';
import type { CatalogEntry, CatalogOverlapQuery, CatalogQuery } from './catalog-entry';
import { SqliteCatalogDriver } from './sqlite-catalog-driver';

const time = new LakeTime('America/Chicago', () => new Date('2020-10-01T12:00:00Z'));
const day = (calendarDate: string): Date => time.dayStart(calendarDate);

function entry(base: string, ext: string, date: Date, pointer = `${base}.${ext}@${date.toISOString()}`): CatalogEntry {
  return { repository: 'atd-datalake-raw', dataSource: 'bt', base, ext, pointer, collectionDate: date };
}

/** Records what the facade asks of its driver. */
class RecordingDriver implements CatalogDriver {
  readonly queries: CatalogQuery[] = [];
  readonly upserts: CatalogEntry[][] = [];
  failNextUpsert: Error | null = null;
  constructor(private readonly rows: CatalogEntry[] = []) {}
  async *query(query: CatalogQuery): AsyncIterable<CatalogEntry> {
    this.queries.push(query);
    yield* this.rows;
  }
  async *overlaps(_query: CatalogOverlapQuery): AsyncIterable<CatalogEntry> {
    yield* this.rows;
  }
  async upsert(entries: CatalogEntry[]): Promise<void> {
    if (this.failNextUpsert) {
      const failure = this.failNextUpsert;
      this.failNextUpsert = null;
      throw failure;
    }
    this.upserts.push(entries);
  }
  async remove(): Promise<number> {
    return 0;
  }
  async close(): Promise<void> {}
}

describe('Catalog', () => {
  describe('staged upserts', () => {
    it('commits all staged rows in one driver call and clears the stage', async () => {
      const driver = new RecordingDriver();
      const catalog = new Catalog(driver, { time, log: silentLogger });
      catalog.stage(entry('Austin', 'json', day('2020-09-13')));
      catalog.stage(entry('Austin', 'csv', day('2020-09-13')));
      expect(catalog.pending).toBe(2);
      expect(await catalog.commit()).toBe(2);
      expect(driver.upserts).toHaveLength(1);
      expect(driver.upserts[0].map((row) => row.ext)).toEqual(['json', 'csv']);
      expect(catalog.pending).toBe(0);
    });

    it('keeps only the later of two rows with the same key, even written with different offsets (C-21)', async () => {
      const driver = new RecordingDriver();
      const catalog = new Catalog(driver, { time, log: silentLogger });
      catalog.stage(entry('Austin', 'json', time.parse('2020-09-13 00:00:00-05:00'), 'first'));
      catalog.stage(entry('Austin', 'json', time.parse('2020-09-13T05:00:00Z'), 'second'));
      catalog.stage(entry('Austin', 'json', day('2020-09-14'), 'other day'));
      await catalog.commit();
      expect(driver.upserts[0].map((row) => row.pointer)).toEqual(['second', 'other day']);
    });

    it('does not call the driver when nothing is staged', async () => {
      const driver = new RecordingDriver();
      const catalog = new Catalog(driver, { time, log: silentLogger });
      expect(await catalog.commit()).toBe(0);
      expect(driver.upserts).toHaveLength(0);
    });

    it('keeps the staged rows when the write fails, logs and rethrows, so a retry commits them', async () => {
      const driver = new RecordingDriver();
      const log = new MemoryLogger();
      const catalog = new Catalog(driver, { time, log });
      catalog.stage(entry('Austin', 'json', day('2020-09-13')));
      driver.failNextUpsert = new Error('disk full');
      await expect(catalog.commit()).rejects.toThrow('disk full');
      expect(catalog.pending).toBe(1);
      expect(log.text()).toContain('ERROR catalog: committing 1 staged row(s) failed: disk full');
      expect(await catalog.commit()).toBe(1);
      expect(driver.upserts).toHaveLength(1);
      expect(catalog.pending).toBe(0);
    });

    it('keeps a row staged while a commit was writing', async () => {
      let release: () => void = () => {};
      const driver = new RecordingDriver();
      driver.upsert = async (entries) => {
        await new Promise<void>((resolve) => (release = resolve));
        driver.upserts.push(entries);
      };
      const catalog = new Catalog(driver, { time, log: silentLogger });
      catalog.stage(entry('Austin', 'json', day('2020-09-13'), 'old'));
      const committing = catalog.commit();
      catalog.stage(entry('Austin', 'json', day('2020-09-13'), 'new'));
      catalog.stage(entry('Austin', 'csv', day('2020-09-13')));
      release();
      expect(await committing).toBe(1);
      expect(catalog.pending).toBe(2);
    });

    it('writes an immediate upsert at once', async () => {
      const driver = new RecordingDriver();
      const catalog = new Catalog(driver, { time, log: silentLogger });
      await catalog.upsert(entry('Austin', 'json', day('2020-09-13')));
      expect(driver.upserts).toHaveLength(1);
      expect(catalog.pending).toBe(0);
    });

    it('warns on close about rows never committed', async () => {
      const log = new MemoryLogger();
      const catalog = new Catalog(new RecordingDriver(), { time, log });
      catalog.stage(entry('Austin', 'json', day('2020-09-13')));
      await catalog.close();
      expect(log.text()).toContain('WARN catalog: 1 staged row(s) were never committed');
    });
  });

  describe('single-row queries ask the driver for one row (C-2)', () => {
    const rows = [entry('Austin', 'json', day('2020-09-13')), entry('Austin', 'json', day('2020-09-14'))];

    it('single asks for the exact date', async () => {
      const driver = new RecordingDriver(rows);
      const catalog = new Catalog(driver, { time, log: silentLogger });
      expect(await catalog.single('atd-datalake-raw', 'bt', 'Austin', 'json', day('2020-09-13'))).toBe(rows[0]);
      expect(driver.queries[0]).toMatchObject({ base: 'Austin', ext: 'json', early: day('2020-09-13'), exact: true, limit: 1 });
    });

    it('latest asks newest first, earliest oldest first', async () => {
      const driver = new RecordingDriver(rows);
      const catalog = new Catalog(driver, { time, log: silentLogger });
      await catalog.latest({ repository: 'atd-datalake-raw', dataSource: 'bt' });
      await catalog.earliest({ repository: 'atd-datalake-raw', dataSource: 'bt', early: day('2020-09-01') });
      expect(driver.queries[0]).toMatchObject({ reverse: true, limit: 1 });
      expect(driver.queries[1]).toMatchObject({ reverse: false, limit: 1, early: day('2020-09-01') });
    });

    it('answers null when nothing matches', async () => {
      const catalog = new Catalog(new RecordingDriver(), { time, log: silentLogger });
      expect(await catalog.latest({ repository: 'atd-datalake-raw', dataSource: 'bt' })).toBeNull();
    });
  });

  describe('with the SQLite driver', () => {
    let dir: string;
    let catalog: Catalog;
    const where = { repository: 'atd-datalake-raw', dataSource: 'bt', base: 'Austin', ext: 'unit_data.json' };
    const unitData = (calendarDate: string): CatalogEntry => entry('Austin', 'unit_data.json', day(calendarDate), calendarDate);
    const pointers = (list: Iterable<CatalogEntry>): string[] => [...list].map((row) => row.pointer);

    beforeEach(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-catalog-facade-'));
      catalog = new Catalog(SqliteCatalogDriver.open(path.join(dir, 'lake.sqlite'), time), { time, log: silentLogger });
      for (const date of ['2020-09-10', '2020-09-12', '2020-09-14', '2020-09-20']) catalog.stage(unitData(date));
      await catalog.commit();
    });
    afterEach(async () => {
      await catalog.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('lists, picks and removes rows', async () => {
      expect(pointers(await catalog.list(where))).toEqual(['2020-09-10', '2020-09-12', '2020-09-14', '2020-09-20']);
      expect((await catalog.latest(where))?.pointer).toBe('2020-09-20');
      expect((await catalog.earliest({ ...where, early: day('2020-09-11') }))?.pointer).toBe('2020-09-12');
      expect((await catalog.single('atd-datalake-raw', 'bt', 'Austin', 'unit_data.json', day('2020-09-14')))?.pointer).toBe('2020-09-14');
      expect(await catalog.single('atd-datalake-raw', 'bt', 'Austin', 'unit_data.json', day('2020-09-15'))).toBeNull();
      const overlapping: CatalogEntry[] = [];
      for await (const row of catalog.overlaps({ start: day('2020-09-12'), end: day('2020-09-15') })) overlapping.push(row);
      expect(pointers(overlapping)).toEqual(['2020-09-12', '2020-09-14']);
      expect(await catalog.remove({ start: day('2020-09-12'), end: day('2020-09-15') })).toBe(2);
      expect(pointers(await catalog.list(where))).toEqual(['2020-09-10', '2020-09-20']);
    });

    it('searchable list: rows in [early, late) plus the first row dated exactly at late (C-4)', async () => {
      const list = await catalog.searchableList({ ...where, early: day('2020-09-10'), late: day('2020-09-14') });
      expect(pointers(list)).toEqual(['2020-09-10', '2020-09-12', '2020-09-14']);
    });

    it('searchable list: the look-ahead finds the next row after late', async () => {
      const list = await catalog.searchableList({ ...where, early: day('2020-09-13'), late: day('2020-09-15') });
      expect(pointers(list)).toEqual(['2020-09-14', '2020-09-20']);
      expect(list.at(list.nextIndex(day('2020-09-15')))?.pointer).toBe('2020-09-20');
    });

    it('searchable list: no look-ahead without a late date', async () => {
      const list = await catalog.searchableList({ ...where, early: day('2020-09-13') });
      expect(pointers(list)).toEqual(['2020-09-14', '2020-09-20']);
    });

    it('searchable list: with neither date only the newest row (C-3)', async () => {
      const list = await catalog.searchableList(where);
      expect(pointers(list)).toEqual(['2020-09-20']);
    });

    it('searchable list: exact mode plus look-ahead', async () => {
      const list = await catalog.searchableList({ ...where, early: day('2020-09-12'), late: day('2020-09-13'), exact: true });
      expect(pointers(list)).toEqual(['2020-09-12', '2020-09-14']);
    });

    it('searchable list: empty, not null, when nothing matches', async () => {
      const list = await catalog.searchableList({ ...where, base: 'Dallas' });
      expect(list.length).toBe(0);
      const late = await catalog.searchableList({ ...where, early: day('2020-09-21'), late: day('2020-09-22') });
      expect(late.length).toBe(0);
    });
  });
});
