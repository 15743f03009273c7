import { createHash } from 'node:crypto';
import { runStage, type RunOptions } from '@lake/core';
import { radar, READY, standardizedRow, storeStandardized, storeUnitData, WtTestLake } from '../test-support/wt-lake';
import { WavetronixReady } from './wt-ready';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

describe('wt:ready', () => {
  let lake: WtTestLake;

  beforeEach(() => {
    lake = new WtTestLake(); // now: 2019-11-06 03:30 CST
  });

  afterEach(async () => {
    await lake.dispose();
  });

  async function ready(options: RunOptions = {}) {
    const result = await runStage(new WavetronixReady(), { lastRunDate: '0', ...options }, lake.lake);
    lake.advance(1);
    return result;
  }

  const readyFile = (day: string) => lake.readJson(READY, `${day.replace(/-/g, '/')}/wt/Austin_wt_${day}.json`);

  it('joins rows to radars on intID = kits_id, sorts them and embeds the radars used', async () => {
    await storeStandardized(lake, '2019-11-05', [
      standardizedRow(3, 1, '2019-11-05 00:15:00-06:00'),
      standardizedRow(2, 1, '2019-11-05 00:15:00-06:00'),
      standardizedRow(9, 4, '2019-11-05 00:00:00-06:00'),
    ]);
    await storeUnitData(lake, '2019-11-06', [radar(7), radar(4, { lat: 30, lon: null }), radar(1)]);
    const result = await ready();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(3);

    const file = readyFile('2019-11-05');
    expect(Object.keys(file)).toEqual(['header', 'data', 'devices']);
    expect(file.header).toEqual({
      data_type: 'wavetronix',
      origin_filename: 'Austin_wt_2019-11-05.csv',
      target_filename: 'Austin_wt_2019-11-05.json',
      collection_date: '2019-11-05 00:00:00-06:00',
      processing_date: '2019-11-06 03:30:00-06:00',
    });
    // lat has no gap (floats), lon has one (nan where missing): pandas' column types
    const id1 = md5('RADARNone10.9.8.130.1-97.8');
    const id4 = md5('RADARNone10.9.8.430.0nan');
    expect(file.data.map((row: Record<string, unknown>) => [row.detID, row.curDateTime, row.device_id])).toEqual([
      [9, '2019-11-05 00:00:00-06:00', id4],
      [2, '2019-11-05 00:15:00-06:00', id1],
      [3, '2019-11-05 00:15:00-06:00', id1],
    ]);
    expect(Object.keys(file.data[0])).toEqual(['detID', 'intID', 'curDateTime', 'intName', 'detName', 'volume', 'occupancy', 'speed', 'status', 'uploadSuccess', 'detCountComparison', 'dailyCumulative', 'device_id']);
    expect(file.devices.map((device: Record<string, unknown>) => [device.kits_id, device.device_id])).toEqual([
      [4, id4],
      [1, id1],
    ]);
    expect(Object.keys(file.devices[0]).at(-1)).toBe('device_id');
  });

  it('drops rows of intersections without a radar and says how many, per intID', async () => {
    await storeStandardized(lake, '2019-11-05', [standardizedRow(2, 1, '2019-11-05 00:15:00-06:00'), standardizedRow(5, 77, '2019-11-05 00:15:00-06:00'), standardizedRow(6, 77, '2019-11-05 00:30:00-06:00'), standardizedRow(8, null as unknown as number, '2019-11-05 00:30:00-06:00')]);
    await storeUnitData(lake, '2019-11-06', [radar(1), radar(null, { device_ip: '10.0.0.9' })]);
    const result = await ready();
    expect(result.records).toBe(1);
    expect(readyFile('2019-11-05').data.map((row: Record<string, unknown>) => row.detID)).toEqual([2]);
    expect(lake.log.text()).toContain('dropped 3 of 4 rows whose intersection has no radar in the unit data on 2019-11-05 (intID 77: 2, intID null: 1)');
  });

  it('joins a kits_id shared by two radars to one of them, the one not removed (W-3 fixed)', async () => {
    await storeStandardized(lake, '2019-11-05', [standardizedRow(2, 1, '2019-11-05 00:15:00-06:00')]);
    const removed = radar(1, { device_status: 'REMOVED', device_ip: '10.0.0.1' });
    const current = radar(1, { device_ip: '10.0.0.2' });
    await storeUnitData(lake, '2019-11-06', [removed, current]);
    await ready();
    const file = readyFile('2019-11-05');
    expect(file.data).toHaveLength(1);
    expect(file.data[0].device_id).toBe(md5('RADARNone10.0.0.230.1-97.8'));
    expect(file.devices.map((device: Record<string, unknown>) => device.device_ip)).toEqual(['10.0.0.2']);
    expect(lake.log.text()).toContain(`unit data lists 2 radars with kits_id 1; its rows are joined to device ${md5('RADARNone10.0.0.230.1-97.8')} only (not ${md5('RADARNone10.0.0.130.1-97.8')})`);
  });

  it('uses the unit data collected strictly after the day', async () => {
    await storeStandardized(lake, '2019-11-04', [standardizedRow(2, 1, '2019-11-04 00:15:00-06:00')]);
    await storeUnitData(lake, '2019-11-04', [radar(1, { device_ip: 'same-day' })]);
    await storeUnitData(lake, '2019-11-05', [radar(1, { device_ip: 'next-day' })]);
    await storeUnitData(lake, '2019-11-06', [radar(1, { device_ip: 'later' })]);
    await ready();
    expect(readyFile('2019-11-04').devices[0].device_ip).toBe('next-day');
  });

  it('fails the day clearly when there is no unit data at all', async () => {
    await storeStandardized(lake, '2019-11-05', [standardizedRow(2, 1, '2019-11-05 00:15:00-06:00')]);
    const result = await ready();
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ code: 'UNIT_DATA_MISSING', message: 'no Wavetronix unit data in atd-datalake-rawjson to describe the radars of 2019-11-05' });
    expect(await lake.catalogDays(READY)).toEqual([]);
  });

  it('puts the fall-back day in time order: the first pass through 1 AM before the second', async () => {
    await storeStandardized(lake, '2019-11-03', [
      standardizedRow(2, 1, '2019-11-03 01:00:00-05:00'),
      standardizedRow(2, 1, '2019-11-03 01:00:00-06:00'),
      standardizedRow(2, 1, '2019-11-03 01:45:00-06:00'),
      standardizedRow(2, 1, '2019-11-03 01:45:00-05:00'),
      standardizedRow(2, 1, '2019-11-03 02:00:00-06:00'),
    ]);
    await storeUnitData(lake, '2019-11-06', [radar(1)]);
    await ready();
    expect(readyFile('2019-11-03').data.map((row: Record<string, unknown>) => row.curDateTime)).toEqual([
      '2019-11-03 01:00:00-05:00',
      '2019-11-03 01:45:00-05:00',
      '2019-11-03 01:00:00-06:00',
      '2019-11-03 01:45:00-06:00',
      '2019-11-03 02:00:00-06:00',
    ]);
  });

  it('sorts a file that is not in time order, and says so', async () => {
    await storeStandardized(lake, '2019-11-05', [standardizedRow(2, 1, '2019-11-05 10:00:00-06:00'), standardizedRow(2, 1, '2019-11-05 09:00:00-06:00'), standardizedRow(1, 1, '2019-11-05 10:00:00-06:00')]);
    await storeUnitData(lake, '2019-11-06', [radar(1)]);
    await ready();
    expect(readyFile('2019-11-05').data.map((row: Record<string, unknown>) => `${row.curDateTime} ${row.detID}`)).toEqual([
      '2019-11-05 09:00:00-06:00 2',
      '2019-11-05 10:00:00-06:00 1',
      '2019-11-05 10:00:00-06:00 2',
    ]);
    expect(lake.log.text()).toContain('rows were not in time order; sorted in memory');
  });

  it('does nothing on a rerun, ignores the unit-data files as sources, and redoes the day with force', async () => {
    await storeStandardized(lake, '2019-11-05', [standardizedRow(2, 1, '2019-11-05 00:15:00-06:00')]);
    await storeUnitData(lake, '2019-11-06', [radar(1)]);
    expect((await ready()).items).toBe(1);
    const rerun = await ready();
    expect([rerun.items, rerun.records]).toEqual([0, 0]);
    expect((await ready({ force: true })).records).toBe(1);
    expect(await lake.catalogDays(READY)).toEqual(['json 2019-11-05']);
  });
});
