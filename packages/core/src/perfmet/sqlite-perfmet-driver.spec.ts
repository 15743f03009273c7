import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteCatalogDriver } from '../catalog/sqlite-catalog-driver';
import { LakeTime } from '../time/lake-time';
import type { PerfmetJob, PerfmetObservation } from './perfmet-driver';
import { SqlitePerfmetDriver } from './sqlite-perfmet-driver';

const time = new LakeTime('America/Chicago', () => new Date('2020-03-05T10:00:00Z'));
const day = (calendarDate: string): Date => time.dayStart(calendarDate);

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const row of rows) list.push(row);
  return list;
}

function job(more: Partial<PerfmetJob> = {}): PerfmetJob {
  return {
    dataSource: 'GRIDSMART',
    stage: 'Standardize',
    seconds: 412.77,
    records: 93,
    processingDate: time.parse('2020-03-05 04:00:00.512-06:00'),
    collectionStart: day('2020-02-04'),
    collectionEnd: day('2020-03-05'),
    failures: 0,
    ...more,
  };
}

function observation(sensorName: string, collectionDate: Date, more: Partial<PerfmetObservation> = {}): PerfmetObservation {
  return {
    dataSource: 'GRIDSMART',
    sensorName,
    dataType: 'Vehicle Counts',
    data: 18234,
    expected: null,
    collectionDate,
    timestampMin: null,
    timestampMax: null,
    ...more,
  };
}

describe('SqlitePerfmetDriver', () => {
  let dir: string;
  let file: string;
  let driver: SqlitePerfmetDriver;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-perfmet-'));
    file = path.join(dir, 'lake.sqlite');
    driver = SqlitePerfmetDriver.open(file, time);
  });
  afterEach(async () => {
    await driver.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('jobs', () => {
    it('round-trips a job, including failures and null collection dates', async () => {
      const written = [job(), job({ stage: 'Ingest', records: 0, collectionStart: null, collectionEnd: null, failures: 2 })];
      for (const row of written) await driver.writeJob(row);
      expect(await collect(driver.readJobs({}))).toEqual([written[1], written[0]]);
    });

    it('replaces a job with the same processing date, data source and stage', async () => {
      await driver.writeJob(job({ seconds: 1, records: 5 }));
      await driver.writeJob(job({ seconds: 2, records: 7, collectionStart: null }));
      await driver.writeJob(job({ processingDate: time.parse('2020-03-06 04:00:00-06:00'), records: 1 }));
      const rows = await collect(driver.readJobs({}));
      expect(rows.map((row) => [row.records, row.seconds, row.collectionStart])).toEqual([
        [7, 2, null],
        [1, 412.77, day('2020-02-04')],
      ]);
    });

    it('filters by data source, stage and processing day, ordered by processing date', async () => {
      await driver.writeJob(job({ processingDate: time.parse('2020-03-06 01:00:00-06:00') }));
      await driver.writeJob(job({ processingDate: time.parse('2020-03-05 23:00:00-06:00') }));
      await driver.writeJob(job({ processingDate: time.parse('2020-03-05 02:00:00-06:00'), stage: 'Ready' }));
      await driver.writeJob(job({ processingDate: time.parse('2020-03-05 03:00:00-06:00'), dataSource: 'Bluetooth' }));
      const ofDay = await collect(driver.readJobs({ from: day('2020-03-05'), to: day('2020-03-06') }));
      expect(ofDay.map((row) => time.format(row.processingDate))).toEqual([
        '2020-03-05 02:00:00-06:00',
        '2020-03-05 03:00:00-06:00',
        '2020-03-05 23:00:00-06:00',
      ]);
      expect(await collect(driver.readJobs({ dataSource: 'GRIDSMART', stage: 'Standardize' }))).toHaveLength(2);
    });

    it('reads past the page size', async () => {
      const paged = SqlitePerfmetDriver.open(file, time, { pageSize: 2 });
      for (let hour = 0; hour < 5; hour++) await paged.writeJob(job({ processingDate: new Date(day('2020-03-05').getTime() + hour * 3_600_000) }));
      expect(await collect(paged.readJobs({}))).toHaveLength(5);
      await paged.close();
    });
  });

  describe('observations', () => {
    it('writes dates as PyStr text and keeps text as written', async () => {
      await driver.writeObservations([
        observation('Lamar_Koenig', day('2020-03-04'), {
          timestampMin: time.parse('2020-03-03 23:58:41.300-06:00'),
          timestampMax: time.parse('2020-03-04T05:57:02Z'),
        }),
        observation('Reader_1', day('2020-03-04'), { dataSource: 'Bluetooth', timestampMin: '03/04/2020 12:01:02 AM', timestampMax: '' }),
      ]);
      const rows = await collect(driver.readObservations({}));
      expect(rows.map((row) => [row.sensorName, row.timestampMin, row.timestampMax])).toEqual([
        ['Lamar_Koenig', '2020-03-03 23:58:41.300000-06:00', '2020-03-03 23:57:02-06:00'],
        ['Reader_1', '03/04/2020 12:01:02 AM', ''],
      ]);
    });

    it('round-trips numbers and nulls', async () => {
      const written = observation('Lamar_Koenig', day('2020-03-04'), { data: 12.5, expected: 10 });
      await driver.writeObservations([written, observation('Lamar_Koenig', day('2020-03-05'), { data: null })]);
      const rows = await collect(driver.readObservations({}));
      expect(rows[0]).toEqual(written);
      expect(rows[1].data).toBeNull();
    });

    it('replaces an observation with the same day, data source, type and sensor', async () => {
      await driver.writeObservations([observation('Lamar_Koenig', day('2020-03-04'), { data: 1 })]);
      await driver.writeObservations([observation('Lamar_Koenig', day('2020-03-04'), { data: 2, timestampMin: 'x' })]);
      const rows = await collect(driver.readObservations({}));
      expect(rows.map((row) => [row.data, row.timestampMin])).toEqual([[2, 'x']]);
    });

    it('orders by data type, sensor, collection date and filters', async () => {
      await driver.writeObservations([
        observation('B', day('2020-03-04')),
        observation('A', day('2020-03-05')),
        observation('A', day('2020-03-04')),
        observation('A', day('2020-03-04'), { dataType: 'Approach Counts' }),
        observation('A', day('2020-03-04'), { dataSource: 'Wavetronix' }),
      ]);
      const rows = await collect(driver.readObservations({ dataSource: 'GRIDSMART' }));
      expect(rows.map((row) => `${row.dataType}/${row.sensorName}/${time.calendarDate(row.collectionDate)}`)).toEqual([
        'Approach Counts/A/2020-03-04',
        'Vehicle Counts/A/2020-03-04',
        'Vehicle Counts/A/2020-03-05',
        'Vehicle Counts/B/2020-03-04',
      ]);
      const window = await collect(driver.readObservations({ dataType: 'Vehicle Counts', from: day('2020-03-05'), to: day('2020-03-06') }));
      expect(window.map((row) => row.sensorName)).toEqual(['A']);
    });

    it('reads every row of a window larger than 1000 rows (perfmet defect 3)', async () => {
      const sensors = Array.from({ length: 150 }, (_, index) => `Sensor_${String(index).padStart(3, '0')}`);
      const days = Array.from({ length: 7 }, (_, index) => time.addDays(day('2020-03-01'), index));
      await driver.writeObservations(sensors.flatMap((sensor) => days.map((date) => observation(sensor, date))));
      const rows = await collect(driver.readObservations({ from: day('2020-03-01'), to: day('2020-03-08') }));
      expect(rows).toHaveLength(1050);
      expect(rows[1049].sensorName).toBe('Sensor_149');
    });

    it('writes nothing for an empty list', async () => {
      await driver.writeObservations([]);
      expect(await collect(driver.readObservations({}))).toEqual([]);
    });
  });

  it('shares its database file with the catalog', async () => {
    const catalog = SqliteCatalogDriver.open(file, time);
    await catalog.upsert([
      { repository: 'atd-datalake-raw', dataSource: 'gs', base: 'Austin', ext: 'json', pointer: 'p', collectionDate: day('2020-03-04') },
    ]);
    await driver.writeJob(job());
    expect(await collect(catalog.query({ repository: 'atd-datalake-raw', dataSource: 'gs' }))).toHaveLength(1);
    expect(await collect(driver.readJobs({}))).toHaveLength(1);
    await catalog.close();
  });
});
