// The SQL the original sent to the KITS signal-system database (wavetronix.md §1.2–1.5), with the
// dates as typed parameters instead of text literals (W-9: literal datetimes are read according to
// the session's DATEFORMAT).
import * as mssql from 'mssql';
import type { LakeTime } from '@lake/core';

export const KITS_HISTORY_TABLE = 'KITSDB.KITS.SYSDETHISTORYRM';
export const KITS_DETECTOR_TABLE = 'KITSDB.KITS.DETECTORSRM';

/** The tables the queries read; a deployment (or the integration test) may point elsewhere. */
export interface KitsTables {
  history: string;
  detectors: string;
}

export const KITS_TABLES: KitsTables = { history: KITS_HISTORY_TABLE, detectors: KITS_DETECTOR_TABLE };

export interface SqlParameter {
  name: string;
  type: mssql.ISqlTypeFactoryWithNoParams;
  /** A Date whose UTC fields are the Central wall clock (the driver runs with useUTC). */
  value: Date;
}

export interface SqlQuery {
  text: string;
  parameters: SqlParameter[];
}

/**
 * The date condition on CURDATETIME (a naive Central wall time) for `[early, late)`:
 * equal bounds → that calendar day; otherwise `>= early` and/or `< late`; none → no condition.
 */
export function dateFilter(early: Date | null, late: Date | null, time: LakeTime): SqlQuery {
  const parts: string[] = [];
  const parameters: SqlParameter[] = [];
  const sameBounds = early !== null && late !== null && early.getTime() === late.getTime();
  if (early && sameBounds) {
    parts.push('CAST(CURDATETIME AS date) = @day');
    parameters.push({ name: 'day', type: mssql.Date, value: wallDate(time.midnight(early), time) });
  } else if (early) {
    parts.push('CURDATETIME >= @early');
    parameters.push({ name: 'early', type: mssql.DateTime, value: wallDate(early, time) });
  }
  if (late && !sameBounds) {
    parts.push('CURDATETIME < @late');
    parameters.push({ name: 'late', type: mssql.DateTime, value: wallDate(late, time) });
  }
  return { text: parts.join(' AND '), parameters };
}

/** Days with rows in `[early, late)` and their row counts (§1.3). */
export function dayQuery(early: Date | null, late: Date | null, time: LakeTime, tables: KitsTables = KITS_TABLES): SqlQuery {
  const filter = dateFilter(early, late, time);
  const where = filter.text ? ` WHERE ${filter.text}` : '';
  return {
    text:
      `SELECT CAST(CURDATETIME AS date) AS day, COUNT(1) AS records FROM ${tables.history}${where}` +
      ' GROUP BY CAST(CURDATETIME AS date) ORDER BY CAST(CURDATETIME AS date);',
    parameters: filter.parameters,
  };
}

/**
 * One day's detector records (§1.5), columns named as the CSV names them, in the original's
 * order: by time, intersection, detector.
 */
export function dayRecordsQuery(day: Date, time: LakeTime, tables: KitsTables = KITS_TABLES): SqlQuery {
  const filter = dateFilter(day, day, time);
  return {
    text:
      'SELECT a.DETID AS detID, b.INTID AS intID, CAST(CURDATETIME AS date) AS curDate, CURDATETIME AS curDateTime,' +
      ' INTNAME AS intName, DETNAME AS detName, a.VOLUME AS volume, a.OCCUPANCY AS occupancy, SPEED AS speed, STATUS AS status,' +
      ' UPLOADSUCCESS AS uploadSuccess, DETCOUNTCOMPARISON AS detCountComparison, DAILYCUMULATIVE AS dailyCumulative' +
      ` FROM ${tables.history} AS a, ${tables.detectors} AS b` +
      ` WHERE ${filter.text} AND a.DETID = b.DETID` +
      ' ORDER BY CURDATETIME, INTNAME, DETNAME;',
    parameters: filter.parameters,
  };
}

/** The Central wall clock of an instant, as a Date whose UTC fields hold it. */
export function wallDate(instant: Date, time: LakeTime): Date {
  const wall = time.wall(instant);
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond));
}

/**
 * The Central midnight of a DATE value. The driver gives a DATE as a Date at UTC midnight (W-12:
 * upstream parsed text); its UTC year, month and day are the calendar day. Text `YYYY-MM-DD` is
 * accepted too.
 */
export function dayOfDateValue(value: unknown, time: LakeTime): Date | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return time.dayStart(value.toISOString().slice(0, 10));
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) return time.dayStart(value.trim().slice(0, 10));
  return null;
}
