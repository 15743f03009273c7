// The perfmet contract (@lake/testing's conformance suite) on the embedded SQLite file, plus what
// is SQLite's own: timestamp text kept as written, and one file shared with the catalog.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collect, describePerfmetDriverConformance, perfmetFixtures } from '@lake/testing';
import { SqliteCatalogDriver } from '../catalog/sqlite-catalog-driver';
import { LakeTime } from '../time/lake-time';
import { SqlitePerfmetDriver } from './sqlite-perfmet-driver';

let dir: string;
const lakeFile = () => path.join(dir, 'lake.sqlite');
const freshFile = {
  async reset() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-perfmet-'));
  },
  async close() {
    fs.rmSync(dir, { recursive: true, force: true });
  },
};

describePerfmetDriverConformance('SqlitePerfmetDriver', {
  ...freshFile,
  async open(time, tuning) {
    // The suite's LakeTime is @lake/core's build; the driver's source wants its own class.
    return SqlitePerfmetDriver.open(lakeFile(), new LakeTime(time.zone, () => time.now()), tuning);
  },
});

describe('SqlitePerfmetDriver on the lake file', () => {
  const time = new LakeTime('America/Chicago', () => new Date('2020-03-05T10:00:00Z'));
  const { day, job, observation } = perfmetFixtures(time);
  let driver: SqlitePerfmetDriver;

  beforeEach(async () => {
    await freshFile.reset();
    driver = SqlitePerfmetDriver.open(lakeFile(), time);
  });
  afterEach(async () => {
    await driver.close();
    await freshFile.close();
  });

  it('writes dates as PyStr text and keeps text as written', async () => {
    await driver.writeObservations([
      observation('Lamar_Koenig', day('2020-03-04'), { timestampMin: time.parse('2020-03-03 23:58:41.300-06:00'), timestampMax: time.parse('2020-03-04T05:57:02Z') }),
      observation('Reader_1', day('2020-03-04'), { dataSource: 'Bluetooth', timestampMin: '03/04/2020 12:01:02 AM', timestampMax: '' }),
    ]);
    const rows = await collect(driver.readObservations({}));
    expect(rows.map((row) => [row.sensorName, row.timestampMin, row.timestampMax])).toEqual([
      ['Lamar_Koenig', '2020-03-03 23:58:41.300000-06:00', '2020-03-03 23:57:02-06:00'],
      ['Reader_1', '03/04/2020 12:01:02 AM', ''],
    ]);
  });

  it('replaces the text of an observation with the text written last', async () => {
    await driver.writeObservations([observation('Lamar_Koenig', day('2020-03-04'), { data: 1, timestampMin: 'first' })]);
    await driver.writeObservations([observation('Lamar_Koenig', day('2020-03-04'), { data: 2, timestampMin: 'x' })]);
    const rows = await collect(driver.readObservations({}));
    expect(rows.map((row) => [row.data, row.timestampMin])).toEqual([[2, 'x']]);
  });

  it('shares its database file with the catalog', async () => {
    const catalog = SqliteCatalogDriver.open(lakeFile(), time);
    await catalog.upsert([
      { repository: 'atd-datalake-raw', dataSource: 'gs', base: 'Austin', ext: 'json', pointer: 'p', collectionDate: day('2020-03-04') },
    ]);
    await driver.writeJob(job());
    expect(await collect(catalog.query({ repository: 'atd-datalake-raw', dataSource: 'gs' }))).toHaveLength(1);
    expect(await collect(driver.readJobs({}))).toHaveLength(1);
    await catalog.close();
  });
});
