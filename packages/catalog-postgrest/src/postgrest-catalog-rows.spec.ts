// Row parsing against canned PostgREST answers (no database): dates in either form and any
// offset, nulls, and answers that are not what the protocol promises.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryLogger } from '@lake/core';
import { PostgrestCatalogDriver } from './postgrest-catalog-driver';
import { PostgrestUnexpectedAnswer } from './postgrest-errors';
import { collect, time } from './test-support/fixtures';

describe('PostgrestCatalogDriver reading rows', () => {
  let server: http.Server;
  let answer: { status: number; headers: Record<string, string>; body: string };
  let url: string;

  beforeAll(async () => {
    server = http.createServer((_request, response) => {
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data_lake_cat_new`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const driver = () => new PostgrestCatalogDriver({ driver: 'postgrest', url, attempts: 1 }, { time, log: new MemoryLogger() });
  const query = { repository: 'atd-datalake-raw', dataSource: 'bt' };

  it('reads dates with T or a space, any offset, with or without a fraction', async () => {
    const rows = [
      { collection_date: '2020-09-13T05:00:00+00:00', collection_end: '2020-09-14 00:00:00-05:00', processing_date: '2020-09-14 01:00:12.120000-05:00' },
      { collection_date: '2020-09-13 10:30:00+05:30', collection_end: null, processing_date: '2020-09-14T06:00:12.120345Z' },
    ].map((dates, index) => ({ ...dates, pointer: `p${index}`, id_base: 'Austin', id_ext: 'csv', metadata: index ? null : { v: 1 } }));
    answer = { status: 200, headers: { 'Content-Range': '0-1/2', 'Content-Type': 'application/json' }, body: JSON.stringify(rows) };
    const entries = await collect(driver().query(query));
    expect(entries).toEqual([
      {
        repository: 'atd-datalake-raw',
        dataSource: 'bt',
        base: 'Austin',
        ext: 'csv',
        pointer: 'p0',
        collectionDate: time.dayStart('2020-09-13'),
        collectionEnd: time.dayStart('2020-09-14'),
        processingDate: new Date('2020-09-14T06:00:12.120Z'),
        metadata: { v: 1 },
      },
      {
        repository: 'atd-datalake-raw',
        dataSource: 'bt',
        base: 'Austin',
        ext: 'csv',
        pointer: 'p1',
        collectionDate: time.dayStart('2020-09-13'),
        collectionEnd: null,
        processingDate: new Date('2020-09-14T06:00:12.120Z'),
        metadata: null,
      },
    ]);
  });

  it('refuses an answer that is not a JSON array', async () => {
    answer = { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html>proxy login</html>' };
    await expect(collect(driver().query(query))).rejects.toThrow(PostgrestUnexpectedAnswer);
  });

  it('says which URL answered 404', async () => {
    answer = { status: 404, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: 'PGRST205', message: "Could not find the table 'api.data_lake_cat_new' in the schema cache", details: null, hint: 'Perhaps you meant the table api.data_lake_catalog' }) };
    await expect(collect(driver().query(query))).rejects.toMatchObject({
      code: 'POSTGREST_REQUEST_FAILED',
      message: `catalog: GET ${url} answered 404: PGRST205 Could not find the table 'api.data_lake_cat_new' in the schema cache; hint: Perhaps you meant the table api.data_lake_catalog`,
      hint: `check that ${url} is the PostgREST URL of the table`,
    });
  });
});
