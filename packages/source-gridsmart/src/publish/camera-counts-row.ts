// An aggregation row as a "Camera Traffic Counts" row (gridsmart.md §6.2), columns in the
// dataset's order. The time columns come from the row's own timestamp text (its wall clock,
// whatever offset it carries), as upstream read them.
import type { LakeTime, PublishRow } from '@lake/core';
import { directionOf, movementOf, UNASSIGNED } from './direction-movement';
import { recordId } from './record-id';
import { firstPassOffset } from './repeated-hour';

const WALL_DIGITS = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

/** The matched unit-data device a counts file carries (`device`). */
export interface CountsDevice {
  atd_device_id?: unknown;
  primary_st?: unknown;
  cross_st?: unknown;
  [key: string]: unknown;
}

export interface CameraCountsOptions {
  time: LakeTime;
  device: CountsDevice;
  /** agg × 60. */
  binSeconds: number;
  /** `-u/--no_unassigned`: leave out rows of Unassigned approaches instead of publishing them. */
  dropUnassigned: boolean;
}

interface TimeParts {
  readDate: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  dayOfWeek: number;
  /** Added to the record_id on the first pass through the repeated hour only. */
  idSuffix: string;
}

/**
 * Builds the rows of one aggregation file and counts what upstream warned about (printed once
 * per file with its count).
 */
export class CameraCountsRows {
  /** Warning text → how many rows it concerned. */
  readonly warnings = new Map<string, number>();
  /** Rows whose record_id hashes their offset (first pass through the repeated hour). */
  firstPassRows = 0;
  private readonly intersectionName: string;
  private readonly times = new Map<string, TimeParts | null>();

  constructor(private readonly options: CameraCountsOptions) {
    const { device } = options;
    this.intersectionName = `${streetText(device.primary_st)} / ${streetText(device.cross_st)}`;
  }

  /** The dataset row of an aggregation row, or null when the row is left out (counted). */
  row(value: unknown): PublishRow | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.skip('data entry that is not a row: skipped');
    const aggregate = value as Record<string, unknown>;
    const direction = this.direction(aggregate.zone_approach);
    if (direction === null) return null;
    const time = this.timeParts(aggregate.timestamp);
    if (!time) return this.skip(`unreadable timestamp ${JSON.stringify(aggregate.timestamp ?? null)}: row skipped`);
    const movement = movementOf(aggregate.turn);
    if (movement === null) this.warn(`unknown turn ${JSON.stringify(aggregate.turn ?? null)}: movement published unchanged`);
    if (time.idSuffix) this.firstPassRows++;
    const heavyVehicle = isHeavy(aggregate.heavy_vehicle);
    const published = movement ?? aggregate.turn ?? null;
    return {
      atd_device_id: this.options.device.atd_device_id ?? null,
      read_date: time.readDate,
      intersection_name: this.intersectionName,
      direction,
      movement: published,
      heavy_vehicle: heavyVehicle,
      volume: aggregate.volume ?? null,
      speed_average: numberOrNull(aggregate.speed_avg),
      speed_stddev: numberOrNull(aggregate.speed_std),
      seconds_in_zone_average: numberOrNull(aggregate.seconds_in_zone_avg),
      seconds_in_zone_stddev: numberOrNull(aggregate.seconds_in_zone_std),
      month: time.month,
      day: time.day,
      year: time.year,
      hour: time.hour,
      minute: time.minute,
      day_of_week: time.dayOfWeek,
      bin_duration: this.options.binSeconds,
      record_id: recordId(this.intersectionName, time.readDate, heavyVehicle, direction, published, time.idSuffix),
    };
  }

  private direction(approach: unknown): string | null {
    const direction = directionOf(approach);
    if (direction === null) return this.skip(`unknown approach ${JSON.stringify(approach ?? null)}: row skipped`);
    if (approach !== UNASSIGNED) return direction;
    if (this.options.dropUnassigned) return this.skip('Unassigned approach: row skipped (--no_unassigned)');
    this.warn('Unassigned approach: row published as UNASSIGNED');
    return direction;
  }

  private timeParts(value: unknown): TimeParts | null {
    if (typeof value !== 'string') return null;
    let parts = this.times.get(value);
    if (parts === undefined) {
      parts = readTime(value, this.options.time);
      this.times.set(value, parts);
    }
    return parts;
  }

  private warn(message: string): void {
    this.warnings.set(message, (this.warnings.get(message) ?? 0) + 1);
  }

  private skip(message: string): null {
    this.warn(message);
    return null;
  }
}

function readTime(text: string, time: LakeTime): TimeParts | null {
  let instant: Date;
  try {
    instant = time.parse(text);
  } catch {
    return null;
  }
  const match = WALL_DIGITS.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  return {
    readDate: `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`,
    year,
    month,
    day,
    hour,
    minute,
    dayOfWeek: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), // Sunday = 0
    idSuffix: firstPassOffset(instant, time),
  };
}

/** Python's `heavy_vehicle != 0`. */
function isHeavy(value: unknown): boolean {
  return !(value === 0 || value === false);
}

function streetText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** Upstream sent NaN averages as bare NaN; the dataset gets null. */
function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A counts file's `device` is usable only as a non-empty object (upstream: `if not device`). */
export function hasDeviceInformation(device: unknown): device is CountsDevice {
  return typeof device === 'object' && device !== null && !Array.isArray(device) && Object.keys(device).length > 0;
}
