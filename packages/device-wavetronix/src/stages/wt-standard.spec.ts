import fs from 'node:fs';
import { runStage, type RunOptions } from '@lake/core';
import { folderWith, radar, removeFolder, STANDARDIZED, WtTestLake } from '../test-support/wt-lake';
import { WavetronixInsert } from './wt-insert';
import { WavetronixStandard } from './wt-standard';

const HEADER = 'detID,intID,curDateTime,intName,detName,volume,occupancy,speed,status,uploadSuccess,detCountComparison,dailyCumulative\r\n';
const line = (detID: number, wall: string, volume: string, intName = 'LAMARMANCHACA', cumulative = volume) =>
  `${detID},1,${wall},${intName},NB_in,${volume},0,34,Working,100,1,${cumulative}\r\n`;

describe('wt:standard', () => {
  let lake: WtTestLake;
  let folder: string;

  beforeEach(() => {
    lake = new WtTestLake(); // now: 2019-11-06 03:30 CST
    lake.writeUnitData([radar(1)]);
  });

  afterEach(async () => {
    await lake.dispose();
    if (folder) removeFolder(folder);
  });

  async function ingest(files: Record<string, string>): Promise<void> {
    folder = folderWith(files);
    const result = await runStage(new WavetronixInsert(), { lastRunDate: '0', sourcedir: folder }, lake.lake);
    expect(result.failures).toEqual([]);
    lake.advance(1);
  }

  async function standardize(options: RunOptions = {}) {
    const result = await runStage(new WavetronixStandard(), { lastRunDate: '0', ...options }, lake.lake);
    lake.advance(1);
    return result;
  }

  const standardized = (day: string) => lake.readJson(STANDARDIZED, `${day.replace(/-/g, '/')}/wt/Austin_wt_${day}.json`);

  it('writes header + typed data with zone-qualified times, named by the lake rule', async () => {
    await ingest({
      'Austin_wt_2019-09-13.csv': HEADER + line(2, '2019-09-13 00:15:00', '19'),
      'Austin_wt_2019-11-05.csv': HEADER + line(2, '2019-11-05 00:15:00', '3'),
    });
    const result = await standardize();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(2);
    expect(await lake.catalogDays(STANDARDIZED)).toEqual(['json 2019-09-13', 'json 2019-11-05', 'unit_data.json 2019-11-06']);
    const file = standardized('2019-09-13');
    expect(file.header).toEqual({
      data_type: 'wavetronix',
      origin_filename: 'Austin_wt_2019-09-13.csv',
      target_filename: 'Austin_wt_2019-09-13.json',
      collection_date: '2019-09-13 00:00:00-05:00',
      processing_date: '2019-11-06 03:31:00-06:00',
    });
    expect(Object.keys(file.header)).toEqual(['data_type', 'origin_filename', 'target_filename', 'collection_date', 'processing_date']);
    expect(file.data).toEqual([
      { detID: 2, intID: 1, curDateTime: '2019-09-13 00:15:00-05:00', intName: 'LAMARMANCHACA', detName: 'NB_in', volume: 19, occupancy: 0, speed: 34, status: 'Working', uploadSuccess: 100, detCountComparison: 1, dailyCumulative: 19 },
    ]);
    expect(standardized('2019-11-05').data[0].curDateTime).toBe('2019-11-05 00:15:00-06:00');
  });

  it('gives the two passes through the repeated hour of the fall-back day their own offsets', async () => {
    await ingest({
      'Austin_wt_2019-11-03.csv':
        HEADER + line(2, '2019-11-03 00:45:00', '5', undefined, '5') + line(2, '2019-11-03 01:15:00', '6', undefined, '17') + line(2, '2019-11-03 01:15:00', '6', undefined, '11') + line(2, '2019-11-03 02:00:00', '1', undefined, '18'),
    });
    await standardize();
    expect(standardized('2019-11-03').data.map((row: { curDateTime: string }) => row.curDateTime)).toEqual([
      '2019-11-03 00:45:00-05:00',
      '2019-11-03 01:15:00-06:00',
      '2019-11-03 01:15:00-05:00',
      '2019-11-03 02:00:00-06:00',
    ]);
  });

  it('reads the spring-forward day with both offsets and reports a time the clock skipped', async () => {
    await ingest({
      'Austin_wt_2019-03-10.csv': HEADER + line(2, '2019-03-10 01:45:00', '1') + line(2, '2019-03-10 02:30:00', '1') + line(2, '2019-03-10 03:00:00', '1'),
    });
    await standardize();
    expect(standardized('2019-03-10').data.map((row: { curDateTime: string }) => row.curDateTime)).toEqual([
      '2019-03-10 01:45:00-06:00',
      '2019-03-10 03:30:00-05:00', // 02:30 does not exist: read as 02:30-06:00, as upstream, written in the offset then in force
      '2019-03-10 03:00:00-05:00',
    ]);
    expect(lake.log.text()).toContain('Austin_wt_2019-03-10.csv: 1 times fall in the hour the spring-forward change skipped');
  });

  it('turns blank and non-numeric values into null, reports them, and keeps the file', async () => {
    await ingest({ 'Austin_wt_2019-11-05.csv': HEADER + line(2, '2019-11-05 00:15:00', '') + line(3, '2019-11-05 00:30:00', 'n/a') + line(4, 'noon', '2') });
    const result = await standardize();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(3);
    expect(standardized('2019-11-05').data.map((row: { volume: number | null; curDateTime: string | null }) => [row.volume, row.curDateTime])).toEqual([
      [null, '2019-11-05 00:15:00-06:00'],
      [null, '2019-11-05 00:30:00-06:00'],
      [2, null],
    ]);
    expect(lake.log.text()).toContain('WARN Austin_wt_2019-11-05.csv: 1 blank volume, 1 blank dailyCumulative, 1 non-numeric volume, 1 non-numeric dailyCumulative, 1 unreadable curDateTime set to null');
  });

  it('stores the unit data once, dated today, before the first day; none when nothing is standardized', async () => {
    await ingest({ 'Austin_wt_2019-11-04.csv': HEADER + line(2, '2019-11-04 00:15:00', '1'), 'Austin_wt_2019-11-05.csv': HEADER + line(2, '2019-11-05 00:15:00', '1') });
    await standardize();
    const lines = lake.log.lines;
    const stored = lines.findIndex((entry) => entry.includes(`unit data -> ${STANDARDIZED}:2019/11/06/wt/Austin_wt_2019-11-06_unit_data.json`));
    expect(stored).toBeGreaterThanOrEqual(0);
    expect(lines.filter((entry) => entry.includes('unit data ->'))).toHaveLength(1);
    expect(stored).toBeLessThan(lines.findIndex((entry) => entry.includes('Austin_wt_2019-11-04.csv: atd-datalake-raw')));
    const unitData = lake.readJson(STANDARDIZED, '2019/11/06/wt/Austin_wt_2019-11-06_unit_data.json');
    expect(unitData.header).toMatchObject({ data_type: 'wt_unit_data', collection_date: '2019-11-06 00:00:00-06:00' });
    expect(unitData.devices[0].kits_id).toBe(1);

    fs.rmSync(lake.stored(STANDARDIZED, '2019/11/06/wt/Austin_wt_2019-11-06_unit_data.json'));
    lake.log.lines.length = 0;
    expect((await standardize()).records).toBe(0);
    expect(lake.log.text()).not.toContain('unit data ->');
  });

  it('still standardizes when the unit data cannot be fetched, and fails the run', async () => {
    fs.rmSync(lake.unitDataDir, { recursive: true });
    await ingest({ 'Austin_wt_2019-11-05.csv': HEADER + line(2, '2019-11-05 00:15:00', '1') });
    const result = await standardize();
    expect(result.records).toBe(1);
    expect(result.failures.map((failure) => failure.label)).toEqual(['unit data']);
    expect(await lake.catalogDays(STANDARDIZED)).toEqual(['json 2019-11-05']);
  });

  it('records the summed volume per intersection as Vehicle Counts', async () => {
    await ingest({
      'Austin_wt_2019-11-05.csv':
        HEADER + line(2, '2019-11-05 00:15:00', '10') + line(3, '2019-11-05 23:45:00', '5') + line(4, '2019-11-05 12:00:00', '7', 'BURNETRUTLAND') + line(5, '2019-11-05 12:00:00', '9', ''),
    });
    await standardize();
    const observations = (await lake.observations()).map(({ dataSource, sensorName, dataType, data, expected, timestampMin, timestampMax }) => ({ dataSource, sensorName, dataType, data, expected, timestampMin, timestampMax }));
    expect(observations.sort((a, b) => a.sensorName.localeCompare(b.sensorName))).toEqual([
      { dataSource: 'Wavetronix', sensorName: 'BURNETRUTLAND', dataType: 'Vehicle Counts', data: 7, expected: null, timestampMin: '2019-11-05 12:00:00', timestampMax: '2019-11-05 12:00:00' },
      { dataSource: 'Wavetronix', sensorName: 'LAMARMANCHACA', dataType: 'Vehicle Counts', data: 15, expected: null, timestampMin: '2019-11-05 00:15:00', timestampMax: '2019-11-05 23:45:00' },
    ]);
  });

  it('does nothing on a rerun (the unit-data file does not count as the day), and redoes the day with force', async () => {
    await ingest({ 'Austin_wt_2019-11-05.csv': HEADER + line(2, '2019-11-05 00:15:00', '1') });
    expect((await standardize()).records).toBe(1);
    expect((await standardize()).records).toBe(0);
    expect((await standardize({ force: true })).records).toBe(1);
    expect(standardized('2019-11-05').header.processing_date).toBe('2019-11-06 03:33:00-06:00');
  });
});
