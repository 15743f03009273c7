// The one place where lake turns instants into calendar days and back. Every day boundary,
// midnight and "+1 day" is computed on the configured zone's wall clock, never the host's, so a
// day may be 23 or 25 hours long.
//
// Formatting goes through Intl only: dayjs's tz plugin reads the host zone internally and shifts
// wall times by an hour while the *host* is inside its own DST gap.
import { LakeError } from '../errors';

export const DEFAULT_TIME_ZONE = 'America/Chicago';

/** Wall-clock fields in the lake's zone. `month` is 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Minutes of offsets remembered (a week of distinct minutes) before the cache starts over. */
const OFFSET_CACHE_LIMIT = 10_080;

export class InvalidTimeZone extends LakeError {
  constructor(zone: string) {
    super('INVALID_TIME_ZONE', `unknown time zone "${zone}"`, 'use an IANA zone id such as America/Chicago');
  }
}

export class LakeTime {
  private readonly partsFormat: Intl.DateTimeFormat;
  private readonly offsetByMinute = new Map<number, number>();

  constructor(
    readonly zone: string = DEFAULT_TIME_ZONE,
    private readonly clock: () => Date = () => new Date(),
  ) {
    try {
      this.partsFormat = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new InvalidTimeZone(zone);
    }
  }

  /** The current instant (injectable for tests). */
  now(): Date {
    return this.clock();
  }

  /** A copy of this calendar that reads "now" from another clock. */
  withClock(clock: () => Date): LakeTime {
    return new LakeTime(this.zone, clock);
  }

  /** The zone's wall-clock fields of an instant. */
  wall(instant: Date): WallTime {
    const shifted = new Date(instant.getTime() + this.offsetMinutes(instant) * MINUTE_MS);
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      millisecond: shifted.getUTCMilliseconds(),
    };
  }


  /** UTC offset of the zone at an instant, in minutes (Central: -300 or -360). */
  offsetMinutes(instant: Date): number {
    // Intl is slow (tens of µs a call) and stages format every row: offsets change on whole
    // minutes, so one lookup per minute of time serves every instant in it.
    const minute = Math.floor(instant.getTime() / MINUTE_MS);
    let offset = this.offsetByMinute.get(minute);
    if (offset === undefined) {
      if (this.offsetByMinute.size >= OFFSET_CACHE_LIMIT) this.offsetByMinute.clear();
      offset = this.intlOffsetMinutes(new Date(minute * MINUTE_MS));
      this.offsetByMinute.set(minute, offset);
    }
    return offset;
  }

  private intlOffsetMinutes(instant: Date): number {
    const parts: Record<string, number> = {};
    for (const part of this.partsFormat.formatToParts(instant)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return Math.round((asUtc - instant.getTime()) / MINUTE_MS);
  }


  /**
   * The instant of a wall-clock time in the zone. An ambiguous time (the repeated hour when
   * clocks fall back) resolves to the later, standard-time instant; a time that does not exist
   * (skipped when clocks spring forward) is read with the offset in force before the gap. Both
   * match what the original system produced.
   */
  fromWall(fields: Partial<WallTime> & Pick<WallTime, 'year' | 'month' | 'day'>): Date {
    const wallMs = Date.UTC(
      fields.year,
      fields.month - 1,
      fields.day,
      fields.hour ?? 0,
      fields.minute ?? 0,
      fields.second ?? 0,
      fields.millisecond ?? 0,
    );
    const offsetBefore = this.offsetMinutes(new Date(wallMs - DAY_MS));
    const offsetAfter = this.offsetMinutes(new Date(wallMs + DAY_MS));
    const candidates = [...new Set([offsetBefore, offsetAfter])]
      .map((offset) => new Date(wallMs - offset * MINUTE_MS))
      .filter((instant) => this.sameWall(instant, wallMs))
      .sort((a, b) => b.getTime() - a.getTime());
    return candidates[0] ?? new Date(wallMs - offsetBefore * MINUTE_MS);
  }

  /** Midnight that starts the zone's calendar day of `instant`. */
  midnight(instant: Date): Date {
    const { year, month, day } = this.wall(instant);
    return this.fromWall({ year, month, day });
  }

  /** Midnight of a calendar date `YYYY-MM-DD`. */
  dayStart(calendarDate: string): Date {
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(calendarDate.trim());
    if (!match) throw new InvalidTimeText(calendarDate, 'expected YYYY-MM-DD');
    const fields = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: 0, minute: 0, second: 0, millisecond: 0 };
    if (!validWall(fields)) throw new InvalidTimeText(calendarDate, 'no such calendar date');
    return this.fromWall(fields);
  }

  /** The same wall-clock time `days` calendar days later (earlier when negative). */
  addDays(instant: Date, days: number): Date {
    const wall = this.wall(instant);
    const shifted = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
    return this.fromWall({
      ...wall,
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
    });
  }

  /** Midnight `days` calendar days before today's midnight (the `-s N` form). */
  daysAgo(days: number): Date {
    return this.addDays(this.midnight(this.now()), -days);
  }

  /** Today's midnight in the zone. */
  today(): Date {
    return this.midnight(this.now());
  }

  /** `YYYY-MM-DD` of the zone's calendar day of `instant`. */
  calendarDate(instant: Date): string {
    const wall = this.wall(instant);
    return `${String(wall.year).padStart(4, '0')}-${pad(wall.month)}-${pad(wall.day)}`;
  }

  /**
   * The original system's timestamp text: `YYYY-MM-DD HH:MM:SS[.ffffff]±HH:MM`, fraction only
   * when non-zero. JS instants carry milliseconds, written as `.mmm000`.
   */
  format(instant: Date): string {
    const millisecond = this.wall(instant).millisecond;
    const fraction = millisecond === 0 ? '' : `.${String(millisecond).padStart(3, '0')}000`;
    return `${this.formatWall(instant)}${fraction}${offsetText(this.offsetMinutes(instant))}`;
  }

  /** Socrata's floating timestamp: the zone's wall clock as `YYYY-MM-DDTHH:MM:SS`. */
  formatFloating(instant: Date): string {
    return this.formatWall(instant).replace(' ', 'T');
  }

  /** Wall-clock text without offset: `YYYY-MM-DD HH:MM:SS`. */
  formatWall(instant: Date): string {
    const wall = this.wall(instant);
    return `${this.calendarDate(instant)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
  }

  /**
   * Read a timestamp: the original's text form (space separator, optional fraction of any
   * length, optional offset), ISO 8601 with `T` or `Z`, or a bare date. Text without an offset is
   * wall time in the zone.
   */
  parse(text: string): Date {
    const match = TIMESTAMP_PATTERN.exec(text.trim());
    if (!match) throw new InvalidTimeText(text, 'expected YYYY-MM-DD[ HH:MM[:SS[.fff]]][±HH:MM|Z]');
    const [, year, month, day, hour, minute, second, fraction, zoneText] = match;
    const fields: WallTime = {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour ?? 0),
      minute: Number(minute ?? 0),
      second: Number(second ?? 0),
      millisecond: fraction ? Math.floor(Number(`0.${fraction}`) * 1000 + 1e-6) : 0,
    };
    if (!validWall(fields)) throw new InvalidTimeText(text, 'no such calendar date or time');
    if (zoneText === undefined) return this.fromWall(fields);
    const utcMs = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);
    return new Date(utcMs - parseOffset(zoneText) * MINUTE_MS);
  }

  /** True when both instants fall on the same calendar day in the zone. */
  sameDay(a: Date, b: Date): boolean {
    return this.calendarDate(a) === this.calendarDate(b);
  }

  private sameWall(instant: Date, wallMs: number): boolean {
    const wall = this.wall(instant);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond) === wallMs;
  }
}

export class InvalidTimeText extends LakeError {
  constructor(text: string, why: string) {
    super('INVALID_TIME', `cannot read "${text}" as a time: ${why}`);
  }
}

const TIMESTAMP_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseOffset(zoneText: string): number {
  if (zoneText.toUpperCase() === 'Z') return 0;
  const sign = zoneText.startsWith('-') ? -1 : 1;
  const digits = zoneText.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `±HH:MM`, as Python's `isoformat` writes a UTC offset. */
function offsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}

function validWall(fields: WallTime): boolean {
  const probe = new Date(Date.UTC(fields.year, fields.month - 1, fields.day));
  return (
    probe.getUTCMonth() === fields.month - 1 &&
    probe.getUTCDate() === fields.day &&
    fields.hour < 24 &&
    fields.minute < 60 &&
    fields.second < 60
  );
}

/** Lower bound meaning "from the beginning": 2000-01-01 midnight in the zone. */
export function earliest(time: LakeTime): Date {
  return time.dayStart('2000-01-01');
}
