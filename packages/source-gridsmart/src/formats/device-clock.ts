// The device's clock offset from the site file's clock reading (gridsmart.md §3.3): how far the
// host's UTC time was ahead of the device's own time when both were read. One number per ZIP that
// absorbs drift, a wrong zone and ignored DST.
import type { DeviceDateTime } from '../site/site-file';

export type ClockDelta =
  | {
      ok: true;
      /** host − device in whole seconds, after the tolerance: what is added to record times. */
      seconds: number;
      /** host − device as measured, before the tolerance. */
      measuredSeconds: number;
    }
  | { ok: false; reason: string };

// `%m/%d/%Y %I:%M:%S %p` as Python's strptime reads it: month, day and hour may lack padding.
const DEVICE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{1,2}):(\d{1,2}) ([AaPp][Mm])$/;
// The bracketed offset of a Windows zone name, `(UTC-06:00)` or `(GMT-06:00)`, colon optional.
const ZONE_TOKEN = /^\((?:UTC|GMT)([+-])(\d{2}):?(\d{2})\)$/i;

/** A 12-hour clock text as milliseconds of the wall time read as UTC, or null. */
export function parseDeviceTime(text: string): number | null {
  const match = DEVICE_TIME.exec(text.trim());
  if (!match) return null;
  const [month, day, year, hour12, minute, second] = match.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || hour12 < 1 || hour12 > 12 || minute > 59 || second > 59) return null;
  const hour = (hour12 % 12) + (match[7].toUpperCase() === 'PM' ? 12 : 0);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2/30 over into March; strptime refuses it.
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms;
}

/** Minutes east of UTC of a `TimeZoneId`'s first token, or null when it has no offset. */
export function zoneTokenOffsetMinutes(timeZoneId: string): number | null {
  const token = timeZoneId.trim().split(/\s+/)[0] ?? '';
  const match = ZONE_TOKEN.exec(token);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * host − device of a clock reading. Below `toleranceSeconds` (in absolute value) the offset is
 * taken as 0: a device on NTP reads a second or two off only because of the request's latency,
 * and a non-zero offset would make every file claim part of an adjacent day (§8.4).
 */
export function clockDelta(datetime: DeviceDateTime | null | undefined, toleranceSeconds: number): ClockDelta {
  if (!datetime || typeof datetime !== 'object') return { ok: false, reason: 'the site file has no "datetime" clock reading' };
  const { HostTimeUTC: hostText, DateTime: deviceText, TimeZoneId: zoneText } = datetime;
  for (const [key, value] of [['HostTimeUTC', hostText], ['DateTime', deviceText], ['TimeZoneId', zoneText]] as const) {
    if (typeof value !== 'string') return { ok: false, reason: `the site file's clock reading has no ${key}` };
  }
  const host = parseDeviceTime(hostText as string);
  if (host === null) return { ok: false, reason: `HostTimeUTC "${hostText}" is not MM/DD/YYYY hh:mm:ss AM|PM` };
  const deviceWall = parseDeviceTime(deviceText as string);
  if (deviceWall === null) return { ok: false, reason: `DateTime "${deviceText}" is not M/D/YYYY h:mm:ss AM|PM` };
  const offset = zoneTokenOffsetMinutes(zoneText as string);
  if (offset === null) return { ok: false, reason: `TimeZoneId "${zoneText}" does not start with a (UTC±hh:mm) offset` };
  const measuredSeconds = (host - (deviceWall - offset * 60_000)) / 1000;
  return { ok: true, seconds: Math.abs(measuredSeconds) < toleranceSeconds ? 0 : measuredSeconds, measuredSeconds };
}
