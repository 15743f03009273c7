import { runStage, type RunOptions } from '@lake/core';
import { BASE, count, countsFile } from '../aggregate/test-support/counts-fixtures';
import { GsTestLake, READY } from '../test-support/gs-lake';
import { siteFile, ZONE_SB } from '../test-support/site-fixtures';
import { GridsmartReadyAgg } from './gs-ready-agg';

describe('gs:ready-agg', () => {
  let lake: GsTestLake;

  beforeEach(() => {
    lake = new GsTestLake(); // now: 2020-03-06 01:30 CST
  });

  afterEach(async () => {
    await lake.dispose();
  });

  async function aggregate(options: RunOptions = {}) {
    const result = await runStage(new GridsmartReadyAgg(), { lastRunDate: '0', ...options }, lake.lake);
    lake.advance(1);
    return result;
  }

  it('writes the aggregation file beside the counts file and catalogs it', async () => {
    await lake.storeJson(READY, BASE, 'counts.json', '2020-03-04', countsFile('2020-03-04', [
      count('2020-03-04 07:45:00.100000-06:00', { speed: 20 }),
      count('2020-03-04 07:50:00-06:00', { speed: 30, vehicle_length: 40 }),
      count('2020-03-04 07:59:00-06:00', { speed: 40 }),
      count('2020-03-04 08:00:00-06:00', { zone: ZONE_SB, turn: 'L' }),
    ]));
    const result = await aggregate();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(3);
    expect(await lake.catalogDays(READY)).toEqual([`${BASE} agg15.json 2020-03-04`, `${BASE} counts.json 2020-03-04`]);
    const [entry] = (await lake.catalogRows(READY)).filter((row) => row.ext === 'agg15.json');
    expect(entry.pointer).toBe(`2020/03/04/gs/${BASE}_gs_2020-03-04_agg15.json`);
    const file = lake.readEntry(entry);
    expect(file.header).toMatchObject({ collection_date: '2020-03-04 00:00:00-06:00', processing_date: '2020-03-06 01:30:00-06:00', agg_interval_sec: 900 });
    expect(file.data).toEqual([
      { timestamp: '2020-03-04 07:45:00-06:00', zone_approach: 'Northbound', turn: 'S', heavy_vehicle: 0, volume: 2, speed_avg: 30, speed_std: 14.142, seconds_in_zone_avg: 1.5, seconds_in_zone_std: 0 },
      { timestamp: '2020-03-04 07:45:00-06:00', zone_approach: 'Northbound', turn: 'S', heavy_vehicle: 1, volume: 1, speed_avg: 30, speed_std: 0, seconds_in_zone_avg: 1.5, seconds_in_zone_std: 0 },
      { timestamp: '2020-03-04 08:00:00-06:00', zone_approach: 'Southbound', turn: 'L', heavy_vehicle: 0, volume: 1, speed_avg: 30, speed_std: 0, seconds_in_zone_avg: 1.5, seconds_in_zone_std: 0 },
    ]);
    expect(file.site).toEqual(siteFile());
    expect(file.device).toMatchObject({ atd_device_id: 6548, reversed: false });
  });

  it('does nothing on a rerun; with force it aggregates the counts file again, never an aggregation file', async () => {
    await lake.storeJson(READY, BASE, 'counts.json', '2020-03-04', countsFile('2020-03-04', [count('2020-03-04 07:45:00-06:00')]));
    expect((await aggregate()).items).toBe(1);
    expect((await aggregate()).items).toBe(0);
    const forced = await aggregate({ force: true });
    expect(forced.items).toBe(1);
    expect(forced.records).toBe(1);
    expect(await lake.catalogDays(READY)).toEqual([`${BASE} agg15.json 2020-03-04`, `${BASE} counts.json 2020-03-04`]);
  });

  it('aggregates every counts file an interval has not covered yet (-a 5 beside agg15)', async () => {
    await lake.storeJson(READY, BASE, 'counts.json', '2020-03-04', countsFile('2020-03-04', [count('2020-03-04 07:46:00-06:00'), count('2020-03-04 07:51:00-06:00')]));
    await aggregate();
    const result = await aggregate({ agg: 5 });
    expect(result.records).toBe(2);
    const entry = (await lake.catalogRows(READY)).find((row) => row.ext === 'agg5.json')!;
    const file = lake.readEntry(entry);
    expect(file.header.agg_interval_sec).toBe(300);
    expect(file.data.map((row: { timestamp: string }) => row.timestamp)).toEqual(['2020-03-04 07:45:00-06:00', '2020-03-04 07:50:00-06:00']);
  });

  it('writes and catalogs a file with no rows for a day without counts', async () => {
    await lake.storeJson(READY, BASE, 'counts.json', '2020-03-04', countsFile('2020-03-04', []));
    const result = await aggregate();
    expect(result.failures).toEqual([]);
    const entry = (await lake.catalogRows(READY)).find((row) => row.ext === 'agg15.json')!;
    expect(lake.readEntry(entry).data).toEqual([]);
  });

  it('keeps the two passes through the repeated hour apart on the fall-back day', async () => {
    await lake.storeJson(READY, BASE, 'counts.json', '2019-11-03', countsFile('2019-11-03', [count('2019-11-03 01:20:00-05:00'), count('2019-11-03 01:20:00-06:00')]));
    await aggregate();
    const entry = (await lake.catalogRows(READY)).find((row) => row.ext === 'agg15.json')!;
    expect(lake.readEntry(entry).data.map((row: { timestamp: string }) => row.timestamp)).toEqual(['2019-11-03 01:15:00-05:00', '2019-11-03 01:15:00-06:00']);
  });

  it('fails a damaged counts file with its name, catalogs nothing for it and goes on', async () => {
    const broken = countsFile('2020-03-03', [count('2020-03-03 07:45:00-06:00')]) as Record<string, unknown>;
    delete broken.site;
    await lake.storeJson(READY, BASE, 'counts.json', '2020-03-03', broken);
    await lake.storeJson(READY, BASE, 'counts.json', '2020-03-04', countsFile('2020-03-04', [count('2020-03-04 07:45:00-06:00')]));
    const result = await aggregate();
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ code: 'INVALID_GS_COUNTS_FILE' });
    expect(result.failures[0].message).toContain(`2020/03/03/gs/${BASE}_gs_2020-03-03_counts.json is not a GRIDSMART counts file: it has no site file`);
    expect(await lake.catalogDays(READY)).toEqual([`${BASE} counts.json 2020-03-03`, `${BASE} agg15.json 2020-03-04`, `${BASE} counts.json 2020-03-04`]);
  });

  it('takes the heavy-vehicle threshold from sources.gs.heavyVehicleFeet', async () => {
    const configured = new GsTestLake({ config: { sources: { gs: { heavyVehicleFeet: 10 } } } });
    try {
      await configured.storeJson(READY, BASE, 'counts.json', '2020-03-04', countsFile('2020-03-04', [count('2020-03-04 07:45:00-06:00', { vehicle_length: 14 })]));
      await runStage(new GridsmartReadyAgg(), { lastRunDate: '0' }, configured.lake);
      const entry = (await configured.catalogRows(READY)).find((row) => row.ext === 'agg15.json')!;
      expect(configured.readEntry(entry).data[0].heavy_vehicle).toBe(1);
    } finally {
      await configured.dispose();
    }
  });

  it('refuses an interval that is not whole minutes above 0', async () => {
    await lake.storeJson(READY, BASE, 'counts.json', '2020-03-04', countsFile('2020-03-04', [count('2020-03-04 07:45:00-06:00')]));
    const result = await aggregate({ agg: 0 });
    expect(result.failures[0].message).toContain('--agg must be a whole number of minutes above 0, got 0');
    expect(await lake.catalogDays(READY)).toEqual([`${BASE} counts.json 2020-03-04`]);
  });
});
