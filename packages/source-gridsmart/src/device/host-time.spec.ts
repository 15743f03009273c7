import { hostTimeUTC } from './host-time';

describe('hostTimeUTC', () => {
  it('writes the UTC time zero-padded on a 12-hour clock', () => {
    expect(hostTimeUTC(new Date('2020-03-05T07:31:09Z'))).toBe('03/05/2020 07:31:09 AM');
    expect(hostTimeUTC(new Date('2019-12-31T23:05:01Z'))).toBe('12/31/2019 11:05:01 PM');
  });

  it('calls midnight 12 AM and noon 12 PM', () => {
    expect(hostTimeUTC(new Date('2020-03-05T00:00:00Z'))).toBe('03/05/2020 12:00:00 AM');
    expect(hostTimeUTC(new Date('2020-03-05T12:00:00Z'))).toBe('03/05/2020 12:00:00 PM');
    expect(hostTimeUTC(new Date('2020-03-05T00:59:59Z'))).toBe('03/05/2020 12:59:59 AM');
    expect(hostTimeUTC(new Date('2020-03-05T13:00:00Z'))).toBe('03/05/2020 01:00:00 PM');
  });

  it('drops the milliseconds rather than rounding them', () => {
    expect(hostTimeUTC(new Date('2020-03-05T07:31:09.999Z'))).toBe('03/05/2020 07:31:09 AM');
  });

  it('is independent of the host zone: the UTC day, not the local one', () => {
    // 23:30 CST on the 4th is already the 5th in UTC.
    expect(hostTimeUTC(new Date('2020-03-04T23:30:00-06:00'))).toBe('03/05/2020 05:30:00 AM');
  });
});
