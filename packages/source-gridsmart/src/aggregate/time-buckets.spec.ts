import { TimeBuckets } from './time-buckets';

describe('TimeBuckets', () => {
  it('floors to the width from 00:00 UTC of the earliest record’s UTC date', () => {
    const buckets = new TimeBuckets(7, Date.parse('2020-03-04T23:00:00Z'));
    expect(buckets.anchorMs).toBe(Date.parse('2020-03-04T00:00:00Z'));
    expect(new Date(buckets.startOf(Date.parse('2020-03-05T01:00:00Z'))).toISOString()).toBe('2020-03-05T00:58:00.000Z');
    expect(new Date(new TimeBuckets(15, 0).startOf(Date.parse('2020-03-04T13:59:59.900Z'))).toISOString()).toBe('2020-03-04T13:45:00.000Z');
  });
});
