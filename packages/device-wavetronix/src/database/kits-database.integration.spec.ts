// Runs wt:insert against a real SQL Server when LAKE_TEST_MSSQL_URL is set, e.g.
// `mssql://sa:Passw0rd!@localhost:1433/master?encrypt=false`. It creates two tables named like the
// KITS tables (in the URL's database, removed afterwards) and checks the day CSVs. Skipped
// otherwise: the unit tests use a double of the driver.
import * as mssql from 'mssql';
import { randomBytes } from 'node:crypto';
import { runStage } from '@lake/core';
import { RAW, WtTestLake } from '../test-support/wt-lake';
import { WavetronixInsert } from '../stages/wt-insert';
import { databaseSettingsFromUrl, mssqlConfig } from './database-settings';

const url = process.env.LAKE_TEST_MSSQL_URL;
const describeWithServer = url ? describe : describe.skip;

describeWithServer('wt:insert against a real SQL Server (LAKE_TEST_MSSQL_URL)', () => {
  const suffix = randomBytes(4).toString('hex');
  const historyTable = `dbo.lake_wt_history_${suffix}`;
  const detectorTable = `dbo.lake_wt_detectors_${suffix}`;
  let pool: mssql.ConnectionPool;

  beforeAll(async () => {
    pool = await new mssql.ConnectionPool(mssqlConfig(databaseSettingsFromUrl(url as string))).connect();
    await pool.request().batch(`
      CREATE TABLE ${historyTable} (DETID int, CURDATETIME datetime, VOLUME int NULL, OCCUPANCY int, SPEED int, STATUS varchar(20),
        UPLOADSUCCESS int, DETCOUNTCOMPARISON int, DAILYCUMULATIVE int);
      CREATE TABLE ${detectorTable} (DETID int, INTID int, INTNAME varchar(60), DETNAME varchar(30));
      INSERT INTO ${detectorTable} VALUES (2, 1, 'LAMARMANCHACA', 'NB_in'), (7, 4, 'BURNET, RUTLAND', 'EB "in"');
      INSERT INTO ${historyTable} VALUES
        (2, CONVERT(datetime, '2019-11-02T23:45:00', 126), 7, 2, 35, 'Working', 100, 1, 7),
        (7, CONVERT(datetime, '2019-11-02T08:00:00', 126), NULL, 2, 35, 'Working', 100, 1, 0),
        (2, CONVERT(datetime, '2019-11-03T01:15:00', 126), 4, 2, 35, 'Working', 100, 1, 4),
        (2, CONVERT(datetime, '2019-11-04T00:00:00', 126), 1, 2, 35, 'Working', 100, 1, 1);`);
  });

  afterAll(async () => {
    await pool?.request().batch(`DROP TABLE IF EXISTS ${historyTable}; DROP TABLE IF EXISTS ${detectorTable};`);
    await pool?.close();
  });

  it('lists the days, streams each into the raw CSV, and does nothing on a rerun', async () => {
    const database = { ...databaseSettingsFromUrl(url as string), historyTable, detectorTable };
    const lake = new WtTestLake({ config: { sources: { wt: { database } } } });
    try {
      const result = await runStage(new WavetronixInsert(), { startDate: '2019-11-02', endDate: '2019-11-04' }, lake.lake);
      expect(result.failures).toEqual([]);
      expect(await lake.catalogDays(RAW)).toEqual(['csv 2019-11-02', 'csv 2019-11-03']);
      expect(lake.readStored(RAW, '2019/11/02/wt/Austin_wt_2019-11-02.csv')).toBe(
        'detID,intID,curDateTime,intName,detName,volume,occupancy,speed,status,uploadSuccess,detCountComparison,dailyCumulative\r\n' +
          '7,4,2019-11-02 08:00:00,"BURNET, RUTLAND","EB ""in""",,2,35,Working,100,1,0\r\n' +
          '2,1,2019-11-02 23:45:00,LAMARMANCHACA,NB_in,7,2,35,Working,100,1,7\r\n',
      );
      lake.advance(1);
      expect((await runStage(new WavetronixInsert(), { startDate: '2019-11-02', endDate: '2019-11-04' }, lake.lake)).records).toBe(0);
    } finally {
      await lake.dispose();
    }
  });
});
