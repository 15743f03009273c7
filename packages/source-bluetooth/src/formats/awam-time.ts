// AWAM timestamps (bluetooth.md §3.3): `6/1/2019 12:00:05 AM` (long) and `6/1/2019 12:00 AM`
// (short), read exactly as upstream's Python `strptime('%m/%d/%Y %I:%M:%S %p')` read them, then
// placed in the lake's zone.
import type { LakeTime, WallTime } from '@lake/core';

export type AwamTimeFormat = 'long' | 'short';

// What Python's `\s` matches in a str pattern (str.isspace), which differs from JS's `\s`
// (Python adds \x1c-\x1f and \x85; JS adds \ufeff).
const SPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+';

// strptime's own alternations, in its order. `%d` also takes a space and one digit, so
// `6/ 3/2019` is a date; `%S` takes 60 and 61, which the datetime constructor then rejects.
const MONTH = '(1[0-2]|0[1-9]|[1-9])';
const DAY = '(3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9])';
const YEAR = '([0-9]{4})';
const HOUR12 = '(1[0-2]|0[1-9]|[1-9])';
const MINUTE = '([0-5][0-9]|[0-9])';
const SECOND = '(6[01]|[0-5][0-9]|[0-9])';
const MERIDIEM = '(am|pm)';

const DATE = `${MONTH}/${DAY}/${YEAR}`;
const LONG = new RegExp(`^${DATE}${SPACE}${HOUR12}:${MINUTE}:${SECOND}${SPACE}${MERIDIEM}$`, 'i');
const SHORT = new RegExp(`^${DATE}${SPACE}${HOUR12}:${MINUTE}${SPACE}${MERIDIEM}$`, 'i');

/**
 * The wall-clock fields of an AWAM time, or null when the text is not one. The short form also
 * accepts a value with seconds: the docs describe TMSR times with seconds while the code read
 * them without, and every such time would otherwise be lost (B-4).
 */
export function parseAwamWall(text: string, format: AwamTimeFormat): WallTime | null {
  const long = LONG.exec(text);
  if (long) return toWall(long[1], long[2], long[3], long[4], long[5], long[6], long[7]);
  if (format === 'long') return null;
  const short = SHORT.exec(text);
  return short ? toWall(short[1], short[2], short[3], short[4], short[5], '0', short[6]) : null;
}

/**
 * The instant of an AWAM time in the lake's zone, or null. The repeated hour of a fall-back day
 * is read as standard time and a spring-forward gap time keeps the standard offset, as upstream
 * did (core.md §0.1, B-17).
 */
export function parseAwamTime(text: string, format: AwamTimeFormat, time: LakeTime): Date | null {
  const wall = parseAwamWall(text, format);
  return wall ? time.fromWall(wall) : null;
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));
const SLASH = 0x2f;
const COLON = 0x3a;
const SPACE_CODE = 0x20;
const DIGIT_0 = 0x30;

/**
 * AWAM time text → the lake's timestamp text, as `time.format(parseAwamTime(text, format, time))`
 * gives it, but fast: LakeTime answers through Intl (tens of µs a call, several calls per time)
 * and an IAF holds two times on each of ~435k rows. The usual spelling (`6/1/2019 12:00:05 AM`:
 * digits, single spaces) is read by hand; anything else goes through parseAwamWall. A day whose
 * UTC offset is the same from two days before to three days after (no clock change near it: all
 * but a few days a year) gets its text by arithmetic; a day near a clock change asks LakeTime.
 */
export class AwamTimeText {
  /** Calendar day (y·10⁴ + m·10² + d) → its constant offset in minutes, or null near a change. */
  private readonly dayOffsets = new Map<number, number | null>();
  private lastText = '';
  private lastResult: string | null = null;
  private dayKey = -1;
  private dayPrefix = '';
  private daySuffix: string | null = null;

  constructor(
    private readonly time: LakeTime,
    readonly format: AwamTimeFormat,
  ) {}

  /** The timestamp text, or null when `text` is not an AWAM time of this format. */
  convert(text: string): string | null {
    // Rows come in time order: the same text often follows itself.
    if (text === this.lastText) return this.lastResult;
    let result: string | null | undefined = this.usualText(text);
    if (result === undefined) {
      const wall = parseAwamWall(text, this.format);
      result = wall === null ? null : this.textOf(wall);
    }
    this.lastText = text;
    this.lastResult = result;
    return result;
  }

  /**
   * The text of `M/D/YYYY h:mm:ss AM` (short: also without `:ss`) with every value in range on a
   * day without a clock change; undefined for anything else, which parseAwamWall then decides.
   */
  private usualText(text: string): string | undefined {
    const length = text.length;
    let index = 0;
    // Up to `maxDigits` digits at `index` (moved past them) as a number; -1 when there are none.
    const number = (maxDigits: number): number => {
      let value = -1;
      for (let digits = 0; digits < maxDigits && index < length; digits++) {
        const digit = text.charCodeAt(index) - DIGIT_0;
        if (digit < 0 || digit > 9) break;
        value = (value < 0 ? 0 : value * 10) + digit;
        index++;
      }
      return value;
    };
    const month = number(2);
    if (month < 1 || month > 12 || text.charCodeAt(index++) !== SLASH) return undefined;
    const day = number(2);
    if (day < 1 || text.charCodeAt(index++) !== SLASH) return undefined;
    const yearStart = index;
    const year = number(4);
    if (index - yearStart !== 4 || year < 100 || day > daysInMonth(year, month) || text.charCodeAt(index++) !== SPACE_CODE) return undefined;
    const hour = number(2);
    if (hour < 1 || hour > 12 || text.charCodeAt(index++) !== COLON) return undefined;
    const minuteStart = index;
    const minute = number(2);
    if (index - minuteStart !== 2 || minute > 59) return undefined;
    let second = 0;
    if (text.charCodeAt(index) === COLON) {
      index++;
      const secondStart = index;
      second = number(2);
      if (index - secondStart !== 2 || second > 59) return undefined;
    } else if (this.format === 'long') {
      return undefined;
    }
    if (index !== length - 3 || text.charCodeAt(index) !== SPACE_CODE) return undefined;
    const meridiem = text.charCodeAt(index + 1) | 0x20;
    if ((meridiem !== 0x61 && meridiem !== 0x70) || (text.charCodeAt(index + 2) | 0x20) !== 0x6d) return undefined;
    const suffix = this.suffixOfDay(year, month, day);
    if (suffix === null) return undefined;
    const hour24 = (hour % 12) + (meridiem === 0x70 ? 12 : 0);
    return `${this.dayPrefix}${TWO_DIGITS[hour24]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}${suffix}`;
  }

  /** Sets `dayPrefix` (`YYYY-MM-DD `) and returns the day's offset text, or null near a change. */
  private suffixOfDay(year: number, month: number, day: number): string | null {
    const key = year * 10_000 + month * 100 + day;
    if (key !== this.dayKey) {
      const offset = this.steadyOffset(year, month, day);
      this.dayKey = key;
      this.dayPrefix = `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]} `;
      this.daySuffix = offset === null ? null : offsetText(offset);
    }
    return this.daySuffix;
  }

  private textOf(wall: WallTime): string {
    const offset = this.steadyOffset(wall.year, wall.month, wall.day);
    if (offset === null) return this.time.format(this.time.fromWall(wall));
    return `${String(wall.year).padStart(4, '0')}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${offsetText(offset)}`;
  }

  private steadyOffset(year: number, month: number, day: number): number | null {
    const key = year * 10_000 + month * 100 + day;
    let offset = this.dayOffsets.get(key);
    if (offset === undefined) {
      const midnight = Date.UTC(year, month - 1, day);
      offset = this.time.offsetMinutes(new Date(midnight - 2 * DAY_MS));
      for (let days = -1; days <= 3 && offset !== null; days++) {
        if (this.time.offsetMinutes(new Date(midnight + days * DAY_MS)) !== offset) offset = null;
      }
      this.dayOffsets.set(key, offset);
    }
    return offset;
  }
}

/** Days of a month in the proleptic Gregorian calendar (as Date.UTC counts them). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** `±HH:MM`, as LakeTime.format writes an offset. */
function offsetText(offsetMinutes: number): string {
  const magnitude = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}

function toWall(month: string, day: string, year: string, hour: string, minute: string, second: string, meridiem: string): WallTime | null {
  const wall: WallTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day.trim()),
    hour: (Number(hour) % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0),
    minute: Number(minute),
    second: Number(second),
    millisecond: 0,
  };
  return isRealWall(wall) ? wall : null;
}

/**
 * Python accepts years 1–9999; years below 100 are refused here as well, because JS reads them
 * as 19xx and no AWAM reader existed then.
 */
function isRealWall(wall: WallTime): boolean {
  if (wall.year < 100 || wall.second > 59) return false;
  const probe = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  return probe.getUTCMonth() === wall.month - 1 && probe.getUTCDate() === wall.day;
}
