// The CSV's `curDateTime`: Central wall time `YYYY-MM-DD HH:MM:SS` without offset (wavetronix.md
// §1.6). On the fall-back day one wall time names two instants; this file finds both, so the
// standardizer can tell the two passes through the repeated hour apart (W-7).
import type { LakeTime, WallTime } from '@lake/core';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// strptime('%Y-%m-%d %H:%M:%S'): month, day and the clock fields take one or two digits.
const WALL_TEXT = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/;

/** The wall-clock fields of a CSV time, or null when the text is not one. */
export function parseWallText(text: string): WallTime | null {
  const match = WALL_TEXT.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, day));
  const valid =
    check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  return valid ? { year, month, day, hour, minute, second, millisecond: 0 } : null;
}

/** The instants a wall time names in the lake's zone, earliest first. */
export interface WallInstants {
  /** The only instant, or the first pass (daylight time) through a repeated hour; for a skipped time, the instant read with the later offset. */
  earlier: Date;
  /** The only instant, or the second pass (standard time). */
  later: Date;
  /** The wall time occurs twice (fall back). */
  repeated: boolean;
  /** The wall time does not exist (spring forward); read with the offset before the gap, as upstream. */
  skipped: boolean;
}

export function wallInstants(wall: WallTime, time: LakeTime): WallInstants {
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  const offsets = new Set([time.offsetMinutes(new Date(wallMs - DAY_MS)), time.offsetMinutes(new Date(wallMs + DAY_MS))]);
  const candidates = [...offsets].map((offset) => new Date(wallMs - offset * MINUTE_MS)).sort((a, b) => a.getTime() - b.getTime());
  const instants = candidates.filter((instant) => sameWall(time.wall(instant), wall));
  if (instants.length === 0) {
    // `earlier` stays a lower bound of every later wall time's instants (what the ready sort needs).
    return { earlier: candidates[0], later: time.fromWall(wall), repeated: false, skipped: true };
  }
  return { earlier: instants[0], later: instants.at(-1)!, repeated: instants.length > 1, skipped: false };
}

/** A CSV time's instants and their timestamp texts, remembered per text (a day has few). */
export interface WallTimeReading extends WallInstants {
  earlierText: string;
  laterText: string;
}

export class WallTimeReader {
  private readonly cache = new Map<string, WallTimeReading | null>();

  constructor(private readonly time: LakeTime) {}

  read(text: string): WallTimeReading | null {
    let reading = this.cache.get(text);
    if (reading === undefined) {
      const wall = parseWallText(text);
      if (wall) {
        const instants = wallInstants(wall, this.time);
        reading = { ...instants, earlierText: this.time.format(instants.earlier), laterText: this.time.format(instants.later) };
      } else {
        reading = null;
      }
      this.cache.set(text, reading);
    }
    return reading;
  }
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;
}
