import { LakeTime } from '@lake/core';
import type { CsvRecord } from './csv-records';
import { WavetronixStandardizer } from './standardize-records';

const time = new LakeTime('America/Chicago');

function csv(curDateTime: string, overrides: Partial<CsvRecord> = {}): CsvRecord {
  return {
    detID: '2',
    intID: '1',
    curDateTime,
    intName: 'LAMARMANCHACA',
    detName: 'NB_in',
    volume: '19',
    occupancy: '0',
    speed: '34',
    status: 'Working',
    uploadSuccess: '100',
    detCountComparison: '1',
    dailyCumulative: '19',
    ...overrides,
  };
}

function standardize(records: CsvRecord[]) {
  const standardizer = new WavetronixStandardizer(time);
  const out = [...standardizer.add(records), ...standardizer.finish()];
  return { out, standardizer };
}

describe('standardizing Wavetronix records', () => {
  it('types every column and writes the time with its offset (summer −05:00, winter −06:00)', () => {
    const { out } = standardize([csv('2020-09-13 00:15:00', { detID: ' 2 ' }), csv('2020-12-13 00:15:00', { status: 'Not Working' })]);
    expect(out[0]).toEqual({
      detID: 2,
      intID: 1,
      curDateTime: '2020-09-13 00:15:00-05:00',
      intName: 'LAMARMANCHACA',
      detName: 'NB_in',
      volume: 19,
      occupancy: 0,
      speed: 34,
      status: 'Working',
      uploadSuccess: 100,
      detCountComparison: 1,
      dailyCumulative: 19,
    });
    expect(Object.keys(out[0])).toEqual(['detID', 'intID', 'curDateTime', 'intName', 'detName', 'volume', 'occupancy', 'speed', 'status', 'uploadSuccess', 'detCountComparison', 'dailyCumulative']);
    expect(out[1]).toMatchObject({ curDateTime: '2020-12-13 00:15:00-06:00', status: 'Not Working' });
  });

  it('reads a detector seen once in the repeated hour as standard time, as upstream did', () => {
    expect(standardize([csv('2020-11-01 01:30:00')]).out[0].curDateTime).toBe('2020-11-01 01:30:00-06:00');
  });

  it('tells the two passes through the repeated hour apart by the daily cumulative count (W-7)', () => {
    const rows = [
      csv('2020-11-01 00:45:00', { dailyCumulative: '50' }),
      // the database sorts by wall time only: the second pass may come first
      csv('2020-11-01 01:00:00', { dailyCumulative: '90' }),
      csv('2020-11-01 01:00:00', { detID: '3', dailyCumulative: '7' }),
      csv('2020-11-01 01:00:00', { dailyCumulative: '60' }),
      csv('2020-11-01 01:15:00', { dailyCumulative: '70' }),
      csv('2020-11-01 01:15:00', { dailyCumulative: '100' }),
      csv('2020-11-01 02:00:00', { dailyCumulative: '110' }),
    ];
    const { out, standardizer } = standardize(rows);
    expect(out.map((row) => `${row.detID} ${row.curDateTime} ${row.dailyCumulative}`)).toEqual([
      '2 2020-11-01 00:45:00-05:00 50',
      '2 2020-11-01 01:00:00-06:00 90',
      '3 2020-11-01 01:00:00-06:00 7',
      '2 2020-11-01 01:00:00-05:00 60',
      '2 2020-11-01 01:15:00-05:00 70',
      '2 2020-11-01 01:15:00-06:00 100',
      '2 2020-11-01 02:00:00-06:00 110',
    ]);
    expect(standardizer.firstPassRows).toBe(2);
  });

  it('keeps file order for the passes when a daily count is missing', () => {
    const { out } = standardize([csv('2020-11-01 01:00:00', { dailyCumulative: '' }), csv('2020-11-01 01:00:00', { dailyCumulative: '5' })]);
    expect(out.map((row) => row.curDateTime)).toEqual(['2020-11-01 01:00:00-05:00', '2020-11-01 01:00:00-06:00']);
  });

  it('turns blank and non-numeric values into null and reports them without stopping (W-5)', () => {
    const { out, standardizer } = standardize([
      csv('2020-09-13 00:15:00', { volume: '', speed: 'fast' }),
      csv('2020-09-13 00:30:00', { occupancy: '1.5', intName: '' }),
      csv('13/09/2020', { volume: '4' }),
      { detID: '5', intID: '1' },
    ]);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ volume: null, speed: null, occupancy: 0 });
    expect(out[1]).toMatchObject({ occupancy: null, intName: '' });
    expect(out[2]).toMatchObject({ curDateTime: null, volume: 4 });
    expect(out[3]).toMatchObject({ detID: 5, curDateTime: null, intName: null, volume: null, status: null });
    expect(standardizer.problems.summary('f.csv')).toBe(
      'f.csv: 1 blank volume, 1 non-numeric speed, 1 non-numeric occupancy, 1 unreadable curDateTime, 1 missing curDateTime, ' +
        '1 missing volume, 1 missing occupancy, 1 missing speed, 1 missing uploadSuccess, 1 missing detCountComparison, 1 missing dailyCumulative ' +
        'set to null (line 2: volume ""; line 2: speed "fast"; line 3: occupancy "1.5"; line 4: curDateTime "13/09/2020"; line 5: no curDateTime field)',
    );
  });

  it('sums volume per intersection for perfmet, with first and last raw times, skipping empty names', () => {
    const { standardizer } = standardize([
      csv('2020-09-13 00:15:00', { volume: '10' }),
      csv('2020-09-13 23:45:00', { volume: '5' }),
      csv('2020-09-13 00:00:00', { volume: '', intName: 'LAMARMANCHACA' }),
      csv('2020-09-13 12:00:00', { volume: '7', intName: 'BURNETRUTLAND' }),
      csv('2020-09-13 12:00:00', { volume: '8', intName: '' }),
      csv('garbage', { volume: '1', intName: 'BURNETRUTLAND' }),
    ]);
    expect(standardizer.vehicleCounts.intersections()).toEqual([
      { intName: 'LAMARMANCHACA', volume: 15, minTimestamp: '2020-09-13 00:00:00', maxTimestamp: '2020-09-13 23:45:00' },
      { intName: 'BURNETRUTLAND', volume: 8, minTimestamp: '2020-09-13 12:00:00', maxTimestamp: '2020-09-13 12:00:00' },
    ]);
  });
});
