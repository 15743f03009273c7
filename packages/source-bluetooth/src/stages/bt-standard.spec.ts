import fs from 'node:fs';
import { parseLakeJson, runStage, type RunOptions } from '@lake/core';
import { BluetoothInsert } from './bt-insert';
import { BluetoothStandard } from './bt-standard';
import { AWAM_LINES, awamDays, awamFileName, removeFolder, tempFolder, writeFiles } from '../test-support/awam-files';
import { AwamTestLake } from '../test-support/awam-lake';
import type { StandardizedFile } from '../formats/file-types';

const RAW = 'atd-datalake-raw';
const STANDARDIZED = 'atd-datalake-rawjson';

describe('bt:standard', () => {
  let lake: AwamTestLake;
  let share: string;

  beforeEach(() => {
    lake = new AwamTestLake(); // now: 2019-06-10 03:00 CDT
    lake.writeUnitData();
    share = tempFolder();
  });

  afterEach(async () => {
    await lake.dispose();
    removeFolder(share);
  });

  /** Puts AWAM files on the share and ingests them with bt:insert. */
  async function ingest(files: Record<string, string | Buffer>): Promise<void> {
    writeFiles(share, files);
    const result = await runStage(new BluetoothInsert(), { lastRunDate: '0', sourcedir: share }, lake.lake);
    expect(result.failures).toEqual([]);
    lake.advance(1);
  }

  async function standardize(options: RunOptions = {}) {
    const result = await runStage(new BluetoothStandard(), { lastRunDate: '0', ...options }, lake.lake);
    lake.advance(1);
    return result;
  }

  const readStandardized = (day: string, fileType: string): StandardizedFile =>
    parseLakeJson(lake.readStored(STANDARDIZED, `${day.replace(/-/g, '/')}/bt/Austin_bt_${day}_${fileType}.json`)) as StandardizedFile;

  it('standardizes each type into header + data, named by the lake rule', async () => {
    await ingest(awamDays(['2019-06-01']));
    const result = await standardize();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(3);
    expect(await lake.catalogDays(STANDARDIZED)).toEqual([
      'matched.json 2019-06-01',
      'traf_match_summary.json 2019-06-01',
      'unmatched.json 2019-06-01',
      'unit_data.json 2019-06-10',
    ]);

    const unmatched = readStandardized('2019-06-01', 'unmatched');
    expect(unmatched.header).toEqual({
      data_type: 'bluetooth',
      file_type: 'unmatched',
      origin_filename: 'Austin_bt_2019-06-01_unmatched.txt',
      target_filename: 'Austin_bt_2019-06-01_unmatched.json',
      collection_date: '2019-06-01 00:00:00-05:00',
      processing_date: '2019-06-10 03:01:00-05:00', // one minute after the ingest
    });
    expect(Object.keys(unmatched.header)).toEqual(['data_type', 'file_type', 'origin_filename', 'target_filename', 'collection_date', 'processing_date']);
    expect(unmatched.data).toEqual([
      { host_timestamp: '2019-06-01 00:00:05-05:00', ip_address: '10.1.2.3', field_timestamp: '2019-05-31 23:59:58-05:00', reader_id: 'lamar_6th', dev_addr: 'QUJDREVG' },
    ]);
    expect(readStandardized('2019-06-01', 'matched').data[0]).toMatchObject({ start_time: '2019-05-31 23:48:20-05:00', travel_time_secs: 686, speed: 3.31 });
    expect(readStandardized('2019-06-01', 'traf_match_summary').data[0]).toMatchObject({ timestamp: '2019-06-01 00:00:00-05:00', seg_length: 0.633 });

    const row = (await lake.catalogRows(STANDARDIZED)).find((entry) => entry.ext === 'matched.json')!;
    expect(row).toMatchObject({ base: 'Austin', dataSource: 'bt', pointer: '2019/06/01/bt/Austin_bt_2019-06-01_matched.json' });
  });

  it('names the origin after the raw pointer, not the AWAM file', async () => {
    await ingest({ 'Austin_btmatch_6-1-2019.txt': `${AWAM_LINES.matched}\n` });
    await standardize();
    expect(readStandardized('2019-06-01', 'matched').header.origin_filename).toBe('Austin_bt_2019-06-01_matched.txt');
  });

  it('stores the unit data once, dated today, just before the first file', async () => {
    await ingest(awamDays(['2019-06-01', '2019-06-02']));
    await standardize();
    const lines = lake.log.lines;
    const unitDataLines = lines.map((line, index) => [line, index] as const).filter(([line]) => line.includes('unit data ->'));
    expect(unitDataLines).toHaveLength(1);
    expect(unitDataLines[0][0]).toContain(`${STANDARDIZED}:2019/06/10/bt/Austin_bt_2019-06-10_unit_data.json`);
    const firstFile = lines.findIndex((line) => line.includes(`${RAW} -> ${STANDARDIZED}`));
    expect(unitDataLines[0][1]).toBeLessThan(firstFile);
    const stored = JSON.parse(lake.readStored(STANDARDIZED, '2019/06/10/bt/Austin_bt_2019-06-10_unit_data.json'));
    expect(stored.header).toMatchObject({ data_type: 'bt_unit_data', collection_date: '2019-06-10 00:00:00-05:00' });
    expect(stored.devices[0].device_name).toBe('lamar_6th');
  });

  it('stores no unit data when nothing is processed', async () => {
    await ingest(awamDays(['2019-06-01']));
    await standardize();
    await fs.promises.rm(lake.stored(STANDARDIZED, '2019/06/10/bt/Austin_bt_2019-06-10_unit_data.json'));
    lake.log.lines.length = 0;
    const result = await standardize();
    expect(result.records).toBe(0);
    expect(lake.log.text()).not.toContain('unit data ->');
    expect(fs.existsSync(lake.stored(STANDARDIZED, '2019/06/10/bt/Austin_bt_2019-06-10_unit_data.json'))).toBe(false);
  });

  it('warns about an unsupported ext, counts 0 and stores no unit data', async () => {
    const catalog = await lake.lake.catalog();
    await catalog.upsert({
      repository: RAW,
      dataSource: 'bt',
      base: 'Austin',
      ext: 'summary_5.txt',
      pointer: '2019/06/01/bt/Austin_bt_2019-06-01_summary_5.txt',
      collectionDate: lake.lake.time.dayStart('2019-06-01'),
    });
    const result = await standardize();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(0);
    expect(lake.log.text()).toContain('WARN Unsupported file type or extension: summary_5.txt');
    expect(await lake.catalogDays(STANDARDIZED)).toEqual([]);
  });

  it('still standardizes the files when the unit data cannot be fetched, and fails the run', async () => {
    fs.rmSync(lake.unitDataDir, { recursive: true });
    await ingest(awamDays(['2019-06-01']));
    const result = await standardize();
    expect(result.records).toBe(3);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0].label).toBe('unit data');
    expect(await lake.catalogDays(STANDARDIZED)).toEqual(['matched.json 2019-06-01', 'traf_match_summary.json 2019-06-01', 'unmatched.json 2019-06-01']);
  });

  it('keys by base and ext: a day with only matched.json standardized still gets its other files', async () => {
    await ingest({ [awamFileName('matched', '2019-06-01')]: `${AWAM_LINES.matched}\n` });
    expect((await standardize()).records).toBe(1);
    await ingest(awamDays(['2019-06-01']));
    lake.log.lines.length = 0;
    const second = await standardize();
    expect(second.records).toBe(2);
    expect(lake.log.text()).not.toContain('Austin_bt_2019-06-01_matched.txt:');
    expect(await lake.catalogDays(STANDARDIZED)).toEqual([
      'matched.json 2019-06-01',
      'traf_match_summary.json 2019-06-01',
      'unmatched.json 2019-06-01',
      'unit_data.json 2019-06-10',
    ]);
    expect((await standardize()).records).toBe(0);
    expect((await standardize({ force: true })).records).toBe(3);
  });

  it('records one perfmet observation per IAF reader (counts, min/max, skipped ids, null first time)', async () => {
    const iaf = [
      '6/1/2019 1:00:00 AM,ip,6/1/2019 1:00:00 AM,lamar_6th,A',
      '6/1/2019 3:00:00 AM,ip,6/1/2019 3:00:00 AM,lamar_6th,B',
      '6/1/2019 2:00:00 AM,ip,6/1/2019 2:00:00 AM,lamar_6th,C',
      'garbage,ip,garbage,mlk_lamar,D', // null time first: B-1 crashed upstream
      '6/1/2019 4:00:00 PM,ip,6/1/2019 4:00:00 PM,mlk_lamar,E',
      'garbage,ip,garbage,only_bad_times,F',
      '6/1/2019 5:00:00 AM,ip,6/1/2019 5:00:00 AM,,G',
      '6/1/2019 5:00:00 AM,ip,6/1/2019 5:00:00 AM,nan,H',
      '6/1/2019 5:00:00 AM,ip',
    ].join('\r\n');
    await ingest({ [awamFileName('unmatched', '2019-06-01')]: iaf, [awamFileName('matched', '2019-06-01')]: `${AWAM_LINES.matched}\n` });
    await standardize();
    const observations = (await lake.observations()).sort((a, b) => a.sensorName.localeCompare(b.sensorName));
    expect(observations.map(({ sensorName, dataType, data, expected, timestampMin, timestampMax, dataSource }) => ({ sensorName, dataType, data, expected, timestampMin, timestampMax, dataSource }))).toEqual([
      { dataSource: 'Bluetooth', sensorName: 'lamar_6th', dataType: 'Unmatched Entries', data: 3, expected: null, timestampMin: '2019-06-01 01:00:00-05:00', timestampMax: '2019-06-01 03:00:00-05:00' },
      { dataSource: 'Bluetooth', sensorName: 'mlk_lamar', dataType: 'Unmatched Entries', data: 2, expected: null, timestampMin: '2019-06-01 16:00:00-05:00', timestampMax: '2019-06-01 16:00:00-05:00' },
      { dataSource: 'Bluetooth', sensorName: 'only_bad_times', dataType: 'Unmatched Entries', data: 1, expected: null, timestampMin: null, timestampMax: null },
    ]);
    expect(lake.lake.time.format(observations[0].collectionDate)).toBe('2019-06-01 00:00:00-05:00');
  });

  it('keeps every good line of a malformed file and reports the bad ones in one line', async () => {
    const good = (hour: number, reader: string) => `6/1/2019 ${hour}:00:00 AM,ip,6/1/2019 ${hour}:00:00 AM,${reader},dev${hour}`;
    const iaf = Buffer.concat([
      Buffer.from(`${good(1, 'r1')}\r\n`),
      Buffer.from('6/1/2019 2:00:00 AM,too,few\r\n'),
      Buffer.from(`${good(3, 'r3')},extra,fields\r\n`),
      Buffer.from(`${good(4, 'r\u0000nul')}\r\n`),
      Buffer.from(`${good(5, 'r5')}\r\n`),
      Buffer.from(`6/1/2019 6:00:00 AM,ip,6/1/2019 6:00:00 AM,huge,${'x'.repeat(200_000)}\r\n`),
      Buffer.from(`${good(7, 'r7"stray')}\r\n`),
      Buffer.from('6/1/2019 8:00:00 AM,ip,6/1/2019 8:00:00 AM,bad-'),
      Buffer.from([0xff, 0xc3]),
      Buffer.from(',dev8\r\n'),
      Buffer.from(`\r\n${good(9, '"quoted, reader"')}\r\n`),
      Buffer.from(`${good(10, 'r10')}`),
    ]);
    await ingest({ [awamFileName('unmatched', '2019-06-01')]: iaf });
    const result = await standardize();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(9);
    const data = readStandardized('2019-06-01', 'unmatched').data;
    expect(data.map((record) => record.reader_id)).toEqual(['r1', null, 'r3', 'r\u0000nul', 'r5', 'r7"stray', 'bad-\ufffd\ufffd', 'quoted, reader', 'r10']);
    expect(data[1]).toEqual({ host_timestamp: '2019-06-01 02:00:00-05:00', ip_address: 'too', field_timestamp: null, reader_id: null, dev_addr: null });
    expect(data[2].null).toEqual(['extra', 'fields']);
    const warning = lake.log.lines.find((line) => line.startsWith('WARN Austin_bt_2019-06-01_unmatched.txt:'));
    expect(warning).toContain('Austin_bt_2019-06-01_unmatched.txt: 1 bad time, 1 short line, 1 long line, 1 line with invalid UTF-8, 1 record with a NUL character, 1 record skipped');
    expect(warning).toContain('line 2:');
    expect(warning).toContain('line 6:');
  });

  it('reads DST times the way upstream did', async () => {
    await lake.dispose();
    lake = new AwamTestLake({ now: '2020-11-10T09:00:00Z' });
    lake.writeUnitData();
    await ingest({ [awamFileName('unmatched', '2020-11-01')]: '11/1/2020 1:30:00 AM,ip,3/8/2020 2:30:00 AM,r,d\n' });
    await standardize();
    const [record] = readStandardized('2020-11-01', 'unmatched').data;
    expect(record.host_timestamp).toBe('2020-11-01 01:30:00-06:00');
    expect(lake.lake.time.parse(record.field_timestamp as string).toISOString()).toBe('2020-03-08T08:30:00.000Z');
  });

  it('writes nothing when simulating, yet reads and counts every file', async () => {
    await ingest(awamDays(['2019-06-01']));
    const result = await standardize({ simulate: true });
    expect(result.records).toBe(3);
    expect(await lake.catalogDays(STANDARDIZED)).toEqual([]);
    expect(fs.existsSync(lake.stored(STANDARDIZED, ''))).toBe(false);
    expect(lake.log.text()).toContain('Simulation mode: skipped writing');
  });

  it('fails one item whose raw file is missing and goes on with the others', async () => {
    await ingest(awamDays(['2019-06-01']));
    fs.rmSync(lake.stored(RAW, '2019/06/01/bt/Austin_bt_2019-06-01_matched.txt'));
    const result = await standardize();
    expect(result.records).toBe(2);
    expect(result.failures.map((failure) => failure.label)).toEqual(['2019/06/01/bt/Austin_bt_2019-06-01_matched.txt']);
    expect(await lake.catalogDays(STANDARDIZED)).not.toContain('matched.json 2019-06-01');
  });
});
