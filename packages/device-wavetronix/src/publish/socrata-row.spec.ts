import { createHash } from 'node:crypto';
import { LakeTime } from '@lake/core';
import { direction, rowId, SocrataRows, timebin } from './socrata-row';

const time = new LakeTime('America/Chicago');
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

const READY_ROW = {
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
  device_id: '84a77022e6ba01d012e431bab8a42d87',
};

describe('Radar Traffic Counts rows', () => {
  it("carries the original's columns, in order, with the row id of the same input", () => {
    const row = new SocrataRows(time).row(READY_ROW);
    expect(row).toEqual({
      detid: 2,
      int_id: 1,
      curdatetime: '2020-09-13T00:15:00',
      intname: 'LAMARMANCHACA',
      detname: 'NB_in',
      volume: 19,
      occupancy: 0,
      speed: 34,
      month: 9,
      day: 13,
      year: 2020,
      hour: 0,
      minute: 15,
      day_of_week: 0,
      timebin: '00:15',
      direction: 'NB',
      row_id: md5('LAMARMANCHACA2020-09-13T00:15:002'),
    });
    expect(Object.keys(row)).toEqual(['detid', 'int_id', 'curdatetime', 'intname', 'detname', 'volume', 'occupancy', 'speed', 'month', 'day', 'year', 'hour', 'minute', 'day_of_week', 'timebin', 'direction', 'row_id']);
  });

  it('hashes the documented example', () => {
    expect(rowId('LAMARMANCHACA', '2020-09-13T00:15:00', 2)).toBe('fd452c2e3ac2d4c5fe060d6bf9836590');
    expect(rowId(null, null, null)).toBe(md5('NoneNoneNone'));
  });

  it('numbers the weekday from Sunday = 0 to Saturday = 6', () => {
    const rows = new SocrataRows(time);
    expect(rows.row({ ...READY_ROW, curDateTime: '2020-09-13 10:00:00-05:00' }).day_of_week).toBe(0);
    expect(rows.row({ ...READY_ROW, curDateTime: '2020-09-14 10:00:00-05:00' }).day_of_week).toBe(1);
    expect(rows.row({ ...READY_ROW, curDateTime: '2020-09-19 23:59:00-05:00' }).day_of_week).toBe(6);
  });

  it('bins minutes to the nearest quarter hour, never HH:60 (W-8 fixed)', () => {
    const minutes = [0, 7, 8, 22, 23, 37, 38, 52, 53, 59];
    expect(minutes.map((minute) => timebin(13, minute))).toEqual(['13:00', '13:00', '13:15', '13:15', '13:30', '13:30', '13:45', '13:45', '14:00', '14:00']);
    expect(timebin(23, 55)).toBe('00:00');
  });

  it('takes the direction from the detector name', () => {
    expect(['NB_in', 'SB', '', 'EB_out_2'].map(direction)).toEqual(['NB', 'SB', '', 'EB']);
    expect(direction(null)).toBeNull();
  });

  it("reads the time from the row's own text: a fall-back row keeps its wall clock", () => {
    const rows = new SocrataRows(time);
    const second = rows.row({ ...READY_ROW, curDateTime: '2020-11-01 01:30:00-06:00' });
    const first = rows.row({ ...READY_ROW, curDateTime: '2020-11-01 01:30:00-05:00' });
    expect(first.curdatetime).toBe('2020-11-01T01:30:00');
    expect(second.curdatetime).toBe('2020-11-01T01:30:00');
    expect([first.hour, first.minute, first.timebin]).toEqual([1, 30, '01:30']);
    // The second pass keeps the original's id; the first no longer collides with it (W-7 fixed).
    expect(second.row_id).toBe(md5('LAMARMANCHACA2020-11-01T01:30:002'));
    expect(first.row_id).toBe(md5('LAMARMANCHACA2020-11-01T01:30:002-05:00'));
    expect(rows.tally).toEqual({ unreadableTimes: 0, firstPassRows: 1 });
  });

  it('publishes rows without a readable time with null time columns, and counts them', () => {
    const rows = new SocrataRows(time);
    const row = rows.row({ ...READY_ROW, curDateTime: null, detName: null });
    expect(row).toMatchObject({ curdatetime: null, month: null, day_of_week: null, timebin: null, direction: null, row_id: md5('LAMARMANCHACANone2') });
    expect(rows.row({ ...READY_ROW, curDateTime: 'soon' }).curdatetime).toBeNull();
    expect(rows.tally.unreadableTimes).toBe(2);
  });
});
