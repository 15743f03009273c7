// The embedded catalog's behaviour (core sqlite-catalog-driver.spec.ts), on PostgreSQL, plus what
// only a server brings: concurrent writers, the session time zone, unreachable servers.
import { InvalidCatalogEntry, InvalidCatalogQuery, type CatalogEntry, type CatalogQuery } from '@lake/core';
import { PostgresCatalogDriver } from './postgres-catalog-driver';
import { adminQuery, chicago, collect, describePg, driverEnv, dropSchema, pgSettings, uniqueSchemaName } from './test-support/pg-test-schema';

const time = chicago();
const day = (calendarDate: string): Date => time.dayStart(calendarDate);

function entry(base: string, ext: string, date: Date, more: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    repository: 'atd-datalake-raw',
    dataSource: 'bt',
    base,
    ext,
    pointer: `${time.calendarDate(date)}/${base}.${ext}`,
    collectionDate: date,
    ...more,
  };
}

describePg('PostgresCatalogDriver', () => {
  const schema = uniqueSchemaName('catalog');
  const table = `"${schema}".data_lake_cat_new`;
  const open = (more: Record<string, unknown> = {}) => new PostgresCatalogDriver(pgSettings(schema, more), driverEnv(time));
  let driver: PostgresCatalogDriver;
  const base = { repository: 'atd-datalake-raw', dataSource: 'bt' };
  const ids = (rows: CatalogEntry[]): string[] => rows.map((row) => `${time.calendarDate(row.collectionDate)} ${row.base} ${row.ext}`);
  const run = async (query: Partial<CatalogQuery>): Promise<string[]> => ids(await collect(driver.query({ ...base, ...query })));

  beforeAll(async () => {
    const creator = open();
    await creator.createSchema();
    await creator.close();
  });
  afterAll(() => dropSchema(schema));
  beforeEach(async () => {
    await adminQuery(`TRUNCATE ${table}`);
    driver = open();
  });
  afterEach(() => driver.close());

  describe('createSchema', () => {
    it('creates the original table: columns, types, primary key and the collection_date index', async () => {
      const columns = await adminQuery<{ column_name: string; data_type: string; is_nullable: string }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'data_lake_cat_new' ORDER BY ordinal_position`,
        [schema],
      );
      expect(columns.map((column) => `${column.column_name} ${column.data_type} ${column.is_nullable}`)).toEqual([
        'id integer NO',
        'repository text NO',
        'data_source text NO',
        'id_base text NO',
        'id_ext text NO',
        'pointer text NO',
        'collection_date timestamp with time zone NO',
        'collection_end timestamp with time zone YES',
        'processing_date timestamp with time zone YES',
        'metadata jsonb YES',
      ]);
      const [key] = await adminQuery<{ definition: string }>(
        `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`,
        [table],
      );
      expect(key.definition).toBe('PRIMARY KEY (collection_date, repository, data_source, id_base, id_ext)');
      const indexes = await adminQuery<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE '%collection_date_idx'`, [schema]);
      expect(indexes).toHaveLength(1);
      expect(indexes[0].indexdef).toContain('(collection_date)');
    });

    it('can run again, also twice at once, and keeps the rows', async () => {
      await driver.upsert([entry('Austin', 'json', day('2020-09-13'))]);
      const other = open();
      await Promise.all([driver.createSchema(), other.createSchema()]);
      await driver.createSchema();
      await other.close();
      expect(await run({})).toEqual(['2020-09-13 Austin json']);
    });
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

    it('treats a single %, a backslash and GLOB characters as ordinary text', async () => {
      await driver.upsert([entry('a*b', '50%', day('2020-09-20')), entry('a?b[1]', 'x', day('2020-09-20')), entry('c\\d', 'x', day('2020-09-20'))]);
      expect(await run({ ext: '5%' })).toEqual([]);
      expect(await run({ ext: '50%' })).toEqual(['2020-09-20 a*b 50%']);
      expect(await run({ ext: '5%%%' })).toEqual(['2020-09-20 a*b 50%']);
      expect(await run({ ext: '50%%%' })).toEqual(['2020-09-20 a*b 50%']);
      expect(await run({ base: 'a*%%' })).toEqual(['2020-09-20 a*b 50%']);
      expect(await run({ base: 'a?b[%%]' })).toEqual(['2020-09-20 a?b[1] x']);
      expect(await run({ base: 'a%%b' })).toEqual(['2020-09-20 a*b 50%']);
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

    it('rejects a query without repository or with a bad limit', async () => {
      await expect(collect(driver.query({ repository: '', dataSource: 'bt' }))).rejects.toThrow(InvalidCatalogQuery);
      await expect(collect(driver.query({ ...base, limit: -1 }))).rejects.toThrow(InvalidCatalogQuery);
      await expect(collect(driver.query({ ...base, early: new Date(NaN) }))).rejects.toThrow(InvalidCatalogQuery);
    });
  });

  describe('paging', () => {
    const dates = Array.from({ length: 10 }, (_, index) => time.addDays(day('2020-09-01'), index));
    let paged: PostgresCatalogDriver;

    beforeEach(async () => {
      paged = open({ pageSize: 3 });
      // Two rows per date so a page boundary falls between rows of the same date.
      await paged.upsert(dates.flatMap((date) => [entry('Austin', 'a', date), entry('Austin', 'b', date)]));
    });
    afterEach(() => paged.close());

    it('reads past the page size without repeating or skipping rows', async () => {
      const rows = await collect(paged.query(base));
      expect(ids(rows)).toEqual(dates.flatMap((date) => [`${time.calendarDate(date)} Austin a`, `${time.calendarDate(date)} Austin b`]));
    });

    it('pages in reverse order too', async () => {
      const rows = await collect(paged.query({ ...base, reverse: true }));
      expect(ids(rows)).toEqual([...dates].reverse().flatMap((date) => [`${time.calendarDate(date)} Austin a`, `${time.calendarDate(date)} Austin b`]));
    });

    it('stops at a limit that is not a multiple of the page size', async () => {
      expect(await collect(paged.query({ ...base, limit: 7 }))).toHaveLength(7);
    });

    it('reads a page exactly full, then an empty one', async () => {
      await paged.remove({ start: dates[0], end: time.addDays(dates[9], 1) });
      await paged.upsert(dates.slice(0, 6).map((date) => entry('Austin', 'a', date)));
      expect(await collect(paged.query(base))).toHaveLength(6);
    });

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

    it('pages on the stored instant to the microsecond, which a JS Date cannot hold', async () => {
      // Rows the original wrote carry microseconds; paging on the millisecond Date would repeat them.
      await paged.remove({ start: dates[0], end: time.addDays(dates[9], 1) });
      await adminQuery(
        `INSERT INTO ${table} (repository, data_source, id_base, id_ext, pointer, collection_date)
         SELECT 'atd-datalake-raw', 'bt', 'Micro', ext, 'p', '2020-09-13 00:00:00.000400-05' FROM unnest(ARRAY['a', 'b', 'c', 'd', 'e']) AS ext`,
      );
      expect((await collect(paged.query(base))).map((row) => row.ext)).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect((await collect(paged.query({ ...base, reverse: true }))).map((row) => row.ext)).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

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
      ).rejects.toThrow(InvalidCatalogEntry);
      await expect(driver.upsert([entry('', 'json', day('2020-09-13'))])).rejects.toThrow(InvalidCatalogEntry);
      expect(await collect(driver.query(base))).toEqual([]);
    });

    it('writes the batch in one transaction: a row the server rejects rolls back the rows before it', async () => {
      await driver.upsert([entry('Austin', 'json', day('2020-09-12'), { pointer: 'kept' })]);
      // One row per statement, so the rejected row comes after statements that already ran.
      const oneByOne = open({ upsertChunk: 1 });
      const batch = [
        entry('Austin', 'json', day('2020-09-12'), { pointer: 'changed' }),
        entry('Austin', 'json', day('2020-09-13')),
        entry('Austin', 'json', day('2020-09-14'), { metadata: { text: 'nul \u0000 is not allowed in jsonb' } }),
      ];
      await expect(oneByOne.upsert(batch)).rejects.toMatchObject({ code: 'CATALOG_QUERY_FAILED' });
      await oneByOne.close();
      expect((await collect(driver.query(base))).map((row) => row.pointer)).toEqual(['kept']);
    });

    it('accepts an empty ext', async () => {
      await driver.upsert([entry('Austin', '', day('2020-09-13'))]);
      expect(await run({ ext: '' })).toEqual(['2020-09-13 Austin ']);
    });

    it('keeps rows for another connection pool', async () => {
      await driver.upsert([entry('Austin', 'json', day('2020-09-13'))]);
      const other = open();
      expect(await collect(other.query(base))).toHaveLength(1);
      await other.close();
    });

    it('lets two writers (two pools) upsert overlapping batches at the same time', async () => {
      const writerA = open({ poolSize: 2 });
      const writerB = open({ poolSize: 2 });
      const keys = Array.from({ length: 400 }, (_, index) => index);
      // Overlapping halves in opposite orders: written as given, the two transactions would lock
      // the shared rows in opposite orders and deadlock.
      const batchA = keys.slice(0, 300).map((index) => entry(`S${index}`, 'json', day('2020-09-13'), { pointer: `a${index}` }));
      const batchB = keys.slice(100).reverse().map((index) => entry(`S${index}`, 'json', day('2020-09-13'), { pointer: `b${index}`, metadata: { index } }));
      for (let round = 0; round < 5; round++) await Promise.all([writerA.upsert(batchA), writerB.upsert(batchB)]);
      await Promise.all([writerA.close(), writerB.close()]);
      const rows = await collect(driver.query(base));
      expect(rows).toHaveLength(400);
      expect(rows.filter((row) => row.pointer.startsWith('b')).every((row) => (row.metadata as { index: number }).index === Number(row.base.slice(1)))).toBe(true);
      // The shared rows hold one writer's pointer or the other's, never a mix within a row.
      for (const row of rows) expect(row.pointer.slice(1)).toBe(row.base.slice(1));
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

    it('gives the 25-hour fall-back day its full length (the session runs in the lake zone, not the server’s)', async () => {
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
      const lastHour = new Date(nextMidnight.getTime() - 1_800_000);
      expect(await collect(driver.overlaps({ start: lastHour, end: nextMidnight }))).toHaveLength(1);
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
      const rows = await collect(driver.overlaps({ dataSource: 'bt', base: 'Austin', ext: '%%.json', start: day('2020-09-13'), end: day('2020-09-14') }));
      expect(ids(rows)).toEqual(['2020-09-13 Austin unmatched.json']);
      expect(await collect(driver.overlaps({ repository: 'atd-datalake-ready', start: day('2020-09-13'), end: day('2020-09-14') }))).toHaveLength(1);
      expect(await collect(driver.overlaps({ start: day('2020-09-13'), end: day('2020-09-14') }))).toHaveLength(4);
    });

    it('pages through many overlapping rows', async () => {
      const paged = open({ pageSize: 2 });
      await paged.upsert(['a', 'b', 'c', 'd', 'e'].map((ext) => entry('Austin', ext, day('2020-09-13'))));
      await paged.upsert([entry('Austin', 'a', day('2020-09-13'), { dataSource: 'wt' })]);
      const rows = await collect(paged.overlaps({ start: day('2020-09-13'), end: day('2020-09-14') }));
      expect(rows.map((row) => `${row.dataSource} ${row.ext}`)).toEqual(['bt a', 'bt b', 'bt c', 'bt d', 'bt e', 'wt a']);
      await paged.close();
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
  });

  describe('when the server or the table is not there', () => {
    it('fails with CATALOG_UNREACHABLE naming the server, never the password', async () => {
      const url = new URL(process.env.LAKE_TEST_PG_URL as string);
      url.port = '1';
      url.password = 'sekret-pw-42';
      const unreachable = new PostgresCatalogDriver({ driver: 'postgres', connectionString: url.toString(), schema }, driverEnv(time));
      const failure = await collect(unreachable.query(base)).catch((error: unknown) => error);
      await unreachable.close();
      expect(failure).toMatchObject({ code: 'CATALOG_UNREACHABLE' });
      const { message, hint } = failure as { message: string; hint: string };
      expect(message).toContain(`${url.hostname}:1`);
      expect(message).toMatch(/ECONNREFUSED/);
      expect(`${message} ${hint}`).not.toContain('sekret-pw-42');
      expect(hint).toContain('catalog.connectionString');
    });

    it('keeps a password given on its own out of the message too', async () => {
      const url = new URL(process.env.LAKE_TEST_PG_URL as string);
      const unreachable = new PostgresCatalogDriver(
        { driver: 'postgres', host: url.hostname, port: 1, user: 'lake', password: 'sekret-pw-43', database: 'lake_test', schema },
        driverEnv(time),
      );
      const failure = await unreachable.upsert([entry('Austin', 'json', day('2020-09-13'))]).catch((error: unknown) => error);
      await unreachable.close();
      expect(failure).toMatchObject({ code: 'CATALOG_UNREACHABLE' });
      expect((failure as Error).message).toContain(`postgres://lake@${url.hostname}:1/lake_test`);
      expect(JSON.stringify(failure) + (failure as Error).message).not.toContain('sekret-pw-43');
    });

    it('fails with CATALOG_TABLE_MISSING and points at lake catalog init', async () => {
      const missing = new PostgresCatalogDriver(pgSettings(`${schema}_none`), driverEnv(time));
      const failure = await collect(missing.query(base)).catch((error: unknown) => error);
      await missing.close();
      expect(failure).toMatchObject({ code: 'CATALOG_TABLE_MISSING' });
      expect((failure as { hint: string }).hint).toContain('lake catalog init');
    });
  });
});
