// A ready row as a "Radar Traffic Counts" row (wavetronix.md §5.3–5.4). The time fields are read
// from the row's own text (its wall clock, whatever offset it carries), as the original did.
import { createHash } from 'node:crypto';
import type { LakeTime, PublishRow } from '@lake/core';
import { parseWallText, wallInstants } from '../formats/wall-time';

const WALL_DIGITS = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

/** What a file's rows had that the original would have crashed on. */
export interface RowTally {
  /** Rows whose curDateTime was missing or unreadable (time columns published as null). */
  unreadableTimes: number;
  /** Rows of the first pass through a repeated hour (their row_id also hashes the offset). */
  firstPassRows: number;
}

export function emptyRowTally(): RowTally {
  return { unreadableTimes: 0, firstPassRows: 0 };
}

interface TimeParts {
  floating: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  dayOfWeek: number;
  /** Offset text to add to the row id: only on the first pass through a repeated hour. */
  hashSuffix: string;
}

/** Builds the rows of a file; remembers each distinct time text (a day has few). */
export class SocrataRows {
  readonly tally = emptyRowTally();
  private readonly times = new Map<string, TimeParts | null>();

  constructor(private readonly time: LakeTime) {}

  row(record: Record<string, unknown>): PublishRow {
    const parts = this.timeParts(record.curDateTime);
    if (!parts) this.tally.unreadableTimes++;
    else if (parts.hashSuffix) this.tally.firstPassRows++;
    const row: PublishRow = {
      detid: record.detID ?? null,
      int_id: record.intID ?? null,
      curdatetime: parts?.floating ?? null,
      intname: record.intName ?? null,
      detname: record.detName ?? null,
      volume: record.volume ?? null,
      occupancy: record.occupancy ?? null,
      speed: record.speed ?? null,
      month: parts?.month ?? null,
      day: parts?.day ?? null,
      year: parts?.year ?? null,
      hour: parts?.hour ?? null,
      minute: parts?.minute ?? null,
      day_of_week: parts?.dayOfWeek ?? null,
      timebin: parts ? timebin(parts.hour, parts.minute) : null,
      direction: direction(record.detName),
    };
    row.row_id = rowId(row.intname, row.curdatetime, row.detid, parts?.hashSuffix ?? '');
    return row;
  }

  private timeParts(value: unknown): TimeParts | null {
    if (typeof value !== 'string') return null;
    let parts = this.times.get(value);
    if (parts === undefined) {
      parts = this.readTime(value);
      this.times.set(value, parts);
    }
    return parts;
  }

  private readTime(text: string): TimeParts | null {
    let instant: Date;
    try {
      instant = this.time.parse(text);
    } catch {
      return null;
    }
    const match = WALL_DIGITS.exec(text.trim());
    if (!match) return null;
    const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
    const wallText = `${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}:${match[6]}`;
    const wall = parseWallText(wallText);
    const instants = wall ? wallInstants(wall, this.time) : null;
    const firstPass = instants !== null && instants.repeated && instants.earlier.getTime() === instant.getTime();
    return {
      floating: wallText.replace(' ', 'T'),
      year,
      month,
      day,
      hour,
      minute,
      dayOfWeek: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), // Sunday = 0, as (weekday() + 1) % 7
      hashSuffix: firstPass ? this.time.format(instant).slice(-6) : '',
    };
  }
}

/**
 * The quarter hour nearest the minute, `HH:MM`. Upstream printed minutes 53–59 as `HH:60` (W-8);
 * they belong to the next hour's `:00` (23:53 → `00:00`). Every other minute keeps its bin.
 */
export function timebin(hour: number, minute: number): string {
  let quarter = Math.round(minute / 15) * 15;
  let binHour = hour;
  if (quarter === 60) {
    quarter = 0;
    binHour = (hour + 1) % 24;
  }
  return `${String(binHour).padStart(2, '0')}:${String(quarter).padStart(2, '0')}`;
}

/** The detector name before its first `_` (`NB_in` → `NB`); null when there is no name. */
export function direction(detName: unknown): string | null {
  if (detName === null || detName === undefined) return null;
  return String(detName).split('_')[0];
}

/**
 * Lowercase hex MD5 of `intname + curdatetime + detid` as Python's str() spelled them (null →
 * `None`). The original's id cannot tell the two passes through a repeated hour apart (W-7):
 * the second pass (standard time, what upstream labelled both) keeps that id, the first adds its
 * offset (`-05:00`) so it no longer overwrites the other in the dataset.
 */
export function rowId(intName: unknown, curDateTime: unknown, detID: unknown, suffix = ''): string {
  const text = `${pythonText(intName)}${pythonText(curDateTime)}${pythonText(detID)}${suffix}`;
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function pythonText(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}
