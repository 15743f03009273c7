import { LakeTime } from '@lake/core';
import { pyStrInstant, recordInstant } from './timestamp-adj';

const time = new LakeTime('America/Chicago');
const instantOf = (timestampAdj: unknown) => recordInstant({ timestamp_adj: timestampAdj }, time);

describe('recordInstant', () => {
  it('reads timestamp_adj with its own offset, as LakeTime does', () => {
    for (const text of ['2020-03-04 07:45:00-06:00', '2019-05-31 22:02:11.600000-05:00', '2019-11-03 01:05:00.123456-05:00', '2019-11-03T01:05:00-06:00', '2020-03-04 07:45:00Z', '2020-03-04 07:45:00', '2020-02-29 00:00:00.12-06:00', '2019-05-31 22:02:11.6-05:00', '2019-05-31 22:02:11.123456789+05:30']) {
      expect(instantOf(text)).toBe(time.parse(text).getTime());
    }
  });

  it('gives null for a missing or unreadable time, and for fields out of range', () => {
    expect([null, undefined, 12, 'soon', '2020-13-04 07:45:00-06:00', '2020-02-30 07:45:00-06:00', '2020-03-04 24:00:00-06:00', '2019-02-29 07:45:00-06:00', '2020-03-04 07:45:00.-06:00', '2020-03-04 07:4a:00-06:00'].map(instantOf)).toEqual([null, null, null, null, null, null, null, null, null, null]);
  });
});

describe('pyStrInstant', () => {
  it('reads the timestamp text gs:ready writes and leaves every other form to LakeTime', () => {
    expect(pyStrInstant('2020-03-04 07:45:00-06:00')).toBe(Date.parse('2020-03-04T13:45:00Z'));
    expect(pyStrInstant('2019-11-03 01:05:00.100000-05:00')).toBe(Date.parse('2019-11-03T06:05:00.100Z'));
    expect(['2020-03-04 07:45:00', '2020-03-04 07:45:00Z', '2020-03-04 07:45:00-0600', '2020-03-04'].map(pyStrInstant)).toEqual([null, null, null, null]);
  });
});
