// The catalog contract (@lake/testing's conformance suite) on PostgreSQL, plus what only a server
// brings: the original's table, microsecond dates, transactions, concurrent writers, unreachable
// servers and missing tables. The suite's DST cases also show the session runs in the lake's
// zone, not the server's.
import type { CatalogQuery } from '@lake/core';
import { catalogFixtures, describeCatalogDriverConformance } from '@lake/testing';
import { PostgresCatalogDriver } from './postgres-catalog-driver';
import { adminQuery, chicago, collect, describePg, driverEnv, dropSchema, pgSettings, uniqueSchemaName } from './test-support/pg-test-schema';

const time = chicago();
const { day, entry, ids } = catalogFixtures(time);

describePg('PostgresCatalogDriver', () => {
  const schema = uniqueSchemaName('catalog');
  const table = `"${schema}".data_lake_cat_new`;
  const open = (more: Record<string, unknown> = {}) => new PostgresCatalogDriver(pgSettings(schema, more), driverEnv(time));
  const truncate = async () => {
    await adminQuery(`TRUNCATE ${table}`);
  };

  beforeAll(async () => {
    const creator = open();
    await creator.createSchema();
    await creator.close();
  });
  afterAll(() => dropSchema(schema));

  describeCatalogDriverConformance('the catalog contract', {
    reset: truncate,
    async open(contractTime, tuning) {
      return new PostgresCatalogDriver(pgSettings(schema, { ...tuning }), driverEnv(contractTime));
    },
  });

  describe('beyond the contract', () => {
    let driver: PostgresCatalogDriver;
    const base = { repository: 'atd-datalake-raw', dataSource: 'bt' };
    const run = async (query: Partial<CatalogQuery>): Promise<string[]> => ids(await collect(driver.query({ ...base, ...query })));

    beforeEach(async () => {
      await truncate();
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

    describe('paging', () => {
      it('pages on the stored instant to the microsecond, which a JS Date cannot hold', async () => {
        // Rows the original wrote carry microseconds; paging on the millisecond Date would repeat them.
        const paged = open({ pageSize: 3 });
        await adminQuery(
          `INSERT INTO ${table} (repository, data_source, id_base, id_ext, pointer, collection_date)
           SELECT 'atd-datalake-raw', 'bt', 'Micro', ext, 'p', '2020-09-13 00:00:00.000400-05' FROM unnest(ARRAY['a', 'b', 'c', 'd', 'e']) AS ext`,
        );
        expect((await collect(paged.query(base))).map((row) => row.ext)).toEqual(['a', 'b', 'c', 'd', 'e']);
        expect((await collect(paged.query({ ...base, reverse: true }))).map((row) => row.ext)).toEqual(['a', 'b', 'c', 'd', 'e']);
        await paged.close();
      });
    });

    describe('upsert', () => {
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
});
