// "SocTime" (bluetooth.md §6.3, core.md §0.3): the wall time of a stored timestamp in the offset
// it was written with, as `YYYY-MM-DDTHH:MM:SS`. For files this lake wrote (always the lake's zone)
// that is `time.formatFloating(time.parse(text))`; reading the text's own digits also keeps the
// original's spring-forward texts (`2020-03-08 02:30:00-06:00` → `2020-03-08T02:30:00`) as it
// published them.
import type { LakeTime } from '@lake/core';

const WALL_DIGITS = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** SocTime of a stored time; null when the value is missing or is not a time (B-10). */
export function socrataTime(value: unknown, time: LakeTime): string | null {
  if (typeof value !== 'string') return null;
  try {
    time.parse(value);
  } catch {
    return null;
  }
  const match = WALL_DIGITS.exec(value.trim());
  if (!match) return null;
  const [, date, hour = '00', minute = '00', second = '00'] = match;
  return `${date}T${hour}:${minute}:${second}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** English weekday of a SocTime's date (the local date the time was written in). */
export function weekdayOf(socTime: string | null): string | null {
  if (socTime === null) return null;
  const [year, month, day] = socTime.slice(0, 10).split('-').map(Number);
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
}
