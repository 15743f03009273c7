import type { DateRange } from '../compare/provider';
import { UsageError } from '../errors';
import { LakeTime } from '../time/lake-time';
import { describeDateRange, resolveDateRange, type RunOptions } from './run-options';

const HOUR_MS = 3_600_000;
const at = (iso: string) => new Date(iso);
// "Now" is 2020-11-15 12:00 CST, two weeks after the fall-back.
const time = new LakeTime('America/Chicago', () => at('2020-11-15T18:00:00Z'));
const resolve = (options: RunOptions) => resolveDateRange(options, time);
const startOf = (options: RunOptions) => time.format(resolve(options).start as Date);

function usageErrorOf(options: RunOptions): UsageError {
  try {
    resolve(options);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('resolveDateRange', () => {
  describe('a lower bound is required (§13.1)', () => {
    it.each<[string, RunOptions]>([
      ['no options', {}],
      ['an end date alone', { endDate: '2020-10-01' }],
      ['empty -r and -s', { lastRunDate: '', startDate: '  ' }],
    ])('refuses %s with the original message and a hint', (_, options) => {
      const error = usageErrorOf(options);
      expect(error.message).toBe('A last_run_date or start_date must be specified.');
      expect(error.code).toBe('USAGE');
      expect(error.exitCode).toBe(2);
      expect(error.hint).toMatch(/--start_date/);
    });
  });

  describe('-s as a day count (§13.2)', () => {
    it('-s 0 is today’s Central midnight', () => {
      expect(resolve({ startDate: '0' }).start).toEqual(at('2020-11-15T06:00:00Z'));
    });

    it('-s 30 lands on 00:00−05:00 thirty calendar days back, across the fall-back', () => {
      expect(resolve({ startDate: '30' }).start).toEqual(at('2020-10-16T05:00:00Z'));
      expect(startOf({ startDate: '30' })).toBe('2020-10-16 00:00:00-05:00');
    });

    it('-s 10 stays at 00:00−06:00 when no DST change is crossed', () => {
      expect(startOf({ startDate: '10' })).toBe('2020-11-05 00:00:00-06:00');
    });

    it('counts from the Central day, not the UTC day', () => {
      const lateEvening = new LakeTime('America/Chicago', () => at('2020-11-16T05:30:00Z')); // 23:30 CST on the 15th
      expect(resolveDateRange({ startDate: '0' }, lateEvening).start).toEqual(at('2020-11-15T06:00:00Z'));
    });

    it('accepts Python integer spelling: sign and surrounding whitespace', () => {
      expect(resolve({ startDate: ' +30 ' }).start).toEqual(at('2020-10-16T05:00:00Z'));
    });

    it('accepts the explicit Nd form', () => {
      expect(resolve({ startDate: '30d' }).start).toEqual(at('2020-10-16T05:00:00Z'));
      expect(resolve({ startDate: '0d' }).start).toEqual(at('2020-11-15T06:00:00Z'));
    });

    it('reads a negative count as a future midnight', () => {
      expect(resolve({ startDate: '-2' }).start).toEqual(at('2020-11-17T06:00:00Z'));
      expect(resolve({ startDate: '-2d' }).start).toEqual(at('2020-11-17T06:00:00Z'));
    });

    it('reads up to five digits as a day count', () => {
      expect(time.calendarDate(resolve({ startDate: '10000' }).start as Date)).toBe('1993-06-30');
    });
  });

  describe('-s as a date (§13.3)', () => {
    it('-s 2020-10-01 is that day’s midnight, 00:00−05:00', () => {
      expect(startOf({ startDate: '2020-10-01' })).toBe('2020-10-01 00:00:00-05:00');
    });

    it('truncates a wall time to its day’s midnight', () => {
      expect(startOf({ startDate: '2020-10-01 08:30' })).toBe('2020-10-01 00:00:00-05:00');
      expect(startOf({ startDate: '2020-10-01T23:59:59.999' })).toBe('2020-10-01 00:00:00-05:00');
    });

    it('truncates to the real midnight on a DST-change day (C-13)', () => {
      expect(startOf({ startDate: '2020-11-01 10:00' })).toBe('2020-11-01 00:00:00-05:00');
      expect(startOf({ startDate: '2020-03-08 12:00' })).toBe('2020-03-08 00:00:00-06:00');
    });

    it('converts an explicit offset or Z to Central before truncating (C-11)', () => {
      expect(startOf({ startDate: '2020-10-01T08:30Z' })).toBe('2020-10-01 00:00:00-05:00');
      expect(startOf({ startDate: '2020-10-01T03:00:00Z' })).toBe('2020-09-30 00:00:00-05:00');
      expect(startOf({ startDate: '2020-10-01 03:00:00+00:00' })).toBe('2020-09-30 00:00:00-05:00');
      expect(startOf({ startDate: '2020-10-01 23:30:00-07:00' })).toBe('2020-10-02 00:00:00-05:00');
    });

    it('reads an all-digit 20200901 as the date 2020-09-01, not a day count (C-20)', () => {
      expect(startOf({ startDate: '20200901' })).toBe('2020-09-01 00:00:00-05:00');
    });

    it.each(['20200931', '123456', 'yesterday', '2019-02-30', '10/01/2020'])(
      'rejects %p naming -s/--start_date and the value',
      (startDate) => {
        const error = usageErrorOf({ startDate });
        expect(error.message).toContain('-s/--start_date');
        expect(error.message).toContain(`"${startDate}"`);
        expect(error.hint).toBeDefined();
      },
    );
  });

  describe('windows and exact mode (§13.4)', () => {
    it('-s 2020-11-01 -e 2020-11-02 is one 25-hour day', () => {
      const range = resolve({ startDate: '2020-11-01', endDate: '2020-11-02' });
      expect(range).toEqual<DateRange>({
        start: at('2020-11-01T05:00:00Z'),
        end: at('2020-11-02T06:00:00Z'),
        lastRun: null,
        exact: false,
      });
      expect((range.end as Date).getTime() - (range.start as Date).getTime()).toBe(25 * HOUR_MS);
    });

    it('-s 2020-03-08 -e 2020-03-09 is one 23-hour day', () => {
      const range = resolve({ startDate: '2020-03-08', endDate: '2020-03-09' });
      expect((range.end as Date).getTime() - (range.start as Date).getTime()).toBe(23 * HOUR_MS);
    });

    it('-s X -e X is exact mode', () => {
      const range = resolve({ startDate: '2020-10-01', endDate: '2020-10-01' });
      expect(range.exact).toBe(true);
      expect(range.start).toEqual(range.end);
    });

    it('is exact when two spellings of the same day truncate to the same midnight', () => {
      expect(resolve({ startDate: '2020-10-01', endDate: '2020-10-01 15:00' }).exact).toBe(true);
      expect(resolve({ startDate: '0', endDate: '2020-11-15' }).exact).toBe(true);
    });

    it('is not exact without an end', () => {
      expect(resolve({ startDate: '2020-10-01' }).exact).toBe(false);
    });

    it('rejects an unreadable end naming -e/--end_date', () => {
      const error = usageErrorOf({ startDate: '30', endDate: 'tomorrow' });
      expect(error.message).toContain('-e/--end_date');
      expect(error.message).toContain('"tomorrow"');
    });
  });

  describe('-r, the last run date (§13.5)', () => {
    it('-r 0 alone starts at 2000-01-01 Central midnight', () => {
      expect(resolve({ lastRunDate: '0' })).toEqual<DateRange>({
        start: at('2000-01-01T06:00:00Z'),
        end: null,
        lastRun: at('2000-01-01T06:00:00Z'),
        exact: false,
      });
    });

    it('-r 2020-01-01 alone is both the lower bound and the last run', () => {
      const range = resolve({ lastRunDate: '2020-01-01' });
      expect(range.start).toEqual(at('2020-01-01T06:00:00Z'));
      expect(range.lastRun).toEqual(at('2020-01-01T06:00:00Z'));
    });

    it('-s wins over -r for the lower bound; -r is kept as the last run', () => {
      const range = resolve({ lastRunDate: '0', startDate: '60' });
      expect(range.start).toEqual(at('2020-09-16T05:00:00Z'));
      expect(range.lastRun).toEqual(at('2000-01-01T06:00:00Z'));
    });

    it('reads a long number as UNIX seconds, truncated to the Central midnight', () => {
      expect(resolve({ lastRunDate: '1601528400' }).lastRun).toEqual(at('2020-10-01T05:00:00Z'));
      expect(resolve({ lastRunDate: '1601571600.5' }).lastRun).toEqual(at('2020-10-01T05:00:00Z'));
      // 2020-10-01T03:00Z is still 2020-09-30 in Central.
      expect(resolve({ lastRunDate: '1601521200' }).lastRun).toEqual(at('2020-09-30T05:00:00Z'));
    });

    it('reads UNIX seconds for -e too', () => {
      expect(resolve({ startDate: '2020-09-01', endDate: '1601571600' }).end).toEqual(at('2020-10-01T05:00:00Z'));
    });

    it('-e 0 is the earliest date, as the original parser gave', () => {
      expect(resolve({ startDate: '30', endDate: '0' }).end).toEqual(at('2000-01-01T06:00:00Z'));
    });

    it('refuses a short number for -r, which is neither a date nor plausible UNIX time', () => {
      const error = usageErrorOf({ lastRunDate: '30' });
      expect(error.message).toContain('-r/--last_run_date');
      expect(error.hint).toMatch(/-s\/--start_date/);
    });
  });

  it('ignores the non-date options', () => {
    const options: RunOptions = { startDate: '0', force: true, simulate: true, outputPath: '/tmp/out', debug: true, sourcedir: '.' };
    expect(resolve(options).start).toEqual(at('2020-11-15T06:00:00Z'));
  });
});

describe('describeDateRange', () => {
  const describeOptions = (options: RunOptions) => describeDateRange(resolve(options), time);

  it('says "<start> only" in exact mode', () => {
    expect(describeOptions({ startDate: '2020-11-01', endDate: '2020-11-01' })).toBe('2020-11-01 00:00:00-05:00 only');
  });

  it('says "<start> up to <end>" for a window', () => {
    expect(describeOptions({ startDate: '2020-11-01', endDate: '2020-11-02' })).toBe(
      '2020-11-01 00:00:00-05:00 up to 2020-11-02 00:00:00-06:00',
    );
  });

  it('says "<start> onward" without an end', () => {
    expect(describeOptions({ startDate: '30' })).toBe('2020-10-16 00:00:00-05:00 onward');
  });

  it('gives null when there is neither start nor end', () => {
    expect(describeDateRange({ start: null, end: null, lastRun: null, exact: false }, time)).toBeNull();
  });

  it('describes an end-only range', () => {
    expect(describeDateRange({ start: null, end: at('2020-10-01T05:00:00Z'), lastRun: null, exact: false }, time)).toBe(
      'up to 2020-10-01 00:00:00-05:00',
    );
  });
});
