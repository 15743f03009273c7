import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { earliest, InvalidTimeText, InvalidTimeZone, LakeTime } from './lake-time';

const HOUR_MS = 3_600_000;
const at = (iso: string) => new Date(iso);
const central = (now = '2020-11-15T18:00:00Z') => new LakeTime('America/Chicago', () => at(now));

describe('LakeTime in America/Chicago', () => {
  const time = central();

  describe('spring forward, 2020-03-08 (02:00 CST → 03:00 CDT)', () => {
    it('reads the last wall time before the gap with the standard offset', () => {
      expect(time.fromWall({ year: 2020, month: 3, day: 8, hour: 1, minute: 59, second: 59 })).toEqual(at('2020-03-08T07:59:59Z'));
    });

    it('reads a non-existent 02:30 with the offset before the gap: the instant 08:30Z', () => {
      expect(time.fromWall({ year: 2020, month: 3, day: 8, hour: 2, minute: 30 })).toEqual(at('2020-03-08T08:30:00Z'));
      expect(time.parse('2020-03-08 02:30')).toEqual(at('2020-03-08T08:30:00Z'));
    });

    it('renders that instant as the real wall clock 03:30−05:00', () => {
      expect(time.format(at('2020-03-08T08:30:00Z'))).toBe('2020-03-08 03:30:00-05:00');
    });

    it('reads 03:00 as daylight time', () => {
      expect(time.fromWall({ year: 2020, month: 3, day: 8, hour: 3 })).toEqual(at('2020-03-08T08:00:00Z'));
    });

    it('makes the day 23 hours long', () => {
      const dayStart = time.dayStart('2020-03-08');
      expect(dayStart).toEqual(at('2020-03-08T06:00:00Z'));
      expect(time.addDays(dayStart, 1).getTime() - dayStart.getTime()).toBe(23 * HOUR_MS);
    });

    it('keeps the wall time when adding a day across the change (noon to noon is 23 h)', () => {
      const noon = at('2020-03-07T18:00:00Z');
      const nextNoon = time.addDays(noon, 1);
      expect(time.format(nextNoon)).toBe('2020-03-08 12:00:00-05:00');
      expect(nextNoon.getTime() - noon.getTime()).toBe(23 * HOUR_MS);
    });

    it('finds the midnight of a daylight-time instant on the change day at −06:00', () => {
      expect(time.midnight(at('2020-03-08T17:00:00Z'))).toEqual(at('2020-03-08T06:00:00Z'));
      expect(time.format(time.midnight(at('2020-03-08T17:00:00Z')))).toBe('2020-03-08 00:00:00-06:00');
    });
  });

  describe('fall back, 2020-11-01 (02:00 CDT → 01:00 CST)', () => {
    it('reads the ambiguous 01:30 as the later, standard-time instant (−06:00)', () => {
      const instant = time.fromWall({ year: 2020, month: 11, day: 1, hour: 1, minute: 30 });
      expect(instant).toEqual(at('2020-11-01T07:30:00Z'));
      expect(time.format(instant)).toBe('2020-11-01 01:30:00-06:00');
      expect(time.parse('2020-11-01 01:30:00')).toEqual(instant);
    });

    it('renders both occurrences of 01:30 with their own offsets', () => {
      expect(time.format(at('2020-11-01T06:30:00Z'))).toBe('2020-11-01 01:30:00-05:00');
      expect(time.format(at('2020-11-01T07:30:00Z'))).toBe('2020-11-01 01:30:00-06:00');
    });

    it('makes the day 25 hours long', () => {
      const dayStart = time.dayStart('2020-11-01');
      expect(dayStart).toEqual(at('2020-11-01T05:00:00Z'));
      expect(time.addDays(dayStart, 1)).toEqual(at('2020-11-02T06:00:00Z'));
      expect(time.addDays(dayStart, 1).getTime() - dayStart.getTime()).toBe(25 * HOUR_MS);
    });

    it('finds the real midnight (00:00−05:00) of a standard-time instant on the change day', () => {
      const tenInTheMorning = at('2020-11-01T16:00:00Z');
      expect(time.format(tenInTheMorning)).toBe('2020-11-01 10:00:00-06:00');
      expect(time.midnight(tenInTheMorning)).toEqual(at('2020-11-01T05:00:00Z'));
      expect(time.format(time.midnight(tenInTheMorning))).toBe('2020-11-01 00:00:00-05:00');
    });

    it('goes back a day across the change with a negative count', () => {
      expect(time.addDays(at('2020-11-02T06:00:00Z'), -1)).toEqual(at('2020-11-01T05:00:00Z'));
    });
  });

  describe('addDays', () => {
    it('rolls over month and year ends on the calendar', () => {
      expect(time.addDays(time.dayStart('2020-12-31'), 1)).toEqual(time.dayStart('2021-01-01'));
      expect(time.addDays(time.dayStart('2020-02-28'), 1)).toEqual(time.dayStart('2020-02-29'));
      expect(time.addDays(time.dayStart('2020-03-01'), -1)).toEqual(time.dayStart('2020-02-29'));
    });

    it('keeps milliseconds', () => {
      expect(time.addDays(at('2020-06-01T17:00:00.250Z'), 2)).toEqual(at('2020-06-03T17:00:00.250Z'));
    });
  });

  describe('format', () => {
    it('writes PyStr without a fraction when the milliseconds are zero', () => {
      expect(time.format(at('2019-06-01T05:00:00Z'))).toBe('2019-06-01 00:00:00-05:00');
      expect(time.format(at('2020-12-01T06:00:00Z'))).toBe('2020-12-01 00:00:00-06:00');
    });

    it('writes milliseconds as a six-digit fraction .mmm000', () => {
      expect(time.format(at('2019-06-02T09:00:33.234Z'))).toBe('2019-06-02 04:00:33.234000-05:00');
      expect(time.format(at('2019-06-02T09:00:33.005Z'))).toBe('2019-06-02 04:00:33.005000-05:00');
    });

    it('writes the floating (Socrata) and the offset-less wall forms', () => {
      expect(time.formatFloating(at('2019-06-02T09:00:33.234Z'))).toBe('2019-06-02T04:00:33');
      expect(time.formatWall(at('2019-06-02T09:00:33.234Z'))).toBe('2019-06-02 04:00:33');
    });

    it('pads early years and hours', () => {
      expect(time.format(earliest(time))).toBe('2000-01-01 00:00:00-06:00');
      expect(time.format(at('2020-01-05T07:04:09Z'))).toBe('2020-01-05 01:04:09-06:00');
    });
  });

  describe('parse', () => {
    it('reads PyStr with and without a fraction', () => {
      expect(time.parse('2019-06-01 00:00:00-05:00')).toEqual(at('2019-06-01T05:00:00Z'));
      expect(time.parse('2019-06-02 04:00:33.234377-05:00')).toEqual(at('2019-06-02T09:00:33.234Z'));
    });

    it('reads ISO 8601 with T, Z, +00:00 and compact offsets', () => {
      expect(time.parse('2019-06-02T04:00:33-05:00')).toEqual(at('2019-06-02T09:00:33Z'));
      expect(time.parse('2019-06-02T09:00:33Z')).toEqual(at('2019-06-02T09:00:33Z'));
      expect(time.parse('2019-06-02T09:00:33z')).toEqual(at('2019-06-02T09:00:33Z'));
      expect(time.parse('2019-06-02T09:00:33+00:00')).toEqual(at('2019-06-02T09:00:33Z'));
      expect(time.parse('2019-06-02T09:00:33+0000')).toEqual(at('2019-06-02T09:00:33Z'));
      expect(time.parse('2019-06-02T14:30:33+05:30')).toEqual(at('2019-06-02T09:00:33Z'));
    });

    it('reads a six-digit fraction (PostgREST) to the millisecond, truncating', () => {
      expect(time.parse('2019-06-02T09:00:33.999999+00:00')).toEqual(at('2019-06-02T09:00:33.999Z'));
      expect(time.parse('2019-06-02T09:00:33.5Z')).toEqual(at('2019-06-02T09:00:33.500Z'));
    });

    it('reads text without an offset as wall time in the zone', () => {
      expect(time.parse('2019-06-02 04:00')).toEqual(at('2019-06-02T09:00:00Z'));
      expect(time.parse('2019-12-02T04:00:00')).toEqual(at('2019-12-02T10:00:00Z'));
    });

    it('reads a bare date as that day’s midnight in the zone', () => {
      expect(time.parse('2020-10-01')).toEqual(at('2020-10-01T05:00:00Z'));
      expect(time.parse(' 2020-12-01 ')).toEqual(at('2020-12-01T06:00:00Z'));
    });

    it('round-trips its own PyStr output', () => {
      for (const iso of ['2020-11-01T06:30:00Z', '2020-11-01T07:30:00.123Z', '2020-03-08T08:00:00Z', '2019-06-01T03:00:00Z']) {
        expect(time.parse(time.format(at(iso)))).toEqual(at(iso));
      }
    });

    it.each(['2019-02-30', '2019-02-30 00:00:00-06:00', '2019-13-01', '2019-06-01 24:00', '2019-06-01 12:60', 'yesterday', '', '06-01-2019'])(
      'rejects %p with InvalidTimeText',
      (text) => {
        expect(() => time.parse(text)).toThrow(InvalidTimeText);
      },
    );

    it('names the bad text in the error', () => {
      expect(() => time.parse('2019-02-30')).toThrow(/"2019-02-30"/);
    });
  });

  describe('calendar days', () => {
    it('takes the calendar date from the zone, not UTC (2019-06-01T03:00Z is May 31)', () => {
      expect(time.calendarDate(at('2019-06-01T03:00:00Z'))).toBe('2019-05-31');
      expect(time.calendarDate(at('2019-06-01T05:00:00Z'))).toBe('2019-06-01');
    });

    it('dayStart gives the midnight of a calendar date and rejects dates that do not exist', () => {
      expect(time.dayStart('2019-06-01')).toEqual(at('2019-06-01T05:00:00Z'));
      expect(time.dayStart('2019-6-1')).toEqual(at('2019-06-01T05:00:00Z'));
      expect(() => time.dayStart('2019-02-30')).toThrow(InvalidTimeText);
      expect(() => time.dayStart('2019-06-01 10:00')).toThrow(InvalidTimeText);
    });

    it('sameDay compares zone calendar days', () => {
      expect(time.sameDay(at('2019-06-01T04:59:59Z'), at('2019-05-31T05:00:00Z'))).toBe(true);
      expect(time.sameDay(at('2019-06-01T04:59:59Z'), at('2019-06-01T05:00:00Z'))).toBe(false);
    });

    it('reports the zone offset in minutes', () => {
      expect(time.offsetMinutes(at('2020-07-01T12:00:00Z'))).toBe(-300);
      expect(time.offsetMinutes(at('2020-01-01T12:00:00Z'))).toBe(-360);
    });

    it('gives wall-clock fields with a 1-based month', () => {
      expect(time.wall(at('2020-11-01T07:30:00.042Z'))).toEqual({
        year: 2020,
        month: 11,
        day: 1,
        hour: 1,
        minute: 30,
        second: 0,
        millisecond: 42,
      });
    });
  });

  describe('now, today and daysAgo', () => {
    it('reads now from the injected clock', () => {
      expect(time.now()).toEqual(at('2020-11-15T18:00:00Z'));
      expect(time.withClock(() => at('2021-01-01T00:00:00Z')).now()).toEqual(at('2021-01-01T00:00:00Z'));
    });

    it('today is the zone’s midnight even when UTC is already on the next day', () => {
      const lateEvening = central('2020-11-16T05:30:00Z'); // 23:30 CST on the 15th
      expect(lateEvening.today()).toEqual(at('2020-11-15T06:00:00Z'));
    });

    it('daysAgo(30) from 2020-11-15 lands on 00:00−05:00 of 2020-10-16, across the fall-back', () => {
      const instant = time.daysAgo(30);
      expect(instant).toEqual(at('2020-10-16T05:00:00Z'));
      expect(time.format(instant)).toBe('2020-10-16 00:00:00-05:00');
    });

    it('daysAgo(0) is today’s midnight and a negative count is in the future', () => {
      expect(time.daysAgo(0)).toEqual(at('2020-11-15T06:00:00Z'));
      expect(time.daysAgo(-2)).toEqual(at('2020-11-17T06:00:00Z'));
    });

    it('daysAgo across the spring-forward lands on 00:00−06:00', () => {
      const april = central('2020-04-01T17:00:00Z');
      expect(april.format(april.daysAgo(25))).toBe('2020-03-07 00:00:00-06:00');
    });
  });

  it('earliest is 2000-01-01 midnight in the zone', () => {
    expect(earliest(time)).toEqual(at('2000-01-01T06:00:00Z'));
  });
});

describe('LakeTime in another zone (Europe/Berlin)', () => {
  const berlin = new LakeTime('Europe/Berlin', () => at('2020-03-30T12:00:00Z'));

  it('uses the configured zone for midnight, offsets and text', () => {
    expect(berlin.zone).toBe('Europe/Berlin');
    expect(berlin.dayStart('2020-03-29')).toEqual(at('2020-03-28T23:00:00Z'));
    expect(berlin.format(berlin.dayStart('2020-03-30'))).toBe('2020-03-30 00:00:00+02:00');
    expect(berlin.calendarDate(at('2020-03-29T23:30:00Z'))).toBe('2020-03-30');
  });

  it('has its own 23-hour day and ambiguous hour', () => {
    const dayStart = berlin.dayStart('2020-03-29');
    expect(berlin.addDays(dayStart, 1).getTime() - dayStart.getTime()).toBe(23 * HOUR_MS);
    expect(berlin.parse('2020-10-25 02:30')).toEqual(at('2020-10-25T01:30:00Z'));
    expect(berlin.parse('2020-03-29 02:30')).toEqual(at('2020-03-29T01:30:00Z'));
  });

  it('counts days back from its own midnight', () => {
    expect(berlin.daysAgo(1)).toEqual(at('2020-03-28T23:00:00Z'));
  });
});

it('rejects an unknown zone with InvalidTimeZone', () => {
  expect(() => new LakeTime('Mars/Olympus_Mons')).toThrow(InvalidTimeZone);
});

describe('independence from the host time zone', () => {
  // The host zone cannot be switched inside a Jest worker, so the module is compiled to a temp dir
  // and run in child processes whose own DST gap contains the probed wall times (there dayjs's
  // tz plugin used to slip an hour).
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-time-'));
    fs.mkdirSync(path.join(dir, 'time'));
    for (const file of ['errors.ts', 'time/lake-time.ts']) {
      const source = fs.readFileSync(path.join(__dirname, '..', file), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      });
      fs.writeFileSync(path.join(dir, file.replace(/\.ts$/, '.js')), outputText);
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const probes: Array<[string, string, string]> = [
    ['America/Chicago', '2020-03-29T07:30:00Z', '2020-03-29 02:30:00-05:00'],
    ['Europe/Berlin', '2020-03-08T01:30:00Z', '2020-03-08 02:30:00+01:00'],
    ['America/Chicago', '2020-11-01T07:30:00Z', '2020-11-01 01:30:00-06:00'],
  ];

  it.each(['Europe/Berlin', 'America/New_York', 'America/Chicago', 'UTC'])('formats, parses and finds midnights the same with TZ=%s', (hostZone) => {
    const script = `
      const { LakeTime } = require(${JSON.stringify(path.join(dir, 'time', 'lake-time.js'))});
      const probes = ${JSON.stringify(probes)};
      console.log(JSON.stringify(probes.map(([zone, iso]) => {
        const time = new LakeTime(zone);
        const instant = new Date(iso);
        return [time.format(instant), time.midnight(instant).toISOString(), time.parse(time.format(instant)).toISOString()];
      })));`;
    const child = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: hostZone }, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const results = JSON.parse(child.stdout) as Array<[string, string, string]>;
    results.forEach(([text, midnight, roundTrip], index) => {
      const [zone, iso, expected] = probes[index];
      expect(text).toBe(expected);
      expect(midnight).toBe(new LakeTime(zone).midnight(at(iso)).toISOString());
      expect(roundTrip).toBe(at(iso).toISOString());
    });
  });
});
