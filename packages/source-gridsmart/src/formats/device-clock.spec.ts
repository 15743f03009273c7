import { clockDelta, parseDeviceTime, zoneTokenOffsetMinutes } from './device-clock';

const reading = (overrides: Record<string, string | undefined> = {}) => ({
  DateTime: '3/5/2020 1:31:02 AM',
  TimeZoneId: '(UTC-06:00) Central Time (US & Canada)',
  HostTimeUTC: '03/05/2020 07:31:02 AM',
  ...overrides,
});

describe('device clock offset', () => {
  it('reads 12-hour times, padded or not', () => {
    expect(new Date(parseDeviceTime('6/3/2019 2:32:13 AM') as number).toISOString()).toBe('2019-06-03T02:32:13.000Z');
    expect(new Date(parseDeviceTime('06/03/2019 12:05:00 AM') as number).toISOString()).toBe('2019-06-03T00:05:00.000Z');
    expect(new Date(parseDeviceTime('06/03/2019 12:05:00 PM') as number).toISOString()).toBe('2019-06-03T12:05:00.000Z');
    expect(parseDeviceTime('2019-06-03 02:32:13')).toBeNull();
    expect(parseDeviceTime('2/30/2020 1:00:00 AM')).toBeNull();
    expect(parseDeviceTime('2/3/2020 13:00:00 PM')).toBeNull();
  });

  it('reads the offset of (UTC±hh:mm) and (GMT±hh:mm) tokens; (UTC) has none', () => {
    expect(zoneTokenOffsetMinutes('(UTC-06:00) Central Time (US & Canada)')).toBe(-360);
    expect(zoneTokenOffsetMinutes('(GMT-06:00) Central Time')).toBe(-360);
    expect(zoneTokenOffsetMinutes('(UTC-05:00) Eastern Time')).toBe(-300);
    expect(zoneTokenOffsetMinutes('(UTC+05:30) Chennai')).toBe(330);
    expect(zoneTokenOffsetMinutes('(UTC) Coordinated Universal Time')).toBeNull();
    expect(zoneTokenOffsetMinutes('Central Standard Time')).toBeNull();
  });

  it('is zero for a device on time', () => {
    expect(clockDelta(reading(), 2)).toEqual({ ok: true, seconds: 0, measuredSeconds: 0 });
  });

  it('is positive when the host is ahead of the device, negative when behind', () => {
    expect(clockDelta(reading({ HostTimeUTC: '03/05/2020 07:41:02 AM' }), 2)).toMatchObject({ ok: true, seconds: 600 });
    expect(clockDelta(reading({ HostTimeUTC: '03/05/2020 07:21:02 AM' }), 2)).toMatchObject({ ok: true, seconds: -600 });
  });

  it('reads the same clock through a (GMT-06:00) token or a (UTC-05:00) one', () => {
    expect(clockDelta(reading({ TimeZoneId: '(GMT-06:00) Central Time' }), 2)).toMatchObject({ ok: true, seconds: 0 });
    // The device ignoring DST: its wall clock says 2:31 with a -05:00 zone, an hour ahead.
    expect(clockDelta(reading({ TimeZoneId: '(UTC-05:00) Eastern Time' }), 2)).toMatchObject({ ok: true, seconds: 3600 });
  });

  it('takes an offset below the tolerance as none, and keeps the measured value', () => {
    expect(clockDelta(reading({ HostTimeUTC: '03/05/2020 07:31:03 AM' }), 2)).toEqual({ ok: true, seconds: 0, measuredSeconds: 1 });
    expect(clockDelta(reading({ HostTimeUTC: '03/05/2020 07:31:01 AM' }), 2)).toEqual({ ok: true, seconds: 0, measuredSeconds: -1 });
    expect(clockDelta(reading({ HostTimeUTC: '03/05/2020 07:31:04 AM' }), 2)).toEqual({ ok: true, seconds: 2, measuredSeconds: 2 });
    expect(clockDelta(reading({ HostTimeUTC: '03/05/2020 07:31:03 AM' }), 0)).toEqual({ ok: true, seconds: 1, measuredSeconds: 1 });
  });

  it('fails with a reason for (UTC), missing keys, a missing datetime block and unreadable times', () => {
    expect(clockDelta(reading({ TimeZoneId: '(UTC) Coordinated Universal Time' }), 2)).toEqual({ ok: false, reason: 'TimeZoneId "(UTC) Coordinated Universal Time" does not start with a (UTC±hh:mm) offset' });
    expect(clockDelta(reading({ HostTimeUTC: undefined }), 2)).toEqual({ ok: false, reason: "the site file's clock reading has no HostTimeUTC" });
    expect(clockDelta(null, 2)).toEqual({ ok: false, reason: 'the site file has no "datetime" clock reading' });
    expect(clockDelta(reading({ DateTime: 'yesterday' }), 2)).toMatchObject({ ok: false });
  });
});
