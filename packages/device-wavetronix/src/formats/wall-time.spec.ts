import { LakeTime } from '@lake/core';
import { parseWallText, wallInstants, WallTimeReader } from './wall-time';

const time = new LakeTime('America/Chicago');

describe('CSV wall times', () => {
  it('reads YYYY-MM-DD HH:MM:SS as strptime did (one or two digits, no impossible dates)', () => {
    expect(parseWallText('2020-09-13 00:15:00')).toEqual({ year: 2020, month: 9, day: 13, hour: 0, minute: 15, second: 0, millisecond: 0 });
    expect(parseWallText('2020-9-3 1:5:0')).toMatchObject({ month: 9, day: 3, hour: 1, minute: 5, second: 0 });
    expect(parseWallText('2020-02-30 00:00:00')).toBeNull();
    expect(parseWallText('2020-09-13 24:00:00')).toBeNull();
    expect(parseWallText('2020-09-13T00:15:00')).toBeNull();
    expect(parseWallText('2020-09-13')).toBeNull();
  });

  it('finds both instants of a time in the repeated hour of the fall-back day', () => {
    const instants = wallInstants(parseWallText('2020-11-01 01:30:00')!, time);
    expect(instants.repeated).toBe(true);
    expect(time.format(instants.earlier)).toBe('2020-11-01 01:30:00-05:00');
    expect(time.format(instants.later)).toBe('2020-11-01 01:30:00-06:00');
  });

  it('reads a time skipped by the spring-forward change with the offset before the gap, as upstream', () => {
    const instants = wallInstants(parseWallText('2020-03-08 02:30:00')!, time);
    expect(instants.skipped).toBe(true);
    expect(time.format(instants.later)).toBe('2020-03-08 03:30:00-05:00'); // 02:30-06:00
    expect(instants.earlier.getTime()).toBeLessThan(time.parse('2020-03-08 03:00:00-05:00').getTime());
  });

  it('gives summer and winter times their offsets', () => {
    const reader = new WallTimeReader(time);
    expect(reader.read('2020-09-13 00:15:00')).toMatchObject({ repeated: false, laterText: '2020-09-13 00:15:00-05:00', earlierText: '2020-09-13 00:15:00-05:00' });
    expect(reader.read('2020-12-13 00:15:00')?.laterText).toBe('2020-12-13 00:15:00-06:00');
    expect(reader.read('nonsense')).toBeNull();
  });
});
