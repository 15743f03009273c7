import fs from 'node:fs';
import path from 'node:path';
import { runStage, type RunOptions } from '@lake/core';
import { aggregateRow, BASE, count, countsFile } from '../aggregate/test-support/counts-fixtures';
import { GsTestLake, PUBLIC, READY } from '../test-support/gs-lake';
import { siteFile, ZONE_SB } from '../test-support/site-fixtures';
import { GridsmartPublish } from './gs-publish';
import { GridsmartReadyAgg } from './gs-ready-agg';

const DATASET = 'sh59-i6y9';
const HEADER = 'atd_device_id,read_date,intersection_name,direction,movement,heavy_vehicle,volume,speed_average,speed_stddev,seconds_in_zone_average,seconds_in_zone_stddev,month,day,year,hour,minute,day_of_week,bin_duration,record_id';

describe('gs:publish', () => {
  let lake: GsTestLake;

  beforeEach(() => {
    lake = new GsTestLake(); // now: 2020-03-06 01:30 CST
  });

  afterEach(async () => {
    await lake.dispose();
  });

  async function run(stage: GridsmartReadyAgg | GridsmartPublish, options: RunOptions = {}) {
    const result = await runStage(stage, { lastRunDate: '0', ...options }, lake.lake);
    lake.advance(1);
    return result;
  }

  const aggregate = (options: RunOptions = {}) => run(new GridsmartReadyAgg(), options);
  const publish = (options: RunOptions = {}) => run(new GridsmartPublish(), options);
  const csvLines = () => lake.publishedCsv(DATASET).trim().split('\r\n');
  const csvRows = () => csvLines().slice(1).map((line) => line.split(','));

  /** A stored aggregation file, as gs:ready-agg writes it. */
  const storeAggregation = (day: string, data: Record<string, unknown>[], device: unknown = { atd_device_id: 6548, primary_st: 'LAMAR BLVD', cross_st: 'KOENIG LN' }) =>
    lake.storeJson(READY, BASE, 'agg15.json', day, { header: { data_type: 'gridsmart', agg_interval_sec: 900 }, data, site: siteFile(), device });

  it('publishes the aggregations of ready counts to Camera Traffic Counts and records each file', async () => {
    await lake.storeJson(READY, BASE, 'counts.json', '2020-03-04', countsFile('2020-03-04', [
      count('2020-03-04 07:45:00-06:00', { speed: 20, seconds_in_zone: 1 }),
      count('2020-03-04 07:50:00-06:00', { speed: 30, seconds_in_zone: 2 }),
      count('2020-03-04 08:00:00-06:00', { zone: ZONE_SB, turn: 'L', vehicle_length: 30, speed: null }),
    ]));
    await aggregate();
    const result = await publish();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(2);
    expect(csvLines()).toEqual([
      HEADER,
      // record_id: md5("LAMAR BLVD / KOENIG LN2020-03-04T07:45:00FalseNORTHBOUNDTHRU") by Python's hashlib
      '6548,2020-03-04T07:45:00,LAMAR BLVD / KOENIG LN,NORTHBOUND,THRU,false,2,25,7.071,1.5,0.707,3,4,2020,7,45,3,900,9e15324d8cfdc19ff175648b3ef08216',
      // md5("LAMAR BLVD / KOENIG LN2020-03-04T08:00:00TrueSOUTHBOUNDLEFT TURN"): True as Python spelled it
      '6548,2020-03-04T08:00:00,LAMAR BLVD / KOENIG LN,SOUTHBOUND,LEFT TURN,true,1,,0,1.5,0,3,4,2020,8,0,3,900,8066c45f113fb4ddb13a6dae40b54cf9',
    ]);
    const [entry] = await lake.catalogRows(PUBLIC);
    expect(entry).toMatchObject({ repository: PUBLIC, dataSource: 'gs', base: BASE, ext: 'agg15.json', pointer: DATASET });
    expect(lake.lake.time.format(entry.collectionDate)).toBe('2020-03-04 00:00:00-06:00');
  });

  it('does nothing on a rerun; with force it replaces the rows by record_id instead of adding them', async () => {
    await storeAggregation('2020-03-04', [aggregateRow(), aggregateRow({ zone_approach: 'Southbound' })]);
    await storeAggregation('2020-03-05', [aggregateRow({ timestamp: '2020-03-05 07:45:00-06:00' })]);
    expect((await publish()).records).toBe(3);
    const first = csvLines();
    expect((await publish()).items).toBe(0);
    const forced = await publish({ force: true });
    expect(forced.items).toBe(2);
    expect(forced.records).toBe(3);
    expect(csvLines()).toHaveLength(4);
    expect(csvLines()).toEqual(first);
    expect(await lake.catalogDays(PUBLIC)).toEqual([`${BASE} agg15.json 2020-03-04`, `${BASE} agg15.json 2020-03-05`]);
  });

  it('skips a file without device information: nothing published, not recorded, looked at again next run', async () => {
    await storeAggregation('2020-03-04', [aggregateRow()], []);
    const result = await publish();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(0);
    expect(lake.log.text()).toContain(`${BASE}_gs_2020-03-04_agg15.json: no device information; nothing published`);
    expect(fs.existsSync(path.join(lake.home, 'publish', `${DATASET}.csv`))).toBe(false);
    expect(await lake.catalogRows(PUBLIC)).toEqual([]);
    expect((await publish()).items).toBe(1);
  });

  it('publishes Unassigned approaches with a counted warning, and leaves them out with --no_unassigned', async () => {
    await storeAggregation('2020-03-04', [aggregateRow(), aggregateRow({ zone_approach: 'Unassigned' }), aggregateRow({ zone_approach: 'Unassigned', turn: 'R' })]);
    expect((await publish()).records).toBe(3);
    expect(lake.log.text()).toContain('Unassigned approach: row published as UNASSIGNED (2 rows)');
    expect(csvRows().map((row) => row[3])).toEqual(['NORTHBOUND', 'UNASSIGNED', 'UNASSIGNED']);

    const other = new GsTestLake();
    try {
      await other.storeJson(READY, BASE, 'agg15.json', '2020-03-04', { header: {}, data: [aggregateRow(), aggregateRow({ zone_approach: 'Unassigned' })], site: siteFile(), device: { atd_device_id: 1, primary_st: 'A', cross_st: 'B' } });
      const result = await runStage(new GridsmartPublish(), { lastRunDate: '0', no_unassigned: true }, other.lake);
      expect(result.records).toBe(1);
      expect(other.publishedCsv(DATASET).trim().split('\r\n')).toHaveLength(2);
    } finally {
      await other.dispose();
    }
  });

  it('publishes both passes through the repeated hour as separate rows', async () => {
    await lake.storeJson(READY, BASE, 'counts.json', '2019-11-03', countsFile('2019-11-03', [count('2019-11-03 01:20:00-05:00'), count('2019-11-03 01:20:00-06:00')]));
    await aggregate();
    expect((await publish()).records).toBe(2);
    const rows = csvRows();
    expect(rows.map((row) => row[1])).toEqual(['2019-11-03T01:15:00', '2019-11-03T01:15:00']);
    expect(new Set(rows.map((row) => row.at(-1))).size).toBe(2);
    expect(lake.log.text()).toContain('1 rows of the first pass through the repeated hour got record ids with their offset');
  });

  it('sends more than 10 000 rows of a file in chunks of 10 000', async () => {
    // One row a minute for a week: 10 080 distinct record ids.
    const start = Date.parse('2020-03-04T06:00:00Z');
    const data = Array.from({ length: 10_080 }, (_, minute) => aggregateRow({ timestamp: lake.lake.time.format(new Date(start + minute * 60_000)) }));
    await storeAggregation('2020-03-04', data);
    const result = await publish();
    expect(result.records).toBe(10_080);
    expect(csvLines()).toHaveLength(10_081);
    expect(lake.log.text()).toContain('(At Row 0) writing 10000 rows.');
    expect(lake.log.text()).toContain('(At Row 10000) writing 80 rows.');
  });

  it('sends and records nothing when simulating', async () => {
    await storeAggregation('2020-03-04', [aggregateRow()]);
    const result = await publish({ simulate: true });
    expect(result.records).toBe(1);
    expect(fs.existsSync(path.join(lake.home, 'publish', `${DATASET}.csv`))).toBe(false);
    expect(await lake.catalogRows(PUBLIC)).toEqual([]);
    expect(lake.log.text()).toContain(`Simulation mode: would have written 1 rows to ${DATASET}.`);
  });

  it('publishes the aggregation files of the interval asked for (-a 5), with its bin duration', async () => {
    await storeAggregation('2020-03-04', [aggregateRow()]);
    await lake.storeJson(READY, BASE, 'agg5.json', '2020-03-04', { header: {}, data: [aggregateRow({ timestamp: '2020-03-04 07:50:00-06:00' })], site: siteFile(), device: { atd_device_id: 6548, primary_st: 'LAMAR BLVD', cross_st: 'KOENIG LN' } });
    expect((await publish({ agg: 5 })).records).toBe(1);
    expect(csvRows().map((row) => `${row[1]} ${row[17]}`)).toEqual(['2020-03-04T07:50:00 300']);
    expect((await publish()).records).toBe(1);
    expect(await lake.catalogDays(PUBLIC)).toEqual([`${BASE} agg15.json 2020-03-04`, `${BASE} agg5.json 2020-03-04`]);
  });
});
