// What goes over the wire (core.md §6.3, §6.4, §13 items 11–14) and how the driver copes with
// what PostgREST does to it: capped pages, retries, refusals, offsets in any zone, DST days.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Catalog, ConfigError, LakeTime, MemoryLogger, SqliteCatalogDriver, type CatalogEntry } from '@lake/core';
import { PostgrestDouble } from './test-support/postgrest-double';
import { catalogDriver, collect, day, describePg, entry, time, TOKEN } from './test-support/fixtures';
import { PostgrestRequestFailed, PostgrestUnauthorized, PostgrestUnreachable } from './postgrest-errors';

const SELECT = 'collection_date,collection_end,processing_date,pointer,id_base,id_ext,metadata';

describePg('PostgrestCatalogDriver over the wire', () => {
  let double: PostgrestDouble;
  const base = { repository: 'atd-datalake-raw', dataSource: 'bt' };

  beforeAll(async () => {
    double = await PostgrestDouble.start({ jwt: TOKEN });
  });
  afterAll(() => double.stop());
  beforeEach(async () => {
    await double.sql('TRUNCATE data_lake_cat_new');
    double.requests.length = 0;
    double.maxRows = null;
  });

  const lastRequest = () => double.requests[double.requests.length - 1];

  describe('query parameters (§6.3)', () => {
    const paramsOf = async (query: Parameters<ReturnType<typeof catalogDriver>['query']>[0]): Promise<[string, string][]> => {
      await collect(catalogDriver(double).query(query));
      return lastRequest().params;
    };
    const page = [
      ['limit', '1000'],
      ['offset', '0'],
    ];

    it('sends exactly the original request, dates as PyStr, URL-encoded', async () => {
      await collect(catalogDriver(double).query({ ...base, base: 'Austin', ext: '%%.json', early: day('2020-09-13'), late: day('2020-09-15') }));
      expect(lastRequest().method).toBe('GET');
      expect(lastRequest().url).toBe(
        '/data_lake_cat_new?select=collection_date%2Ccollection_end%2Cprocessing_date%2Cpointer%2Cid_base%2Cid_ext%2Cmetadata' +
          '&repository=eq.atd-datalake-raw&data_source=eq.bt&id_base=eq.Austin&id_ext=like.*.json' +
          '&collection_date=gte.2020-09-13+00%3A00%3A00-05%3A00&collection_date=lt.2020-09-15+00%3A00%3A00-05%3A00' +
          '&order=collection_date.asc%2Cid_base.asc%2Cid_ext.asc&limit=1000&offset=0',
      );
    });

    it('without filters', async () => {
      expect(await paramsOf(base)).toEqual([
        ['select', SELECT],
        ['repository', 'eq.atd-datalake-raw'],
        ['data_source', 'eq.bt'],
        ['order', 'collection_date.asc,id_base.asc,id_ext.asc'],
        ...page,
      ]);
    });

    it('with an exact base and a %% ext pattern', async () => {
      const params = await paramsOf({ ...base, base: 'Austin', ext: 'unit_data%%' });
      expect(params).toContainEqual(['id_base', 'eq.Austin']);
      // `_` is escaped: only `%%` is a wildcard in the lake.
      expect(params).toContainEqual(['id_ext', 'like.unit\\_data*']);
    });

    it('with only an early date, only a late date, both (repeated key), and exact mode', async () => {
      const early = day('2020-09-13');
      const late = day('2020-09-15');
      const dates = (params: [string, string][]) => params.filter(([key]) => key === 'collection_date').map(([, value]) => value);
      expect(dates(await paramsOf({ ...base, early }))).toEqual(['gte.2020-09-13 00:00:00-05:00']);
      expect(dates(await paramsOf({ ...base, late }))).toEqual(['lt.2020-09-15 00:00:00-05:00']);
      expect(dates(await paramsOf({ ...base, early, late }))).toEqual(['gte.2020-09-13 00:00:00-05:00', 'lt.2020-09-15 00:00:00-05:00']);
      expect(dates(await paramsOf({ ...base, early, exact: true }))).toEqual(['eq.2020-09-13 00:00:00-05:00']);
    });

    it('in reverse', async () => {
      expect(await paramsOf({ ...base, reverse: true })).toContainEqual(['order', 'collection_date.desc,id_base.asc,id_ext.asc']);
    });

    it('asks for no more rows than the limit (C-2), and counts only reads that may need several pages', async () => {
      expect(await paramsOf({ ...base, limit: 1 })).toContainEqual(['limit', '1']);
      expect(lastRequest().headers.prefer).toBeUndefined();
      await paramsOf(base);
      expect(lastRequest().headers.prefer).toBe('count=exact');
    });

    it('encodes the + of a positive offset, which would otherwise arrive as a space', async () => {
      const berlin = new LakeTime('Europe/Berlin');
      const driver = catalogDriver(double, {}, { time: berlin });
      const midnight = berlin.dayStart('2020-09-13');
      await driver.upsert([entry('Berlin', 'csv', midnight)]);
      const rows = await collect(driver.query({ ...base, early: midnight, exact: true }));
      expect(lastRequest().url).toContain('collection_date=eq.2020-09-13+00%3A00%3A00%2B02%3A00');
      expect(rows.map((row) => row.collectionDate)).toEqual([midnight]);
    });

    it('sends the token when one is configured, and none otherwise', async () => {
      await collect(catalogDriver(double).query(base));
      expect(lastRequest().headers.authorization).toBe(`Bearer ${TOKEN}`);
      await collect(catalogDriver(double, { token: undefined }).query(base));
      expect(lastRequest().headers.authorization).toBeUndefined();
    });
  });

  describe('paging', () => {
    const rows = (count: number): CatalogEntry[] => Array.from({ length: count }, (_, index) => entry('Austin', `e${String(index).padStart(3, '0')}`, day('2020-09-13')));

    it('reads past a server cap smaller than the page size, guided by the exact count', async () => {
      await catalogDriver(double).upsert(rows(23));
      double.maxRows = 5;
      const read = await collect(catalogDriver(double, { pageSize: 10 }).query(base));
      expect(read.map((row) => row.ext)).toEqual(rows(23).map((row) => row.ext));
      expect(double.requests.filter((request) => request.method === 'GET').map((request) => new URLSearchParams(request.url.split('?')[1]).get('offset'))).toEqual([
        '0',
        '5',
        '10',
        '15',
        '20',
      ]);
    });

    it('reads past a server cap without a count too: a short page is followed by one more request', async () => {
      await catalogDriver(double).upsert(rows(12));
      double.maxRows = 5;
      double.requests.length = 0;
      const read = await collect(catalogDriver(double, { pageSize: 10, exactCount: false }).query(base));
      expect(read).toHaveLength(12);
      // 5 + 5 + 2 rows, then an empty page ends it.
      expect(double.requests.map((request) => new URLSearchParams(request.url.split('?')[1]).get('offset'))).toEqual(['0', '5', '10', '12']);
      expect(double.requests.some((request) => request.headers.prefer?.includes('count'))).toBe(false);
    });

    it('stops after a short page when the count says nothing is left', async () => {
      await catalogDriver(double).upsert(rows(3));
      double.requests.length = 0;
      expect(await collect(catalogDriver(double, { pageSize: 10 }).query(base))).toHaveLength(3);
      expect(double.requests).toHaveLength(1);
      expect(double.requests[0].headers.prefer).toBe('count=exact');
    });

    it('stops at the limit even when the server caps pages', async () => {
      await catalogDriver(double).upsert(rows(20));
      double.maxRows = 4;
      const read = await collect(catalogDriver(double, { pageSize: 10 }).query({ ...base, limit: 7 }));
      expect(read.map((row) => row.ext)).toEqual(['e000', 'e001', 'e002', 'e003', 'e004', 'e005', 'e006']);
    });

    it('ends quietly when rows vanish while it pages (416 for an offset past the count)', async () => {
      await catalogDriver(double).upsert(rows(6));
      const driver = catalogDriver(double, { pageSize: 3 });
      const seen: string[] = [];
      for await (const row of driver.query(base)) {
        seen.push(row.ext);
        if (seen.length === 3) await double.sql('DELETE FROM data_lake_cat_new');
      }
      expect(seen).toEqual(['e000', 'e001', 'e002']);
    });
  });

  describe('upsert (§6.4)', () => {
    it('posts one JSON array with merge-duplicates, absent optional fields omitted', async () => {
      await catalogDriver(double).upsert([
        entry('Austin', 'csv', day('2020-09-13'), { processingDate: new Date('2020-09-14T06:00:12.120Z') }),
        entry('Austin', 'csv', day('2020-09-14'), { processingDate: day('2020-09-15') }),
      ]);
      expect(double.requests).toHaveLength(1);
      const [request] = double.requests;
      expect(request.method).toBe('POST');
      expect(request.headers.prefer).toBe('return=minimal, resolution=merge-duplicates');
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers['content-type']).toBe('application/json');
      expect(JSON.parse(request.body)).toEqual([
        {
          repository: 'atd-datalake-raw',
          data_source: 'bt',
          id_base: 'Austin',
          id_ext: 'csv',
          pointer: '2020-09-13/Austin.csv',
          collection_date: '2020-09-13 00:00:00-05:00',
          processing_date: '2020-09-14 01:00:12.120000-05:00',
        },
        {
          repository: 'atd-datalake-raw',
          data_source: 'bt',
          id_base: 'Austin',
          id_ext: 'csv',
          pointer: '2020-09-14/Austin.csv',
          collection_date: '2020-09-14 00:00:00-05:00',
          processing_date: '2020-09-15 00:00:00-05:00',
        },
      ]);
    });

    it('splits a batch by key set, since PostgREST takes the columns from the first object', async () => {
      await catalogDriver(double).upsert([
        entry('Austin', 'a', day('2020-09-13')),
        entry('Austin', 'b', day('2020-09-13'), { metadata: { v: 1 } }),
        entry('Austin', 'c', day('2020-09-13')),
      ]);
      const bodies = double.requests.map((request) => JSON.parse(request.body) as unknown);
      // A group of one goes as a plain object, as the original's single upserts did.
      expect(bodies.map((body) => (Array.isArray(body) ? body.map((row: { id_ext: string }) => row.id_ext) : (body as { id_ext: string }).id_ext))).toEqual([['a', 'c'], 'b']);
      expect(await collect(catalogDriver(double).query(base))).toHaveLength(3);
    });

    it('sends nothing for an empty batch', async () => {
      await catalogDriver(double).upsert([]);
      expect(double.requests).toEqual([]);
    });

    it('retries a POST on 503 and on a dropped connection: an upsert may be sent twice', async () => {
      const log = new MemoryLogger();
      double.failNext(2, 503, 'POST');
      double.dropNext(1, { afterApply: true, method: 'POST' });
      await catalogDriver(double, {}, { log }).upsert([entry('Austin', 'csv', day('2020-09-13'))]);
      expect(double.requests.map((request) => request.method)).toEqual(['POST', 'POST', 'POST', 'POST']);
      expect(await collect(catalogDriver(double).query(base))).toHaveLength(1);
      expect(log.lines.filter((line) => line.startsWith('WARN'))).toHaveLength(3);
    });

    it('gives up after the configured attempts, naming the endpoint and PostgREST’s message', async () => {
      double.failNext(3, 503);
      const failure = catalogDriver(double, { attempts: 3 }).upsert([entry('Austin', 'csv', day('2020-09-13'))]);
      await expect(failure).rejects.toThrow(PostgrestRequestFailed);
      await expect(failure).rejects.toThrow(`catalog: POST ${double.endpoint('data_lake_cat_new')} answered 503: PGRST000 Database client error`);
    });

    it('refuses a write without a token with a clear error (401)', async () => {
      const failure = catalogDriver(double, { token: undefined }).upsert([entry('Austin', 'csv', day('2020-09-13'))]);
      await expect(failure).rejects.toThrow(PostgrestUnauthorized);
      await expect(failure).rejects.toMatchObject({
        code: 'POSTGREST_UNAUTHORIZED',
        message: expect.stringContaining('permission denied for table data_lake_cat_new'),
        hint: expect.stringContaining('set catalog.token'),
      });
      expect(double.requests).toHaveLength(1);
    });

    it('never shows the token: not in errors, not in the log', async () => {
      const log = new MemoryLogger();
      const wrong = `${TOKEN}-expired`;
      double.failNext(1, 503);
      const failure = catalogDriver(double, { token: wrong }, { log }).upsert([entry('Austin', 'csv', day('2020-09-13'))]);
      await expect(failure).rejects.toThrow(PostgrestUnauthorized);
      const error = (await failure.catch((caught: unknown) => caught)) as PostgrestUnauthorized;
      const everything = [error.message, error.hint ?? '', error.stack ?? '', JSON.stringify(error), log.text()].join('\n');
      expect(everything).toContain('JWSInvalidSignature');
      expect(everything).not.toContain(wrong);
      expect(everything).not.toContain(TOKEN);
      expect(error.hint).toContain('was not accepted');
    });

    it('reports a PostgREST refusal with its code, message and details', async () => {
      // A timestamp PostgreSQL cannot read gets through only via a hand-made row.
      const failure = catalogDriver(double).table.upsert([{ repository: 'r', data_source: 'bt', id_base: 'b', id_ext: 'e', pointer: 'p', collection_date: 'not a date' }]);
      await expect(failure).rejects.toThrow(/answered 400: 22007 invalid input syntax for type timestamp with time zone: "not a date"/);
      expect(double.requests).toHaveLength(1);
    });

    it('says when PostgREST cannot be reached', async () => {
      const driver = catalogDriver(double, { url: 'http://127.0.0.1:9/data_lake_cat_new', attempts: 2 });
      await expect(collect(driver.query(base))).rejects.toThrow(PostgrestUnreachable);
      await expect(collect(driver.query(base))).rejects.toMatchObject({
        message: expect.stringContaining('catalog: cannot reach http://127.0.0.1:9/data_lake_cat_new (GET): '),
        hint: expect.stringContaining('check that PostgREST is running'),
      });
    });

    it('refuses a login written into the table URL when the driver is made, never showing it', () => {
      let error: unknown = null;
      try {
        catalogDriver(double, { url: 'http://lake:s3cr3t-in-url@127.0.0.1:9/data_lake_cat_new', attempts: 1 });
      } catch (failure) {
        error = failure;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('http://***@127.0.0.1:9/ carries a user name or password');
      expect((error as Error).message).not.toContain('s3cr3t-in-url');
    });
  });

  describe('reads', () => {
    it('retries a GET on 503 and on a dropped connection', async () => {
      await catalogDriver(double).upsert([entry('Austin', 'csv', day('2020-09-13'))]);
      double.requests.length = 0;
      double.failNext(1, 503);
      double.dropNext(1);
      expect(await collect(catalogDriver(double).query(base))).toHaveLength(1);
      expect(double.requests).toHaveLength(3);
    });

    it('reads timestamps PostgreSQL writes with any offset', async () => {
      const kolkata = await PostgrestDouble.start({ jwt: TOKEN, timeZone: 'Asia/Kolkata' });
      try {
        const driver = catalogDriver(kolkata);
        const written = entry('Austin', 'csv', day('2020-09-13'), { collectionEnd: day('2020-09-14'), processingDate: new Date('2020-09-14T06:00:12.345Z') });
        await driver.upsert([written]);
        const [raw] = (await (await fetch(`${kolkata.endpoint('data_lake_cat_new')}?select=collection_date,processing_date`)).json()) as unknown[];
        expect(raw).toEqual({ collection_date: '2020-09-13T10:30:00+05:30', processing_date: '2020-09-14T11:30:12.345+05:30' });
        expect(await collect(driver.query(base))).toEqual([{ ...written, metadata: null }]);
      } finally {
        await kolkata.stop();
      }
    });
  });

  describe('overlaps and DST', () => {
    let dir: string;
    let sqlite: SqliteCatalogDriver;

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-pgrst-oracle-'));
      sqlite = SqliteCatalogDriver.open(path.join(dir, 'lake.sqlite'), time);
    });
    afterEach(async () => {
      await sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('sends lt.<end> and an or= on the end, with start − 1 calendar day for rows without one', async () => {
      await collect(catalogDriver(double).overlaps({ ...base, start: day('2020-11-02'), end: day('2020-11-03') }));
      expect(lastRequest().params).toEqual([
        ['select', `repository,data_source,${SELECT}`],
        ['repository', 'eq.atd-datalake-raw'],
        ['data_source', 'eq.bt'],
        ['collection_date', 'lt.2020-11-03 00:00:00-06:00'],
        // The day before the start is the 25-hour fall-back day: its midnight was −05:00.
        ['or', '(collection_end.gt.2020-11-02 00:00:00-06:00,and(collection_end.is.null,collection_date.gt.2020-11-01 00:00:00-05:00))'],
        ['order', 'collection_date.asc,repository.asc,data_source.asc,id_base.asc,id_ext.asc'],
        ['limit', '1000'],
        ['offset', '0'],
      ]);
    });

    it('answers like the embedded catalog for rows and starts around both DST changes', async () => {
      // Rows at midnights and at awkward hours (inside the repeated and the skipped hour).
      const instants = [
        ...['2020-03-07', '2020-03-08', '2020-03-09', '2020-10-31', '2020-11-01', '2020-11-02'].map(day),
        time.parse('2020-03-08 01:30:00-06:00'),
        time.parse('2020-03-08 03:30:00-05:00'),
        time.parse('2020-10-31 01:10:00-05:00'),
        time.parse('2020-11-01 01:30:00-05:00'),
        time.parse('2020-11-01 01:30:00-06:00'),
        time.parse('2020-11-01 23:30:00-06:00'),
      ];
      const rows = instants.map((instant, index) => entry('Austin', `r${index}`, instant));
      const driver = catalogDriver(double);
      await driver.upsert(rows);
      await sqlite.upsert(rows);
      const starts = [
        ...instants,
        ...instants.map((instant) => new Date(instant.getTime() + 1)),
        ...instants.map((instant) => new Date(instant.getTime() - 1)),
        time.parse('2020-11-01 01:00:00-05:00'),
        time.parse('2020-11-02 01:30:00-06:00'),
        time.parse('2020-03-09 02:30:00-05:00'),
      ];
      const exts = (found: CatalogEntry[]) => found.map((row) => row.ext).sort();
      for (const start of starts) {
        const query = { start, end: new Date(start.getTime() + 3_600_000) };
        expect({ start: time.format(start), rows: exts(await collect(driver.overlaps(query))) }).toEqual({
          start: time.format(start),
          rows: exts(await collect(sqlite.overlaps(query))),
        });
      }
    });

    it('removes exactly the overlapping rows near a DST change', async () => {
      const rows = [entry('Austin', 'early', time.parse('2020-10-31 00:30:00-05:00')), entry('Austin', 'late', time.parse('2020-10-31 01:10:00-05:00'))];
      await catalogDriver(double).upsert(rows);
      // From the first 01:30 of the repeated hour: the row of 01:10 the day before ends at the
      // second 01:10 (CST), after the start; the row of 00:30 ended before it.
      const start = time.parse('2020-11-01 01:30:00-05:00');
      expect(await catalogDriver(double).remove({ start, end: new Date(start.getTime() + 60_000) })).toBe(1);
      expect((await collect(catalogDriver(double).query(base))).map((row) => row.ext)).toEqual(['early']);
    });
  });

  it('serves core’s Catalog facade: staged rows commit in one request, latest and searchable lists', async () => {
    const catalog = new Catalog(catalogDriver(double), { time, log: new MemoryLogger() });
    catalog.stage(entry('Austin', 'unit_data.json', day('2020-09-12')));
    catalog.stage(entry('Austin', 'unit_data.json', day('2020-09-14')));
    catalog.stage(entry('Austin', 'unit_data.json', time.parse('2020-09-14T05:00:00Z'), { pointer: 'replaced' }));
    expect(await catalog.commit()).toBe(2);
    expect(double.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(await catalog.latest({ ...base, ext: 'unit%%' })).toMatchObject({ pointer: 'replaced' });
    const list = await catalog.searchableList({ ...base, ext: 'unit_data.json', early: day('2020-09-12'), late: day('2020-09-13') });
    expect(list.length).toBe(2);
    await catalog.close();
  });
});
