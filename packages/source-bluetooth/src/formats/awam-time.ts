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
/** Bytes of the lake text of a usual time: `YYYY-MM-DD HH:MM:SS±HH:MM`. */
export const USUAL_TIME_BYTES = 25;
const DAY_PREFIX_BYTES = 11;

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
  /** `±HH:MM` of the current day; empty near a clock change (strings only: one hidden class). */
  private daySuffix = '';
  private readonly dayBytes = new Uint8Array(USUAL_TIME_BYTES - 8);
  /**
   * The bytes writeUsual last read and the text it wrote for them (times repeat row after row);
   * while remembered, the fields above are still theirs.
   */
  private readonly lastBytes = new Uint8Array(24);
  private lastBytesLength = 0;
  private readonly lastWritten = new Uint8Array(USUAL_TIME_BYTES);
  // The time of day last read by readUsual, and its text once asked for.
  private hour24 = 0;
  private minute = 0;
  private second = 0;
  private lastUsualKey = -1;
  private lastUsual = '';
  /** The usual spelling is at most `12/31/2019 12:59:59 AM` long; text is read here as bytes. */
  private readonly scratch = new Uint8Array(24);

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
    if (length > this.scratch.length) return undefined;
    for (let index = 0; index < length; index++) {
      const code = text.charCodeAt(index);
      // Not ASCII: never the usual spelling (and a byte copy would alias other characters).
      if (code > 0x7f) return undefined;
      this.scratch[index] = code;
    }
    // The time of day read here replaces the one writeUsual remembers its bytes for.
    this.lastBytesLength = 0;
    if (this.readUsual(this.scratch, 0, length) !== length) return undefined;
    return this.lastUsualText();
  }

  /**
   * Writes the lake text of the usual time at `bytes[start..]` (read no further than `limit`) to
   * `out[at..at + USUAL_TIME_BYTES)` and returns where the time ends in `bytes`, or -1 when the
   * bytes there are not the usual spelling (convert() then decides what they are). The caller
   * checks that the field ends where the time does.
   */
  writeUsual(bytes: Uint8Array, start: number, limit: number, out: Uint8Array, at: number): number {
    const written = this.lastWritten;
    // The same bytes read the same way (reading never looks past the time's last byte).
    if (this.repeatsLast(bytes, start, limit)) {
      for (let index = 0; index < USUAL_TIME_BYTES; index++) out[at + index] = written[index];
      return start + this.lastBytesLength;
    }
    const end = this.readUsual(bytes, start, limit);
    if (end < 0) return -1;
    const day = this.dayBytes;
    for (let index = 0; index < DAY_PREFIX_BYTES; index++) written[index] = day[index];
    let index = twoDigits(written, DAY_PREFIX_BYTES, this.hour24);
    written[index++] = COLON;
    index = twoDigits(written, index, this.minute);
    written[index++] = COLON;
    index = twoDigits(written, index, this.second);
    for (let offset = DAY_PREFIX_BYTES; offset < USUAL_TIME_BYTES - 8; offset++) written[index++] = day[offset];
    for (let offset = 0; offset < USUAL_TIME_BYTES; offset++) out[at + offset] = written[offset];
    this.lastBytesLength = end - start;
    for (let offset = 0; offset < end - start; offset++) this.lastBytes[offset] = bytes[start + offset];
    return end;
  }

  private repeatsLast(bytes: Uint8Array, start: number, limit: number): boolean {
    const length = this.lastBytesLength;
    if (length === 0 || start + length > limit) return false;
    const last = this.lastBytes;
    // From the end: seconds change first.
    for (let offset = length - 4; offset >= 0; offset--) if (bytes[start + offset] !== last[offset]) return false;
    for (let offset = length - 3; offset < length; offset++) if (bytes[start + offset] !== last[offset]) return false;
    return true;
  }

  /** The text of the time last read by writeUsual (or usualText), built once per distinct time. */
  lastUsualText(): string {
    const key = (this.dayKey * 24 + this.hour24) * 3600 + this.minute * 60 + this.second;
    if (key !== this.lastUsualKey) {
      this.lastUsualKey = key;
      this.lastUsual = `${this.dayPrefix}${TWO_DIGITS[this.hour24]}:${TWO_DIGITS[this.minute]}:${TWO_DIGITS[this.second]}${this.daySuffix}`;
    }
    return this.lastUsual;
  }

  /**
   * Reads `M/D/YYYY h:mm:ss AM` (short: also without `:ss`) with every value in range on a day
   * without a clock change from `bytes[start..limit)`: sets the day's texts and the time of day,
   * returns where the time ends, or -1 for anything else.
   */
  private readUsual(bytes: Uint8Array, start: number, limit: number): number {
    let index = start;
    let read = digitsAt(bytes, index, limit, 2);
    const month = read >> 3;
    index += read & 7;
    if (month < 1 || month > 12 || !isAt(bytes, index++, limit, SLASH)) return -1;
    read = digitsAt(bytes, index, limit, 2);
    const day = read >> 3;
    index += read & 7;
    if (day < 1 || !isAt(bytes, index++, limit, SLASH)) return -1;
    read = digitsAt(bytes, index, limit, 4);
    const year = read >> 3;
    index += read & 7;
    if ((read & 7) !== 4 || year < 100 || day > daysInMonth(year, month) || !isAt(bytes, index++, limit, SPACE_CODE)) return -1;
    read = digitsAt(bytes, index, limit, 2);
    const hour = read >> 3;
    index += read & 7;
    if (hour < 1 || hour > 12 || !isAt(bytes, index++, limit, COLON)) return -1;
    read = digitsAt(bytes, index, limit, 2);
    const minute = read >> 3;
    index += read & 7;
    if ((read & 7) !== 2 || minute > 59) return -1;
    let second = 0;
    if (isAt(bytes, index, limit, COLON)) {
      read = digitsAt(bytes, index + 1, limit, 2);
      second = read >> 3;
      index += 1 + (read & 7);
      if ((read & 7) !== 2 || second > 59) return -1;
    } else if (this.format === 'long') {
      return -1;
    }
    if (index + 3 > limit || bytes[index] !== SPACE_CODE) return -1;
    const meridiem = bytes[index + 1] | 0x20;
    if ((meridiem !== 0x61 && meridiem !== 0x70) || (bytes[index + 2] | 0x20) !== 0x6d) return -1;
    if (!this.steadyDay(year, month, day)) return -1;
    this.hour24 = (hour % 12) + (meridiem === 0x70 ? 12 : 0);
    this.minute = minute;
    this.second = second;
    return index + 3;
  }

  /** Makes `year-month-day` the current day (its texts and bytes); false near a clock change. */
  private steadyDay(year: number, month: number, day: number): boolean {
    const key = year * 10_000 + month * 100 + day;
    if (key !== this.dayKey) {
      const offset = this.steadyOffset(year, month, day);
      this.dayKey = key;
      this.dayPrefix = `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]} `;
      this.daySuffix = offset === null ? '' : offsetText(offset);
      // `YYYY-MM-DD ` then `±HH:MM`: the bytes around the time of day.
      if (offset !== null) this.dayBytes.set(Buffer.from(this.dayPrefix + this.daySuffix, 'latin1'));
      this.lastUsualKey = -1;
      // The remembered time is of another day: its hour no longer goes with these texts.
      this.lastBytesLength = 0;
    }
    return this.daySuffix !== '';
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

/**
 * Up to `maxDigits` (at most 4) digits at `bytes[index]` as `value · 8 + how many`: a count of 0
 * when there are none.
 */
function digitsAt(bytes: Uint8Array, index: number, limit: number, maxDigits: number): number {
  let value = 0;
  let count = 0;
  while (count < maxDigits && index + count < limit) {
    const digit = bytes[index + count] - DIGIT_0;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    count++;
  }
  return value * 8 + count;
}

function isAt(bytes: Uint8Array, index: number, limit: number, code: number): boolean {
  return index < limit && bytes[index] === code;
}

/** Writes `value` (0–99) as two digits at `out[at]`; returns the position after them. */
function twoDigits(out: Uint8Array, at: number, value: number): number {
  const tens = (value / 10) | 0;
  out[at] = DIGIT_0 + tens;
  out[at + 1] = DIGIT_0 + value - tens * 10;
  return at + 2;
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
