// The perfmet contract (@lake/testing's conformance suite) on PostgreSQL, plus what is the
// server's own: the original's tables (with and without the `failures` column), timestamp text
// read as an instant, one transaction per write, missing tables and unreachable servers.
import { describePerfmetDriverConformance, perfmetFixtures } from '@lake/testing';
import { PostgresPerfmetDriver } from './postgres-perfmet-driver';
import { adminQuery, chicago, collect, describePg, driverEnv, dropSchema, pgSettings, uniqueSchemaName } from './test-support/pg-test-schema';

const time = chicago('2020-03-05T10:00:00Z');
const { job, observation, day } = perfmetFixtures(time);

describePg('PostgresPerfmetDriver', () => {
  const schema = uniqueSchemaName('perfmet');
  const open = (more: Record<string, unknown> = {}) => new PostgresPerfmetDriver(pgSettings(schema, more), driverEnv(time));
  const truncate = async () => {
    await adminQuery(`TRUNCATE "${schema}".etl_perfmet_job, "${schema}".etl_perfmet_obs`);
  };
  let driver: PostgresPerfmetDriver;

  beforeAll(async () => {
    const creator = open();
    await creator.createSchema();
    await creator.createSchema();
    await creator.close();
  });
  afterAll(() => dropSchema(schema));

  describePerfmetDriverConformance('the perfmet contract', {
    reset: truncate,
    async open(contractTime, tuning) {
      return new PostgresPerfmetDriver(pgSettings(schema, { ...tuning }), driverEnv(contractTime));
    },
  });

  describe('beyond the contract', () => {
    beforeEach(async () => {
      await truncate();
      driver = open();
    });
    afterEach(() => driver.close());

    it('creates the original tables with the lake’s failures column', async () => {
      const columns = await adminQuery<{ table_name: string; column_name: string; data_type: string; column_default: string | null }>(
        `SELECT table_name, column_name, data_type, column_default FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
        [schema],
      );
      const describe = (table: string) => columns.filter((column) => column.table_name === table).map((column) => `${column.column_name} ${column.data_type}`);
      expect(describe('etl_perfmet_job')).toEqual([
        'id integer',
        'data_source character varying',
        'stage character varying',
        'seconds real',
        'records integer',
        'processing_date timestamp with time zone',
        'collection_start timestamp with time zone',
        'collection_end timestamp with time zone',
        'failures integer',
      ]);
      expect(columns.find((column) => column.column_name === 'failures')?.column_default).toBe('0');
      expect(describe('etl_perfmet_obs')).toEqual([
        'id integer',
        'data_source character varying',
        'sensor_name character varying',
        'data_type character varying',
        'data real',
        'expected real',
        'collection_date timestamp with time zone',
        'timestamp_min timestamp with time zone',
        'timestamp_max timestamp with time zone',
      ]);
    });

    describe('jobs', () => {
      it('works on a job table the original created, without the failures column', async () => {
        const original = uniqueSchemaName('perfmet_original');
        await adminQuery(`CREATE SCHEMA ${original}`);
        await adminQuery(`CREATE TABLE ${original}.etl_perfmet_job (
          id serial, data_source varchar NOT NULL, stage varchar NOT NULL, seconds real, records integer,
          processing_date timestamptz NOT NULL, collection_start timestamptz, collection_end timestamptz,
          PRIMARY KEY (processing_date, data_source, stage))`);
        const onOriginal = new PostgresPerfmetDriver(pgSettings(original), driverEnv(time));
        try {
          await onOriginal.writeJob(job({ failures: 3 }));
          await onOriginal.writeJob(job({ failures: 1, records: 94 }));
          expect(await collect(onOriginal.readJobs({}))).toEqual([job({ failures: 0, records: 94 })]);
        } finally {
          await onOriginal.close();
          await dropSchema(original);
        }
      });

      it('says the job table is missing, and finds it once it has been created', async () => {
        const later = uniqueSchemaName('perfmet_later');
        const early = new PostgresPerfmetDriver(pgSettings(later), driverEnv(time));
        try {
          await expect(early.writeJob(job())).rejects.toMatchObject({ code: 'PERFMET_TABLE_MISSING' });
          await early.createSchema();
          await early.writeJob(job({ failures: 4 }));
          expect((await collect(early.readJobs({})))[0].failures).toBe(4);
        } finally {
          await early.close();
          await dropSchema(later);
        }
      });

      it('fails with PERFMET_UNREACHABLE without the password when the server is not there', async () => {
        const url = new URL(process.env.LAKE_TEST_PG_URL as string);
        url.port = '1';
        url.password = 'sekret-pw-44';
        const unreachable = new PostgresPerfmetDriver({ driver: 'postgres', connectionString: url.toString(), schema }, driverEnv(time));
        const failure = await unreachable.writeJob(job()).catch((error: unknown) => error);
        await unreachable.close();
        expect(failure).toMatchObject({ code: 'PERFMET_UNREACHABLE' });
        expect((failure as Error).message).not.toContain('sekret-pw-44');
        expect((failure as { hint: string }).hint).toContain('perfmet.connectionString');
      });
    });

    describe('observations', () => {
      it('stores dates as instants and reads raw timestamp text in the lake zone', async () => {
        await driver.writeObservations([
          observation('Lamar_Koenig', day('2020-03-04'), {
            timestampMin: time.parse('2020-03-03 23:58:41.300-06:00'),
            timestampMax: time.parse('2020-03-04T05:57:02Z'),
          }),
          observation('Reader_1', day('2020-03-04'), { dataSource: 'Bluetooth', timestampMin: '03/04/2020 12:01:02 AM', timestampMax: '' }),
          observation('Reader_2', day('2020-03-04'), { dataSource: 'Bluetooth', timestampMin: '2020-03-04 00:00:05', timestampMax: '2020-03-04 23:00:00-06:00' }),
        ]);
        const rows = await collect(driver.readObservations({}));
        const text = (value: Date | string | null) => (value instanceof Date ? time.format(value) : value);
        expect(rows.map((row) => [row.sensorName, text(row.timestampMin), text(row.timestampMax)])).toEqual([
          ['Lamar_Koenig', '2020-03-03 23:58:41.300000-06:00', '2020-03-03 23:57:02-06:00'],
          ['Reader_1', '2020-03-04 00:01:02-06:00', null],
          ['Reader_2', '2020-03-04 00:00:05-06:00', '2020-03-04 23:00:00-06:00'],
        ]);
      });

      it('writes all observations of one call or none', async () => {
        await expect(
          driver.writeObservations([observation('A', day('2020-03-04')), observation('B', day('2020-03-04'), { timestampMin: 'not a time' })]),
        ).rejects.toMatchObject({ code: 'PERFMET_QUERY_FAILED' });
        expect(await collect(driver.readObservations({}))).toEqual([]);
      });
    });
  });
});
