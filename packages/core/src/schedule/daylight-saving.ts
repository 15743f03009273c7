// Wall times a schedule names that the zone's clock changes skip or repeat. The original's ingest
// times (01:00, 01:30 in Central) sit in the hour repeated when clocks fall back; a schedule
// export says so, in words, instead of leaving it to be found on a November morning.
import type { LakeTime } from '../time/lake-time';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** How the clock changes of one year treat a wall time of day. */
export interface ClockChangeEffect {
  /** Minutes after midnight. */
  minuteOfDay: number;
  kind: 'skipped' | 'repeated';
  /** A calendar date `YYYY-MM-DD` on which it happens. */
  date: string;
}

/** For each of the given times of day, whether a clock change of `year` skips or repeats it. */
export function clockChangeEffects(minutesOfDay: Iterable<number>, time: LakeTime, year: number): ClockChangeEffect[] {
  const changeDays = clockChangeDays(time, year);
  const effects: ClockChangeEffect[] = [];
  for (const minuteOfDay of new Set(minutesOfDay)) {
    for (const date of changeDays) {
      const count = instantsOfWallTime(time, date, minuteOfDay);
      if (count !== 1) effects.push({ minuteOfDay, kind: count === 0 ? 'skipped' : 'repeated', date });
    }
  }
  return effects;
}

/** Calendar dates that may hold a change of the zone's UTC offset (both days around each one). */
function clockChangeDays(time: LakeTime, year: number): string[] {
  const days = new Set<string>();
  const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  // Noon UTC to noon UTC spans a whole calendar day in any zone within ±12 h, plus part of its neighbour.
  for (let noon = Date.UTC(year, 0, 1, 12); new Date(noon).getUTCFullYear() === year; noon += DAY_MS) {
    if (time.offsetMinutes(new Date(noon)) !== time.offsetMinutes(new Date(noon + DAY_MS))) {
      days.add(dateOf(noon));
      days.add(dateOf(noon + DAY_MS));
    }
  }
  return [...days];
}

/** How many instants show `minuteOfDay` on `date`'s wall clock: 0 (skipped), 1, or 2 (repeated). */
function instantsOfWallTime(time: LakeTime, date: string, minuteOfDay: number): number {
  const [year, month, day] = date.split('-').map(Number);
  const hour = Math.floor(minuteOfDay / 60);
  const minute = minuteOfDay % 60;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute);
  const offsets = new Set([time.offsetMinutes(new Date(wallMs - DAY_MS)), time.offsetMinutes(new Date(wallMs + DAY_MS))]);
  let count = 0;
  for (const offset of offsets) {
    const wall = time.wall(new Date(wallMs - offset * MINUTE_MS));
    if (wall.year === year && wall.month === month && wall.day === day && wall.hour === hour && wall.minute === minute) count += 1;
  }
  return count;
}

/** `HH:MM` of minutes after midnight. */
export function wallTimeText(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}
