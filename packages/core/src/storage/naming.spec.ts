import { LakeTime } from '../time/lake-time';
import { fileNameOfKey, folderKey, lakeFileName, lakeKey } from './naming';
import { UnsafeFileName } from './storage-errors';

const time = new LakeTime('America/Chicago');
const day = (text: string) => time.dayStart(text);

describe('lakeFileName', () => {
  it.each([
    ['Austin', 'bt', 'unmatched.txt', '2019-06-01', 'Austin_bt_2019-06-01_unmatched.txt'],
    ['Austin', 'bt', 'matched.json', '2019-06-01', 'Austin_bt_2019-06-01_matched.json'],
    ['Austin', 'bt', 'unit_data.json', '2019-06-02', 'Austin_bt_2019-06-02_unit_data.json'],
    ['Austin', 'wt', 'csv', '2020-09-13', 'Austin_wt_2020-09-13.csv'],
    ['Austin', 'wt', 'json', '2020-09-13', 'Austin_wt_2020-09-13.json'],
    ['X', 'gs', 'agg15.json', '2020-10-01', 'X_gs_2020-10-01_agg15.json'],
  ])('names %s/%s/%s on %s as %s', (base, dataSource, ext, date, expected) => {
    expect(lakeFileName(base, dataSource, ext, day(date), time)).toBe(expected);
  });

  it('ends with a bare dot when the ext is empty', () => {
    expect(lakeFileName('Austin', 'bt', '', day('2019-06-01'), time)).toBe('Austin_bt_2019-06-01.');
  });

  it('uses the lake zone calendar date, not UTC', () => {
    expect(lakeFileName('Austin', 'bt', 'json', new Date('2019-06-01T03:00:00Z'), time)).toBe('Austin_bt_2019-05-31.json');
  });
});

describe('lakeKey', () => {
  it('builds YYYY/MM/DD/<ds>/<file> with zero-padded month and day', () => {
    expect(lakeKey('Austin', 'bt', 'unmatched.txt', day('2019-06-01'), time)).toBe(
      '2019/06/01/bt/Austin_bt_2019-06-01_unmatched.txt',
    );
    expect(lakeKey('Austin', 'wt', 'csv', day('2020-01-09'), time)).toBe('2020/01/09/wt/Austin_wt_2020-01-09.csv');
  });

  it('takes the folder from the Central calendar date: 2019-06-01T03:00Z is 2019/05/31', () => {
    expect(lakeKey('Austin', 'bt', 'json', new Date('2019-06-01T03:00:00Z'), time)).toBe(
      '2019/05/31/bt/Austin_bt_2019-05-31.json',
    );
  });

  it('keeps midnight on a DST change day on its own date', () => {
    expect(lakeKey('Austin', 'bt', 'json', day('2020-11-01'), time)).toBe('2020/11/01/bt/Austin_bt_2020-11-01.json');
    expect(lakeKey('Austin', 'bt', 'json', day('2020-03-08'), time)).toBe('2020/03/08/bt/Austin_bt_2020-03-08.json');
  });
});

describe('folderKey and fileNameOfKey', () => {
  it('gives the folder of a day', () => {
    expect(folderKey('bt', day('2019-06-01'), time)).toBe('2019/06/01/bt');
  });

  it('returns the text after the last slash', () => {
    expect(fileNameOfKey('2019/06/01/bt/Austin_bt_2019-06-01_unmatched.txt')).toBe('Austin_bt_2019-06-01_unmatched.txt');
    expect(fileNameOfKey('plain.json')).toBe('plain.json');
  });
});

describe('names from sources', () => {
  it('refuses a base or ext that would leave the day folder', () => {
    for (const base of ['../../etc', 'Lamar/Koenig', 'a\\b', 'nul\u0000byte', 'line\nbreak']) {
      expect(() => lakeKey(base, 'gs', 'zip', day('2019-06-01'), time)).toThrow(UnsafeFileName);
    }
    expect(() => lakeFileName('Lamar_Koenig', 'gs', '../x.json', day('2019-06-01'), time)).toThrow(UnsafeFileName);
  });

  it('keeps street names with spaces, dots and ampersands', () => {
    expect(lakeKey('Loop 360_N. Lamar & 5th', 'gs', 'zip', day('2019-06-01'), time)).toBe('2019/06/01/gs/Loop 360_N. Lamar & 5th_gs_2019-06-01.zip');
  });
});
