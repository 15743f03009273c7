import fs from 'node:fs';
import path from 'node:path';
import { runStage } from '@lake/core';
import { BluetoothInsert } from './bt-insert';
import { AWAM_LINES, awamDays, awamFileName, removeFolder, tempFolder, writeFiles } from '../test-support/awam-files';
import { AwamTestLake } from '../test-support/awam-lake';

const RAW = 'atd-datalake-raw';

describe('bt:insert', () => {
  let lake: AwamTestLake;
  let share: string;

  beforeEach(() => {
    lake = new AwamTestLake(); // now: 2019-06-10 03:00 CDT
    share = tempFolder();
  });

  afterEach(async () => {
    await lake.dispose();
    removeFolder(share);
  });

  const insert = (options: Record<string, unknown> = {}) => runStage(new BluetoothInsert(), { lastRunDate: '0', sourcedir: share, ...options }, lake.lake);

  it('picks the three AWAM file types of each day and ignores every other name', async () => {
    writeFiles(share, {
      ...awamDays(['2019-06-01']),
      'Austin_bt_6-2-2019.txt': `${AWAM_LINES.unmatched}\n`, // unpadded: accepted
      'Austin_bt_summary_15_6-2-2019.txt': `${AWAM_LINES.traf_match_summary}\n`,
      'Austin_bt_02-30-2019.txt': 'no such day',
      'Austin_bt_06-03-2019.TXT': 'upper-case extension',
      'Austin_bt_06-04-2019.txt/inner.txt': 'a folder named like a data file',
      'sub/Austin_bt_06-05-2019.txt': 'in a sub-folder',
      'Austin_bt_06-06-2019.csv': 'wrong extension',
      'Other_bt_06-07-2019.txt': 'another area',
    });
    const result = await insert();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(5);
    expect(await lake.catalogDays(RAW)).toEqual([
      'matched.txt 2019-06-01',
      'traf_match_summary.txt 2019-06-01',
      'unmatched.txt 2019-06-01',
      'traf_match_summary.txt 2019-06-02',
      'unmatched.txt 2019-06-02',
    ]);
  });

  it('stores each file byte for byte under the lake key, in date then type order', async () => {
    const content = Buffer.concat([Buffer.from(`${AWAM_LINES.matched}\r\n`), Buffer.from([0xff, 0x00, 0x0d])]);
    writeFiles(share, { ...awamDays(['2019-06-02', '2019-06-01']), 'Austin_btmatch_07-08-2018.txt': content });
    await insert();
    expect(lake.readBytes(RAW, '2018/07/08/bt/Austin_bt_2018-07-08_matched.txt').equals(content)).toBe(true);
    const rows = await lake.catalogRows(RAW);
    expect(rows[0]).toMatchObject({
      repository: RAW,
      dataSource: 'bt',
      base: 'Austin',
      ext: 'matched.txt',
      pointer: '2018/07/08/bt/Austin_bt_2018-07-08_matched.txt',
    });
    expect(lake.lake.time.format(rows[0].collectionDate)).toBe('2018-07-08 00:00:00-05:00');
    const order = lake.log.lines.filter((line) => line.includes(' -> ')).map((line) => line.slice(line.lastIndexOf('/') + 1));
    expect(order).toEqual([
      'Austin_bt_2018-07-08_matched.txt',
      'Austin_bt_2019-06-01_unmatched.txt',
      'Austin_bt_2019-06-01_matched.txt',
      'Austin_bt_2019-06-01_traf_match_summary.txt',
      'Austin_bt_2019-06-02_unmatched.txt',
      'Austin_bt_2019-06-02_matched.txt',
      'Austin_bt_2019-06-02_traf_match_summary.txt',
    ]);
    expect(lake.log.text()).toContain(`${path.join(share, 'Austin_btmatch_07-08-2018.txt')} -> ${RAW}:2018/07/08/bt/Austin_bt_2018-07-08_matched.txt`);
  });

  it('keeps one of two names for the same date and says so', async () => {
    writeFiles(share, { 'Austin_bt_06-01-2019.txt': 'padded\n', 'Austin_bt_6-1-2019.txt': 'unpadded\n' });
    const result = await insert();
    expect(result.records).toBe(1);
    expect(lake.log.text()).toMatch(/Duplicate match found for file Austin_bt_(06-01|6-1)-2019\.txt/);
  });

  it('stages catalog rows and commits them per date', async () => {
    writeFiles(share, awamDays(['2019-06-01', '2019-06-02']));
    const seen: string[] = [];
    class WatchedInsert extends BluetoothInsert {
      override async processItem(...args: Parameters<BluetoothInsert['processItem']>): Promise<number> {
        seen.push(`${lake.lake.time.calendarDate(args[0].date)} ${args[0].ext}: ${(await lake.catalogRows(RAW)).length} rows`);
        return super.processItem(...args);
      }
    }
    await runStage(new WatchedInsert(), { lastRunDate: '0', sourcedir: share }, lake.lake);
    expect(seen).toEqual([
      '2019-06-01 unmatched.txt: 0 rows',
      '2019-06-01 matched.txt: 0 rows',
      '2019-06-01 traf_match_summary.txt: 0 rows',
      '2019-06-02 unmatched.txt: 3 rows',
      '2019-06-02 matched.txt: 3 rows',
      '2019-06-02 traf_match_summary.txt: 3 rows',
    ]);
    const rows = await lake.catalogRows(RAW);
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(fs.existsSync(lake.stored(RAW, row.pointer))).toBe(true);
  });

  it('skips what the raw catalog has, re-stores with force, and leaves today alone unless -e', async () => {
    writeFiles(share, awamDays(['2019-06-01']));
    expect((await insert()).records).toBe(3);
    lake.advance(1);
    writeFiles(share, { [awamFileName('matched', '2019-06-01')]: 'changed\n' });
    expect((await insert()).records).toBe(0);
    lake.advance(1);
    expect((await insert({ force: true })).records).toBe(3);
    expect(lake.readStored(RAW, '2019/06/01/bt/Austin_bt_2019-06-01_matched.txt')).toBe('changed\n');

    writeFiles(share, awamDays(['2019-06-10'])); // today
    lake.advance(1);
    expect((await insert()).records).toBe(0);
    lake.advance(1);
    expect((await insert({ endDate: '2019-06-11' })).records).toBe(3);
    expect(await lake.catalogDays(RAW)).toContain('unmatched.txt 2019-06-10');
  });

  it('records a perfmet job with the collection window of the stored days', async () => {
    writeFiles(share, awamDays(['2019-06-01', '2019-06-02']));
    await insert();
    const driver = await lake.lake.perfmetDriver();
    const jobs = [];
    for await (const job of driver.readJobs({ stage: 'Ingest' })) jobs.push(job);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ dataSource: 'Bluetooth', records: 6 });
    expect(lake.lake.time.format(jobs[0].collectionStart!)).toBe('2019-06-01 00:00:00-05:00');
    expect(lake.lake.time.format(jobs[0].collectionEnd!)).toBe('2019-06-03 00:00:00-05:00');
  });

  it('uses the configured area base in the patterns and the lake names', async () => {
    const other = new AwamTestLake({ config: { areaBase: 'Round_Rock' } });
    try {
      writeFiles(share, { ...awamDays(['2019-06-01'], 'Round_Rock'), ...awamDays(['2019-06-02']) });
      const result = await runStage(new BluetoothInsert(), { lastRunDate: '0', sourcedir: share }, other.lake);
      expect(result.records).toBe(3);
      expect((await other.catalogRows(RAW)).map((row) => row.pointer)).toContain('2019/06/01/bt/Round_Rock_bt_2019-06-01_unmatched.txt');
    } finally {
      await other.dispose();
    }
  });
});
