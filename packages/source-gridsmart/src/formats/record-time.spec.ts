import { LakeTime } from '@lake/core';
import { clockDelta } from './device-clock';
import { dayCovered, formatMicros, roundHalfEven, v4FileStartUtc, v4RecordUtc, v8FileStartUtc, v8RecordUtc, type RecordTime } from './record-time';

const time = new LakeTime('America/Chicago');

/** The record's instant as ISO text with microseconds, or the drop message. */
function iso(result: RecordTime): string {
  if (!result.ok) return `dropped: ${result.message}`;
  const ms = Math.floor(result.utcMicros / 1000);
  const micro = String(result.utcMicros % 1_000_000).padStart(6, '0');
  return `${new Date(ms).toISOString().slice(0, 19)}.${micro}Z`;
}

function adjusted(day: string, timestamp: unknown, utcOffset: unknown, deltaSeconds = 0): string {
  const result = v8RecordUtc(day, timestamp, utcOffset);
  return result.ok ? formatMicros(time, result.utcMicros + deltaSeconds * 1_000_000) : `dropped: ${result.message}`;
}

describe('round half to even (Python round)', () => {
  it('sends halves to the even neighbour and everything else to the nearest', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4999, 2.5001, 9.6].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 3, 10]);
  });
});

describe('v8 record time', () => {
  it('reads the worked example of the spec: 18.6 at offset -240 with a -58:07 clock offset', () => {
    const delta = clockDelta({ DateTime: '6/3/2019 2:32:13 AM', TimeZoneId: '(UTC-05:00) Eastern Time (US & Canada)', HostTimeUTC: '06/03/2019 06:34:06 AM' }, 2);
    expect(delta).toEqual({ ok: true, seconds: -3487, measuredSeconds: -3487 });
    expect(iso(v8RecordUtc('2019-06-01', 18.6, -240))).toBe('2019-06-01T04:00:18.600000Z');
    expect(adjusted('2019-06-01', 18.6, -240, -3487)).toBe('2019-05-31 22:02:11.600000-05:00');
    const start = v8FileStartUtc('2019-06-01', -240) as number;
    expect(dayCovered(time, '2019-06-01', start, -3487 * 1_000_000)).toBe(-1);
  });

  it('reads 0 as midnight, without a fraction in the text', () => {
    expect(adjusted('2020-03-04', 0, -360)).toBe('2020-03-04 00:00:00-06:00');
  });

  it('reads hhmmss and tenths: 105452.4 and 235959.9', () => {
    expect(adjusted('2020-03-04', 105452.4, -360)).toBe('2020-03-04 10:54:52.400000-06:00');
    expect(adjusted('2020-03-04', 235959.9, -360)).toBe('2020-03-04 23:59:59.900000-06:00');
  });

  it('rounds tenths half to even on frac·10 as doubles give it: .25 → 2, .35 → 4, .05 → 0, .15 → 2', () => {
    expect(iso(v8RecordUtc('2020-03-04', 18.25, 0))).toBe('2020-03-04T00:00:18.200000Z');
    expect(iso(v8RecordUtc('2020-03-04', 105452.35, 0))).toBe('2020-03-04T10:54:52.400000Z');
    expect(iso(v8RecordUtc('2020-03-04', 0.05, 0))).toBe('2020-03-04T00:00:00.000000Z');
    expect(iso(v8RecordUtc('2020-03-04', 0.15, 0))).toBe('2020-03-04T00:00:00.200000Z');
  });

  it('reads an integer-typed timestamp', () => {
    expect(iso(v8RecordUtc('2020-03-04', 18, -360))).toBe('2020-03-04T06:00:18.000000Z');
  });

  it('drops a record whose tenths round to 10, quoting the parse error', () => {
    expect(iso(v8RecordUtc('2020-03-04', 18.96, -360))).toBe('dropped: unconverted data remains: 0');
    expect(iso(v8RecordUtc('2020-03-04', 18.95, -360))).toBe('2020-03-04T06:00:18.900000Z');
  });

  it('drops times that are not a valid hhmmss, quoting the text handed to the parser', () => {
    expect(iso(v8RecordUtc('2019-05-31', 246060, -300))).toBe("dropped: time data '2019-05-31 246060.0' does not match format '%Y-%m-%d %H%M%S.%f'");
    expect(iso(v8RecordUtc('2019-05-31', 240000, -300))).toBe("dropped: time data '2019-05-31 240000.0' does not match format '%Y-%m-%d %H%M%S.%f'");
    expect(iso(v8RecordUtc('2019-05-31', 126000, -300))).toBe("dropped: time data '2019-05-31 126000.0' does not match format '%Y-%m-%d %H%M%S.%f'");
    expect(iso(v8RecordUtc('2019-05-31', 1000000, -300))).toBe("dropped: time data '2019-05-31 1000000.0' does not match format '%Y-%m-%d %H%M%S.%f'");
    expect(iso(v8RecordUtc('2019-05-31', 235960, -300))).toBe('dropped: second must be in 0..59');
    expect(iso(v8RecordUtc('2019-05-31', -5, -300))).toMatch(/^dropped: time data '2019-05-31 -00005\./);
  });

  it('drops a record with a blank utc_offset or timestamp', () => {
    expect(iso(v8RecordUtc('2020-03-04', 18.6, null))).toBe('dropped: cannot convert float NaN to integer');
    expect(iso(v8RecordUtc('2020-03-04', null, -360))).toBe('dropped: cannot convert float NaN to integer');
  });

  it('uses each record\'s own utc_offset across the fall-back hour (2019-11-03)', () => {
    expect(adjusted('2019-11-03', 13000, -300)).toBe('2019-11-03 01:30:00-05:00');
    expect(adjusted('2019-11-03', 13000, -360)).toBe('2019-11-03 01:30:00-06:00');
    expect(adjusted('2019-11-03', 235959.9, -360)).toBe('2019-11-03 23:59:59.900000-06:00');
  });

  it('lands records of the spring-forward day (2020-03-08) on the right side of the gap', () => {
    expect(adjusted('2020-03-08', 15959.9, -360)).toBe('2020-03-08 01:59:59.900000-06:00');
    expect(adjusted('2020-03-08', 30000, -300)).toBe('2020-03-08 03:00:00-05:00');
    expect(adjusted('2020-03-08', 235959.9, -300)).toBe('2020-03-08 23:59:59.900000-05:00');
  });

  it('adds the clock offset and converts to the local zone, crossing midnight when needed', () => {
    expect(adjusted('2020-03-04', 235959.9, -360, 1)).toBe('2020-03-05 00:00:00.900000-06:00');
    expect(adjusted('2020-03-04', 0, -360, -1)).toBe('2020-03-03 23:59:59-06:00');
  });
});

describe('v4 record time', () => {
  it('reads YYYYMMDDTHHMMSS as UTC', () => {
    expect(iso(v4RecordUtc('20200304T060005'))).toBe('2020-03-04T06:00:05.000000Z');
  });

  it('reads a fraction of one to six digits as %f does', () => {
    expect(iso(v4RecordUtc('20200304T060005.1'))).toBe('2020-03-04T06:00:05.100000Z');
    expect(iso(v4RecordUtc('20200304T060005.123456'))).toBe('2020-03-04T06:00:05.123456Z');
    expect(formatMicros(time, (v4RecordUtc('20200304T060005.123456') as { utcMicros: number }).utcMicros)).toBe('2020-03-04 00:00:05.123456-06:00');
  });

  it('drops malformed times', () => {
    expect(iso(v4RecordUtc('2020-03-04 06:00:05'))).toBe("dropped: time data '2020-03-04 06:00:05' does not match format '%Y%m%dT%H%M%S'");
    expect(iso(v4RecordUtc('20200304T060005.1234567'))).toBe('dropped: unconverted data remains: 7');
    expect(iso(v4RecordUtc('20200230T060005'))).toBe('dropped: day is out of range for month');
    expect(iso(v4RecordUtc(null))).toBe('dropped: missing timestamp');
  });
});

describe('day_covered', () => {
  it('is 0 when the corrected file start is local midnight exactly', () => {
    expect(dayCovered(time, '2020-03-04', v8FileStartUtc('2020-03-04', -360) as number, 0)).toBe(0);
  });

  it('is 1 when the file starts after local midnight (it holds the start of the next day)', () => {
    expect(dayCovered(time, '2020-03-04', v8FileStartUtc('2020-03-04', -360) as number, 1_000_000)).toBe(1);
    // A device on UTC offset 0 starts its day at 18:00 local the day before: -1.
    expect(dayCovered(time, '2020-03-04', v8FileStartUtc('2020-03-04', 0) as number, 0)).toBe(-1);
  });

  it('reads a v4 file as starting at UTC midnight', () => {
    expect(dayCovered(time, '2020-03-04', v4FileStartUtc('2020-03-04'), 0)).toBe(-1);
    expect(dayCovered(time, '2020-03-04', v4FileStartUtc('2020-03-04'), 6 * 3600 * 1_000_000)).toBe(0);
    expect(dayCovered(time, '2020-03-04', v4FileStartUtc('2020-03-04'), 7 * 3600 * 1_000_000)).toBe(1);
  });

  it('has no v8 start without a first utc_offset', () => {
    expect(v8FileStartUtc('2020-03-04', null)).toBeNull();
  });

  it('compares with the DST-correct local midnight (2019-11-03 starts at -05:00)', () => {
    expect(dayCovered(time, '2019-11-03', v8FileStartUtc('2019-11-03', -300) as number, 0)).toBe(0);
    expect(dayCovered(time, '2019-11-03', v8FileStartUtc('2019-11-03', -360) as number, 0)).toBe(1);
  });
});
