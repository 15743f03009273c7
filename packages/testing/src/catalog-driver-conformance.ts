// What every catalog driver must do (core.md §6.1–6.4 with the C-2 and C-21 defects fixed), as one
// jest suite each driver's spec runs against its own store: query filters and `%%` patterns,
// date bounds, order and paging, overlaps with DST days, upsert merges, batch atomicity, remove.
// Cases only one backend can have (SQLite processes, PostgREST request shapes, PostgreSQL
// concurrency and errors) stay in that driver's spec.
import { LakeTime, type CatalogDriver, type CatalogQuery } from '@lake/core';
import { collect } from './collect';
import { catalogFixtures } from './fixtures';
import { openedPerCase, type StoreHooks } from './opened-per-case';

/** Settings the suite needs a driver to take, so it can test paging without thousands of rows. */
export interface CatalogDriverTuning {
  /** Rows fetched per page. */
  pageSize?: number;
}

export interface CatalogDriverFactory extends StoreHooks {
  /** A driver on the store (every driver opened in one case sees the same rows); the suite closes it. */
  open(time: LakeTime, tuning?: CatalogDriverTuning): Promise<CatalogDriver>;
}

export interface CatalogConformanceOptions {
  /**
   * False for a driver that pages by offset (as the original PostgREST catalog did): a row written
   * before the reader's position while it reads then shifts the pages. Default true.
   */
  pagesSurviveConcurrentWrites?: boolean;
}

/** Errors are checked by name and code, not class: a plugin may hold its own copy of @lake/core. */
const invalidQuery = { name: 'InvalidCatalogQuery', code: 'INVALID_CATALOG_QUERY' };
const invalidEntry = { name: 'InvalidCatalogEntry', code: 'INVALID_CATALOG_ENTRY' };

export function describeCatalogDriverConformance(name: string, factory: CatalogDriverFactory, options: CatalogConformanceOptions = {}): void {
  // A Chicago calendar, so the DST cases have a 23- and a 25-hour day.
  const time = new LakeTime('America/Chicago', () => new Date('2020-10-01T12:00:00Z'));
  const { day, entry, ids } = catalogFixtures(time);
  const base = { repository: 'atd-datalake-raw', dataSource: 'bt' };

  describe(name, () => {
    const open = openedPerCase(factory, (tuning?: CatalogDriverTuning) => factory.open(time, tuning));
    let driver: CatalogDriver;
    const run = async (query: Partial<CatalogQuery>): Promise<string[]> => ids(await collect(driver.query({ ...base, ...query })));

    beforeEach(async () => {
      driver = await open();
    });

    describe('query', () => {
      beforeEach(async () => {
        await driver.upsert([
          entry('Austin', 'unmatched.json', day('2020-09-14')),
          entry('Austin', 'matched.json', day('2020-09-13')),
          entry('Austin', 'unmatched.json', day('2020-09-13')),
          entry('Austin', 'csv', day('2020-09-15')),
          entry('Austin2', 'csv', day('2020-09-13')),
          entry('Austin', 'unit_data.json', day('2020-09-12')),
          entry('Austin', 'unitXdata.json', day('2020-09-12')),
          entry('Austin', 'UNMATCHED.JSON', day('2020-09-16')),
          entry('Austin', 'csv', day('2020-09-13'), { repository: 'atd-datalake-rawjson' }),
          entry('Austin', 'csv', day('2020-09-13'), { dataSource: 'wt' }),
        ]);
      });

      it('without filters returns every row of the repository and data source, by date, base, ext (byte order)', async () => {
        expect(await run({})).toEqual([
          '2020-09-12 Austin unitXdata.json',
          '2020-09-12 Austin unit_data.json',
          '2020-09-13 Austin matched.json',
          '2020-09-13 Austin unmatched.json',
          '2020-09-13 Austin2 csv',
          '2020-09-14 Austin unmatched.json',
          '2020-09-15 Austin csv',
          '2020-09-16 Austin UNMATCHED.JSON',
        ]);
      });

      it('matches an exact base', async () => {
        expect(await run({ base: 'Austin2' })).toEqual(['2020-09-13 Austin2 csv']);
      });

      it('treats %% as "any text" and matches the rest literally and case-sensitively', async () => {
        expect(await run({ ext: '%%.json' })).toEqual([
          '2020-09-12 Austin unitXdata.json',
          '2020-09-12 Austin unit_data.json',
          '2020-09-13 Austin matched.json',
          '2020-09-13 Austin unmatched.json',
          '2020-09-14 Austin unmatched.json',
        ]);
        expect(await run({ base: 'Aus%%', ext: 'csv' })).toEqual(['2020-09-13 Austin2 csv', '2020-09-15 Austin csv']);
      });

      it('does not treat _ as a wildcard, exact or in a pattern', async () => {
        expect(await run({ ext: 'unit_data.json' })).toEqual(['2020-09-12 Austin unit_data.json']);
        expect(await run({ ext: 'unit_%%' })).toEqual(['2020-09-12 Austin unit_data.json']);
        expect(await run({ ext: '%%_data.json' })).toEqual(['2020-09-12 Austin unit_data.json']);
      });

      it('treats a single %, a backslash, * and other GLOB or LIKE characters as ordinary text', async () => {
        const date = day('2020-09-20');
        await driver.upsert([entry('a*b', '50%', date), entry('a?b[1]', 'x', date), entry('aXb', 'y', date), entry('c\\d', 'x', date)]);
        expect(await run({ ext: '5%' })).toEqual([]);
        expect(await run({ ext: '50%' })).toEqual(['2020-09-20 a*b 50%']);
        expect(await run({ ext: '5%%%' })).toEqual(['2020-09-20 a*b 50%']);
        expect(await run({ ext: '50%%%' })).toEqual(['2020-09-20 a*b 50%']);
        expect(await run({ base: 'a*%%' })).toEqual(['2020-09-20 a*b 50%']);
        expect(await run({ base: 'a?b[%%]' })).toEqual(['2020-09-20 a?b[1] x']);
        expect(await run({ base: 'a%%b' })).toEqual(['2020-09-20 a*b 50%', '2020-09-20 aXb y']);
        expect(await run({ base: 'c\\%%' })).toEqual(['2020-09-20 c\\d x']);
        expect(await run({ base: 'c%%d' })).toEqual(['2020-09-20 c\\d x']);
      });

      it('with only an early date includes rows dated at it', async () => {
        expect(await run({ base: 'Austin', early: day('2020-09-14') })).toEqual([
          '2020-09-14 Austin unmatched.json',
          '2020-09-15 Austin csv',
          '2020-09-16 Austin UNMATCHED.JSON',
        ]);
      });

      it('with only a late date excludes rows dated at it', async () => {
        expect(await run({ base: 'Austin', late: day('2020-09-13') })).toEqual(['2020-09-12 Austin unitXdata.json', '2020-09-12 Austin unit_data.json']);
      });

      it('with both dates returns [early, late)', async () => {
        expect(await run({ early: day('2020-09-13'), late: day('2020-09-15') })).toEqual([
          '2020-09-13 Austin matched.json',
          '2020-09-13 Austin unmatched.json',
          '2020-09-13 Austin2 csv',
          '2020-09-14 Austin unmatched.json',
        ]);
      });

      it('in exact mode returns only rows dated exactly at early', async () => {
        expect(await run({ early: day('2020-09-13'), exact: true })).toEqual([
          '2020-09-13 Austin matched.json',
          '2020-09-13 Austin unmatched.json',
          '2020-09-13 Austin2 csv',
        ]);
        expect(await run({ early: new Date(day('2020-09-13').getTime() + 1), exact: true })).toEqual([]);
      });

      it('compares instants, whatever offset the date was written with', async () => {
        const sameInstant = time.parse('2020-09-13T05:00:00Z');
        expect(await run({ base: 'Austin2', early: sameInstant, exact: true })).toEqual(['2020-09-13 Austin2 csv']);
      });

      it('in reverse returns the newest date first, base and ext still ascending', async () => {
        expect(await run({ early: day('2020-09-13'), late: day('2020-09-15'), reverse: true })).toEqual([
          '2020-09-14 Austin unmatched.json',
          '2020-09-13 Austin matched.json',
          '2020-09-13 Austin unmatched.json',
          '2020-09-13 Austin2 csv',
        ]);
      });

      it('honours the limit (C-2)', async () => {
        expect(await run({ limit: 1, reverse: true })).toEqual(['2020-09-16 Austin UNMATCHED.JSON']);
        expect(await run({ limit: 2 })).toEqual(['2020-09-12 Austin unitXdata.json', '2020-09-12 Austin unit_data.json']);
        expect(await run({ limit: 0 })).toEqual([]);
      });

      it('returns nothing when nothing matches', async () => {
        expect(await run({ base: 'Dallas' })).toEqual([]);
        expect(await collect(driver.query({ repository: 'atd-datalake-ready', dataSource: 'bt' }))).toEqual([]);
      });

      it('rejects a query without repository, with a bad limit or an invalid date', async () => {
        await expect(collect(driver.query({ repository: '', dataSource: 'bt' }))).rejects.toMatchObject(invalidQuery);
        await expect(collect(driver.query({ ...base, limit: -1 }))).rejects.toMatchObject(invalidQuery);
        await expect(collect(driver.query({ ...base, early: new Date(NaN) }))).rejects.toMatchObject(invalidQuery);
      });
    });

    describe('paging', () => {
      const dates = Array.from({ length: 10 }, (_, index) => time.addDays(day('2020-09-01'), index));
      const both = (date: Date) => [`${time.calendarDate(date)} Austin a`, `${time.calendarDate(date)} Austin b`];
      let paged: CatalogDriver;

      beforeEach(async () => {
        paged = await open({ pageSize: 3 });
        // Two rows per date so a page boundary falls between rows of the same date.
        await paged.upsert(dates.flatMap((date) => [entry('Austin', 'a', date), entry('Austin', 'b', date)]));
      });

      it('reads past the page size without repeating or skipping rows', async () => {
        const rows = await collect(paged.query(base));
        expect(ids(rows)).toEqual(dates.flatMap(both));
      });

      it('pages in reverse order too', async () => {
        const rows = await collect(paged.query({ ...base, reverse: true }));
        expect(ids(rows)).toEqual([...dates].reverse().flatMap(both));
      });

      it('stops at a limit that is not a multiple of the page size', async () => {
        expect(await collect(paged.query({ ...base, limit: 7 }))).toHaveLength(7);
      });

      it('reads a page exactly full, then stops', async () => {
        await paged.remove({ start: dates[0], end: time.addDays(dates[9], 1) });
        await paged.upsert(dates.slice(0, 6).map((date) => entry('Austin', 'a', date)));
        expect(await collect(paged.query(base))).toHaveLength(6);
      });

      if (options.pagesSurviveConcurrentWrites !== false) {
        it('neither repeats nor skips rows when another writer adds rows between pages', async () => {
          const seen: string[] = [];
          for await (const row of paged.query(base)) {
            seen.push(ids([row])[0]);
            if (seen.length === 4) {
              // One row before the reader's position (not seen) and one after it (seen once).
              await driver.upsert([entry('Austin', '0', day('2020-08-01')), entry('Austin', 'z', dates[9])]);
            }
          }
          expect(seen).toHaveLength(21);
          expect(new Set(seen).size).toBe(21);
          expect(seen[20]).toBe('2020-09-10 Austin z');
        });
      }

      it('reads more rows than the default page size', async () => {
        const many = Array.from({ length: 2500 }, (_, index) => entry('Many', 'csv', new Date(day('2021-01-01').getTime() + index * 1000)));
        await driver.upsert(many);
        const rows = await collect(driver.query({ ...base, base: 'Many' }));
        expect(rows).toHaveLength(2500);
        expect(rows[2499].collectionDate).toEqual(many[2499].collectionDate);
      });
    });

    describe('upsert', () => {
      it('round-trips every field', async () => {
        const written = entry('Austin', 'json', day('2020-09-13'), {
          collectionEnd: day('2020-09-14'),
          processingDate: new Date('2020-09-14T06:00:12.120Z'),
          metadata: { rows: 3, note: 'NaN', missing: NaN },
        });
        await driver.upsert([written]);
        const [read] = await collect(driver.query(base));
        expect(read).toEqual({ ...written, metadata: { rows: 3, note: 'NaN', missing: null } });
      });

      it('reads absent optional fields as null', async () => {
        await driver.upsert([entry('Austin', 'json', day('2020-09-13'))]);
        const [read] = await collect(driver.query(base));
        expect(read).toMatchObject({ collectionEnd: null, processingDate: null, metadata: null });
      });

      it('merges on the key: absent optional fields keep what is stored', async () => {
        const date = day('2020-09-13');
        await driver.upsert([entry('Austin', 'json', date, { collectionEnd: day('2020-09-16'), processingDate: day('2020-09-14'), metadata: { v: 1 } })]);
        await driver.upsert([entry('Austin', 'json', date, { pointer: 'moved.json' })]);
        const rows = await collect(driver.query(base));
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ pointer: 'moved.json', collectionEnd: day('2020-09-16'), processingDate: day('2020-09-14'), metadata: { v: 1 } });
        // The stored end still drives overlaps.
        expect(await collect(driver.overlaps({ start: day('2020-09-15'), end: day('2020-09-16') }))).toHaveLength(1);
      });

      it('merges on the key: given optional fields replace what is stored', async () => {
        const date = day('2020-09-13');
        await driver.upsert([entry('Austin', 'json', date, { processingDate: day('2020-09-14'), metadata: { v: 1 } })]);
        await driver.upsert([entry('Austin', 'json', date, { collectionEnd: day('2020-09-15'), processingDate: day('2020-09-20'), metadata: { v: 2 } })]);
        const [row] = await collect(driver.query(base));
        expect(row).toMatchObject({ collectionEnd: day('2020-09-15'), processingDate: day('2020-09-20'), metadata: { v: 2 } });
      });

      it('merges rows of one batch with the same key as if written one after the other', async () => {
        const date = day('2020-09-13');
        await driver.upsert([
          entry('Austin', 'json', date, { pointer: 'first', metadata: { v: 1 } }),
          entry('Austin', 'json', date, { pointer: 'second', processingDate: day('2020-09-14') }),
        ]);
        const [row] = await collect(driver.query(base));
        expect(row).toMatchObject({ pointer: 'second', metadata: { v: 1 }, processingDate: day('2020-09-14') });
      });

      it('writes rows with different optional fields in one batch without nulling stored fields', async () => {
        await driver.upsert([entry('Austin', 'a', day('2020-09-13'), { metadata: { v: 1 }, processingDate: day('2020-09-14') })]);
        await driver.upsert([entry('Austin', 'a', day('2020-09-13'), { pointer: 'new-a' }), entry('Austin', 'b', day('2020-09-13'), { metadata: { v: 2 } })]);
        const rows = await collect(driver.query(base));
        expect(rows.map((row) => [row.ext, row.pointer, row.metadata, row.processingDate])).toEqual([
          ['a', 'new-a', { v: 1 }, day('2020-09-14')],
          ['b', '2020-09-13/Austin.b', { v: 2 }, null],
        ]);
      });

      it('keeps one row for one instant written with two different offsets in a batch (C-21)', async () => {
        await driver.upsert([
          entry('Austin', 'json', time.parse('2020-09-13 00:00:00-05:00'), { pointer: 'first' }),
          entry('Austin', 'json', time.parse('2020-09-13T05:00:00Z'), { pointer: 'second' }),
        ]);
        const rows = await collect(driver.query(base));
        expect(rows.map((row) => row.pointer)).toEqual(['second']);
      });

      it('writes nothing from a batch with an invalid row', async () => {
        await expect(
          driver.upsert([entry('Austin', 'json', day('2020-09-13')), { ...entry('Austin', 'json', day('2020-09-14')), collectionDate: new Date(NaN) }]),
        ).rejects.toMatchObject(invalidEntry);
        await expect(driver.upsert([entry('', 'json', day('2020-09-13'))])).rejects.toMatchObject(invalidEntry);
        expect(await collect(driver.query(base))).toEqual([]);
      });

      it('accepts an empty ext', async () => {
        await driver.upsert([entry('Austin', '', day('2020-09-13'))]);
        expect(await run({ ext: '' })).toEqual(['2020-09-13 Austin ']);
      });

      it('keeps rows for another driver on the same store', async () => {
        await driver.upsert([entry('Austin', 'json', day('2020-09-13'))]);
        const other = await open();
        expect(await collect(other.query(base))).toHaveLength(1);
      });
    });

    describe('overlaps', () => {
      it('treats a row without end as one calendar day and touching intervals as apart', async () => {
        await driver.upsert([entry('Austin', 'json', day('2020-09-12')), entry('Austin', 'json', day('2020-09-13')), entry('Austin', 'json', day('2020-09-14'))]);
        const rows = await collect(driver.overlaps({ ...base, start: day('2020-09-13'), end: day('2020-09-14') }));
        expect(ids(rows)).toEqual(['2020-09-13 Austin json']);
        const partial = await collect(driver.overlaps({ start: new Date(day('2020-09-13').getTime() - 1), end: new Date(day('2020-09-14').getTime() + 1) }));
        expect(ids(partial)).toEqual(['2020-09-12 Austin json', '2020-09-13 Austin json', '2020-09-14 Austin json']);
      });

      it('gives the 25-hour fall-back day its full length', async () => {
        // 2020-11-01 00:00 CDT to 2020-11-02 00:00 CST is 25 hours; 24 hours would end at 23:00.
        await driver.upsert([entry('Austin', 'json', day('2020-11-01'))]);
        const lastHour = time.fromWall({ year: 2020, month: 11, day: 1, hour: 23, minute: 30 });
        expect(await collect(driver.overlaps({ start: lastHour, end: day('2020-11-02') }))).toHaveLength(1);
        expect(await collect(driver.overlaps({ start: day('2020-11-02'), end: day('2020-11-03') }))).toHaveLength(0);
      });

      it('gives the 23-hour spring-forward day only 23 hours', async () => {
        await driver.upsert([entry('Austin', 'json', day('2020-03-08'))]);
        const nextMidnight = day('2020-03-09');
        expect(nextMidnight.getTime() - day('2020-03-08').getTime()).toBe(23 * 3_600_000);
        expect(await collect(driver.overlaps({ start: nextMidnight, end: new Date(nextMidnight.getTime() + 3_600_000) }))).toHaveLength(0);
        const lastHalfHour = new Date(nextMidnight.getTime() - 1_800_000);
        expect(await collect(driver.overlaps({ start: lastHalfHour, end: nextMidnight }))).toHaveLength(1);
      });

      it('uses an explicit collection end', async () => {
        await driver.upsert([entry('Austin', 'week.json', day('2020-09-07'), { collectionEnd: day('2020-09-14') })]);
        expect(await collect(driver.overlaps({ start: day('2020-09-10'), end: day('2020-09-11') }))).toHaveLength(1);
        expect(await collect(driver.overlaps({ start: day('2020-09-14'), end: day('2020-09-15') }))).toHaveLength(0);
      });

      it('filters by repository, data source, base and ext pattern', async () => {
        await driver.upsert([
          entry('Austin', 'unmatched.json', day('2020-09-13')),
          entry('Austin', 'csv', day('2020-09-13')),
          entry('Austin', 'csv', day('2020-09-13'), { dataSource: 'wt' }),
          entry('Austin', 'csv', day('2020-09-13'), { repository: 'atd-datalake-ready' }),
        ]);
        const oneDay = { start: day('2020-09-13'), end: day('2020-09-14') };
        const rows = await collect(driver.overlaps({ dataSource: 'bt', base: 'Austin', ext: '%%.json', ...oneDay }));
        expect(ids(rows)).toEqual(['2020-09-13 Austin unmatched.json']);
        expect(await collect(driver.overlaps({ repository: 'atd-datalake-ready', ...oneDay }))).toHaveLength(1);
        const all = await collect(driver.overlaps(oneDay));
        expect(all.map((row) => `${row.repository} ${row.dataSource} ${row.ext}`)).toEqual([
          'atd-datalake-raw bt csv',
          'atd-datalake-raw bt unmatched.json',
          'atd-datalake-raw wt csv',
          'atd-datalake-ready bt csv',
        ]);
      });

      it('pages through many overlapping rows, ordered by date, repository, data source, base, ext', async () => {
        const paged = await open({ pageSize: 2 });
        await paged.upsert(['a', 'b', 'c', 'd', 'e'].map((ext) => entry('Austin', ext, day('2020-09-13'))));
        await paged.upsert([entry('Austin', 'a', day('2020-09-13'), { dataSource: 'wt' })]);
        const rows = await collect(paged.overlaps({ start: day('2020-09-13'), end: day('2020-09-14') }));
        expect(rows.map((row) => `${row.dataSource} ${row.ext}`)).toEqual(['bt a', 'bt b', 'bt c', 'bt d', 'bt e', 'wt a']);
      });
    });

    describe('remove', () => {
      it('removes the matching overlapping rows and says how many', async () => {
        await driver.upsert([
          entry('Austin', 'json', day('2020-09-12')),
          entry('Austin', 'json', day('2020-09-13')),
          entry('Austin', 'csv', day('2020-09-13')),
          entry('Austin', 'json', day('2020-09-14')),
        ]);
        expect(await driver.remove({ ...base, ext: 'json', start: day('2020-09-13'), end: day('2020-09-15') })).toBe(2);
        expect(await run({})).toEqual(['2020-09-12 Austin json', '2020-09-13 Austin csv']);
      });

      it('removes exactly the matching rows when the pattern holds a literal *', async () => {
        await driver.upsert([entry('a*b', 'json', day('2020-09-13')), entry('aXb', 'json', day('2020-09-13'))]);
        expect(await driver.remove({ base: 'a*%%', start: day('2020-09-13'), end: day('2020-09-14') })).toBe(1);
        expect(await run({})).toEqual(['2020-09-13 aXb json']);
      });
    });
  });
}
