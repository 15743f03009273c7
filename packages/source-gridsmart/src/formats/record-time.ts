// When a vehicle was counted (gridsmart.md §3.3), reproduced bit for bit from upstream's
// strptime-based code: the same records are dropped, for the same reasons, with the same message
// text. Instants are whole microseconds since the epoch (Python datetimes carry microseconds; a JS
// Date only milliseconds).
import type { LakeTime } from '@lake/core';

export type RecordTime = { ok: true; utcMicros: number } | { ok: false; message: string };

const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
const NAN_TO_INTEGER = 'cannot convert float NaN to integer';
const V8_FORMAT = '%Y-%m-%d %H%M%S.%f';

/** Microseconds of UTC midnight of a calendar date `YYYY-MM-DD`. */
export function utcMidnightMicros(calendarDate: string): number {
  const [year, month, day] = calendarDate.split('-').map(Number);
  return Date.UTC(year, month - 1, day) * 1000;
}

/** Python's round() of a double: halves go to the even neighbour. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Python's `x % 1` (the sign of the divisor, unlike JS). */
function pythonModOne(value: number): number {
  const remainder = value % 1;
  return remainder < 0 ? remainder + 1 : remainder;
}

/** Python's `"%06d" % n`: the sign counts in the width. */
function zeroPadSix(value: number): string {
  const digits = String(Math.abs(value));
  return value < 0 ? `-${digits.padStart(5, '0')}` : digits.padStart(6, '0');
}

/** `timedelta(minutes=x)` in microseconds. */
function minutesToMicros(minutes: number): number {
  return roundHalfEven(minutes * MICROS_PER_MINUTE);
}

/**
 * The UTC instant of a v8 record: the device-local time of day `HHMMSS.f` on the collection date,
 * minus its `utc_offset` minutes. Tenths are `round(frac × 10)` with frac computed in doubles, so
 * `.25` gives 2 and `.35` gives 4; tenths that round to 10 drop the record, as upstream's
 * `%f` parse did.
 */
export function v8RecordUtc(collectionDay: string, timestamp: unknown, utcOffset: unknown): RecordTime {
  if (typeof timestamp !== 'number' || Number.isNaN(timestamp)) return { ok: false, message: NAN_TO_INTEGER };
  if (!Number.isFinite(timestamp)) return { ok: false, message: 'cannot convert float infinity to integer' };
  const hhmmss = zeroPadSix(Math.trunc(timestamp));
  const micro = String(roundHalfEven(pythonModOne(timestamp) * 10) * 100000);
  const text = `${collectionDay} ${hhmmss}.${micro}`;
  const match = /^(\d\d)(\d\d)(\d\d)$/.exec(hhmmss);
  const [hour, minute, second] = match ? match.slice(1).map(Number) : [NaN, NaN, NaN];
  if (!match || hour > 23 || minute > 59 || second > 61) {
    return { ok: false, message: `time data '${text}' does not match format '${V8_FORMAT}'` };
  }
  // %f reads at most six digits; tenths of 10 leave a seventh behind.
  if (micro.length > 6) return { ok: false, message: `unconverted data remains: ${micro.slice(6)}` };
  if (second > 59) return { ok: false, message: 'second must be in 0..59' };
  if (typeof utcOffset !== 'number' || Number.isNaN(utcOffset)) return { ok: false, message: NAN_TO_INTEGER };
  const wall = utcMidnightMicros(collectionDay) + ((hour * 60 + minute) * 60 + second) * MICROS_PER_SECOND + Number(micro);
  return { ok: true, utcMicros: wall - minutesToMicros(utcOffset) };
}

const V4_TIME = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(?:\.(\d+))?$/;

/** The UTC instant of a v4 record: `YYYYMMDDTHHMMSS[.f]`, read as UTC (§3.3, an open question upstream). */
export function v4RecordUtc(timestamp: unknown): RecordTime {
  if (typeof timestamp !== 'string') return { ok: false, message: 'missing timestamp' };
  const format = timestamp.includes('.') ? '%Y%m%dT%H%M%S.%f' : '%Y%m%dT%H%M%S';
  const mismatch: RecordTime = { ok: false, message: `time data '${timestamp}' does not match format '${format}'` };
  const match = V4_TIME.exec(timestamp);
  if (!match) return mismatch;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const fraction = match[7];
  if (fraction !== undefined && fraction.length > 6) return { ok: false, message: `unconverted data remains: ${fraction.slice(6)}` };
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 61) return mismatch;
  if (second > 59) return { ok: false, message: 'second must be in 0..59' };
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return { ok: false, message: 'day is out of range for month' };
  return { ok: true, utcMicros: ms * 1000 + Number((fraction ?? '').padEnd(6, '0')) };
}

/** PyStr of an instant in the lake zone, microseconds included when not zero. */
export function formatMicros(time: LakeTime, micros: number): string {
  const ms = Math.floor(micros / 1000);
  const subMillisecond = micros - ms * 1000;
  const instant = new Date(ms);
  const text = time.format(instant);
  if (subMillisecond === 0) return text;
  const fraction = String((((ms % 1000) + 1000) % 1000) * 1000 + subMillisecond).padStart(6, '0');
  return `${time.formatWall(instant)}.${fraction}${text.slice(-6)}`;
}

/** A Date of a microsecond instant (milliseconds kept). */
export function microsToDate(micros: number): Date {
  return new Date(Math.floor(micros / 1000));
}

export type DayCovered = -1 | 0 | 1;

/**
 * Which side of the local day a zone file reaches over (§3.3): its first instant, corrected,
 * against local midnight of the collection date. -1 → the file starts before the day (its end
 * is in the next day's file), 1 → after it (its start is in the previous day's file).
 */
export function dayCovered(time: LakeTime, collectionDay: string, startUtcMicros: number, deltaMicros: number): DayCovered {
  const start = startUtcMicros + deltaMicros;
  const midnight = time.dayStart(collectionDay).getTime() * 1000;
  return start < midnight ? -1 : start === midnight ? 0 : 1;
}

/** Start of a v8 file: the collection date at 00:00 minus its first record's utc_offset; null when blank. */
export function v8FileStartUtc(collectionDay: string, firstUtcOffset: unknown): number | null {
  if (typeof firstUtcOffset !== 'number' || Number.isNaN(firstUtcOffset)) return null;
  return utcMidnightMicros(collectionDay) - minutesToMicros(firstUtcOffset);
}

/** Start of a v4 file: the collection date at 00:00 read as UTC. */
export function v4FileStartUtc(collectionDay: string): number {
  return utcMidnightMicros(collectionDay);
}
