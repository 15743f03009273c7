// The catalog contract (@lake/testing's conformance suite) on the postgrest driver, over a real
// PostgreSQL behind the PostgREST double, plus what is PostgREST's own. Request shapes:
// postgrest-catalog-requests.spec.ts; row mapping: postgrest-catalog-rows.spec.ts.
import { describeCatalogDriverConformance } from '@lake/testing';
import type { PostgrestCatalogDriver } from './postgrest-catalog-driver';
import { PostgrestDouble } from './test-support/postgrest-double';
import { catalogDriver, collect, day, describePg, entry, TOKEN } from './test-support/fixtures';

describePg('PostgrestCatalogDriver', () => {
  let double: PostgrestDouble;
  const truncate = async () => {
    await double.sql('TRUNCATE data_lake_cat_new');
  };

  beforeAll(async () => {
    double = await PostgrestDouble.start({ jwt: TOKEN });
  });
  afterAll(() => double.stop());

  // PostgREST pages with limit/offset as the original did, so a row written before the reader's
  // position during a read shifts the pages (a repeat); see README.
  describeCatalogDriverConformance(
    'the catalog contract',
    {
      reset: truncate,
      async open(contractTime, tuning) {
        return catalogDriver(double, { ...tuning }, { time: contractTime });
      },
    },
    { pagesSurviveConcurrentWrites: false },
  );

  describe('beyond the contract', () => {
    let driver: PostgrestCatalogDriver;
    const base = { repository: 'atd-datalake-raw', dataSource: 'bt' };

    beforeEach(async () => {
      await truncate();
      driver = catalogDriver(double);
    });
    afterEach(() => driver.close());

    it('fills repository and data source from the query (the original does not select them)', async () => {
      await driver.upsert([entry('Austin', 'json', day('2020-09-13'))]);
      const [row] = await collect(driver.query({ ...base, limit: 1 }));
      expect(row).toMatchObject({ repository: 'atd-datalake-raw', dataSource: 'bt' });
    });

    it('reads without a token what a driver with one wrote', async () => {
      await driver.upsert([entry('Austin', 'json', day('2020-09-13'))]);
      const anonymous = catalogDriver(double, { token: undefined });
      expect(await collect(anonymous.query(base))).toHaveLength(1);
      await anonymous.close();
    });
  });
});
