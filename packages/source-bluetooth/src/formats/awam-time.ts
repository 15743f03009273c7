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
