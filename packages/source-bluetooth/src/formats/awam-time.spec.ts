import { LakeTime } from '@lake/core';
import { parseAwamTime, parseAwamWall } from './awam-time';

const time = new LakeTime('America/Chicago');
const text = (value: string, format: 'long' | 'short' = 'long') => {
  const instant = parseAwamTime(value, format, time);
  return instant && time.format(instant);
};

describe('long AWAM times (M/D/YYYY h:mm:ss AM)', () => {
  it('reads the documented example into the lake timestamp text', () => {
    expect(text('6/1/2019 12:00:05 AM')).toBe('2019-06-01 00:00:05-05:00');
    expect(text('5/31/2019 11:59:58 PM')).toBe('2019-05-31 23:59:58-05:00');
  });

  it('reads 12 AM as midnight and 12 PM as noon', () => {
    expect(text('6/1/2019 12:00:00 AM')).toBe('2019-06-01 00:00:00-05:00');
    expect(text('6/1/2019 12:30:00 PM')).toBe('2019-06-01 12:30:00-05:00');
    expect(text('6/1/2019 1:30:00 PM')).toBe('2019-06-01 13:30:00-05:00');
  });

  it('accepts padded and unpadded parts, any letter case and runs of whitespace', () => {
    expect(text('06/01/2019 01:05:03 pm')).toBe('2019-06-01 13:05:03-05:00');
    expect(text('6/1/2019 1:5:3 Pm')).toBe('2019-06-01 13:05:03-05:00');
    expect(text('6/1/2019  1:05:03 \t PM')).toBe('2019-06-01 13:05:03-05:00');
    expect(text('12/31/2019 11:59:59 PM')).toBe('2019-12-31 23:59:59-06:00');
  });

  it('accepts the strptime quirk of a day written as a space and one digit', () => {
    expect(text('6/ 3/2019 1:00:00 AM')).toBe('2019-06-03 01:00:00-05:00');
  });

  it.each([
    [' 6/1/2019 1:00:00 AM', 'leading space'],
    ['6/1/2019 1:00:00 AM ', 'trailing space'],
    ['6/1/2019 0:00:00 AM', 'hour 0'],
    ['6/1/2019 00:00:00 AM', 'hour 00'],
    ['6/1/2019 13:00:00 PM', 'hour 13'],
    ['6/1/2019 1:60:00 AM', 'minute 60'],
    ['6/1/2019 1:00:60 AM', 'second 60'],
    ['6/1/2019 1:00:61 AM', 'second 61'],
    ['6/1/2019 1:00 AM', 'no seconds'],
    ['6/1/19 1:00:00 AM', 'two-digit year'],
    ['6/1/02019 1:00:00 AM', 'five-digit year'],
    ['13/1/2019 1:00:00 AM', 'month 13'],
    ['2/30/2019 1:00:00 AM', 'no such day'],
    ['2/29/2019 1:00:00 AM', 'no leap day in 2019'],
    ['6/1/2019 1:00:00', 'no AM/PM'],
    ['6/1/2019 1:00:00 A.M.', 'A.M.'],
    ['2019-06-01 01:00:00', 'ISO'],
    ['6/ 13/2019 1:00:00 AM', 'space before two digits'],
    ['6/1/2019T1:00:00 AM', 'no whitespace'],
    ['', 'empty'],
  ])('returns null for %j (%s)', (value) => {
    expect(parseAwamTime(value, 'long', time)).toBeNull();
  });

  it('reads a leap day that exists', () => {
    expect(text('2/29/2020 1:00:00 AM')).toBe('2020-02-29 01:00:00-06:00');
  });

  it('labels the repeated fall-back hour standard time', () => {
    expect(text('11/1/2020 1:30:00 AM')).toBe('2020-11-01 01:30:00-06:00');
    expect(parseAwamTime('11/1/2020 1:30:00 AM', 'long', time)?.toISOString()).toBe('2020-11-01T07:30:00.000Z');
  });

  it('keeps a spring-forward gap time at the standard offset (instant 08:30Z)', () => {
    expect(parseAwamTime('3/8/2020 2:30:00 AM', 'long', time)?.toISOString()).toBe('2020-03-08T08:30:00.000Z');
  });
});

describe('short AWAM times (M/D/YYYY h:mm AM)', () => {
  it('reads times without seconds', () => {
    expect(text('6/1/2019 12:00 AM', 'short')).toBe('2019-06-01 00:00:00-05:00');
    expect(text('6/1/2019 3:15 pm', 'short')).toBe('2019-06-01 15:15:00-05:00');
  });

  it('also accepts a value with seconds (B-4)', () => {
    expect(text('6/1/2019 3:15:42 PM', 'short')).toBe('2019-06-01 15:15:42-05:00');
  });

  it.each([' 6/1/2019 3:15 PM', '6/1/2019 3:15', '6/1/2019 15:15 PM', '01/06/2019 15:15:00', '6/31/2019 3:15 PM', 'x'])('returns null for %j', (value) => {
    expect(parseAwamTime(value, 'short', time)).toBeNull();
  });

  it('gives the wall fields to callers that want them', () => {
    expect(parseAwamWall('6/1/2019 3:15 PM', 'short')).toEqual({ year: 2019, month: 6, day: 1, hour: 15, minute: 15, second: 0, millisecond: 0 });
  });
});
