import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runStage, type RunOptions } from '@lake/core';
import { PUBLIC, standardizedRow, storeReady, WtTestLake } from '../test-support/wt-lake';
import { WavetronixPublish } from './wt-publish';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const readyRow = (detID: number, curDateTime: string, overrides: Record<string, unknown> = {}) => ({ ...standardizedRow(detID, 1, curDateTime, { intName: 'LAMARMANCHACA', ...overrides }), device_id: 'abc' });

describe('wt:publish', () => {
  let lake: WtTestLake;

  beforeEach(() => {
    lake = new WtTestLake(); // now: 2019-11-06 03:30 CST
  });

  afterEach(async () => {
    await lake.dispose();
  });

  async function publish(options: RunOptions = {}, test = lake) {
    const result = await runStage(new WavetronixPublish(), { lastRunDate: '0', ...options }, test.lake);
    test.advance(1);
    return result;
  }

  const csvLines = (dataset = 'i626-g7ub', test = lake) => test.publishedCsv(dataset).trim().split('\r\n');

  it('sends every ready row to Radar Traffic Counts and records the day in the public catalog', async () => {
    await storeReady(lake, '2019-11-02', [readyRow(2, '2019-11-02 23:53:00-05:00'), readyRow(3, '2019-11-02 23:53:00-05:00', { detName: 'SB' })]);
    const result = await publish();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(2);
    expect(csvLines()).toEqual([
      'detid,int_id,curdatetime,intname,detname,volume,occupancy,speed,month,day,year,hour,minute,day_of_week,timebin,direction,row_id',
      `2,1,2019-11-02T23:53:00,LAMARMANCHACA,NB_in,19,0,34,11,2,2019,23,53,6,00:00,NB,${md5('LAMARMANCHACA2019-11-02T23:53:002')}`,
      `3,1,2019-11-02T23:53:00,LAMARMANCHACA,SB,19,0,34,11,2,2019,23,53,6,00:00,SB,${md5('LAMARMANCHACA2019-11-02T23:53:003')}`,
    ]);
    const [entry] = await lake.catalogRows(PUBLIC);
    expect(entry).toMatchObject({ repository: PUBLIC, dataSource: 'wt', base: 'Austin', ext: 'json', pointer: 'i626-g7ub' });
    expect(lake.lake.time.format(entry.collectionDate)).toBe('2019-11-02 00:00:00-05:00');
    expect(lake.log.text()).toContain('2019/11/02/wt/Austin_wt_2019-11-02.json: atd-datalake-ready -> i626-g7ub');
  });

  it('publishes both passes through the repeated hour as separate rows', async () => {
    await storeReady(lake, '2019-11-03', [readyRow(2, '2019-11-03 01:15:00-05:00'), readyRow(2, '2019-11-03 01:15:00-06:00')]);
    await publish();
    const ids = csvLines().slice(1).map((line) => line.split(',').at(-1));
    expect(ids).toEqual([md5('LAMARMANCHACA2019-11-03T01:15:002-05:00'), md5('LAMARMANCHACA2019-11-03T01:15:002')]);
  });

  it('does nothing on a rerun; with force it replaces the rows by row_id instead of adding them', async () => {
    await storeReady(lake, '2019-11-02', [readyRow(2, '2019-11-02 08:00:00-05:00')]);
    await storeReady(lake, '2019-11-04', [readyRow(2, '2019-11-04 08:00:00-06:00')]);
    expect((await publish()).records).toBe(2);
    expect((await publish()).items).toBe(0);
    expect((await publish({ force: true })).records).toBe(2);
    expect(csvLines()).toHaveLength(3);
    expect(await lake.catalogDays(PUBLIC)).toEqual(['json 2019-11-02', 'json 2019-11-04']);
  });

  it('publishes only ready files with ext json', async () => {
    await storeReady(lake, '2019-11-02', [readyRow(2, '2019-11-02 08:00:00-05:00')], 'old.json');
    expect((await publish()).items).toBe(0);
  });

  it('sends to the dataset configured in sources.wt.dataset', async () => {
    const other = new WtTestLake({ config: { sources: { wt: { dataset: 'test-wt01' } } } });
    try {
      await storeReady(other, '2019-11-02', [readyRow(2, '2019-11-02 08:00:00-05:00')]);
      await publish({}, other);
      expect(csvLines('test-wt01', other)).toHaveLength(2);
      expect((await other.catalogRows(PUBLIC))[0].pointer).toBe('test-wt01');
    } finally {
      await other.dispose();
    }
  });

  it('sends and records nothing when simulating', async () => {
    await storeReady(lake, '2019-11-02', [readyRow(2, '2019-11-02 08:00:00-05:00')]);
    const result = await publish({ simulate: true });
    expect(result.records).toBe(1);
    expect(fs.existsSync(path.join(lake.home, 'publish', 'i626-g7ub.csv'))).toBe(false);
    expect(await lake.catalogRows(PUBLIC)).toEqual([]);
    expect(lake.log.text()).toContain('Simulation mode: would have written 1 rows to i626-g7ub.');
  });
});
