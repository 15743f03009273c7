// The header of a unit-data snapshot (core.md §7.1).
import type { LakeTime } from '../time/lake-time';
import type { UnitDataHeader } from './unit-data';

export interface UnitDataHeaderOptions {
  /** Area prefix of the file name, e.g. `Austin`. */
  areaBase: string;
  /** Data source code: `bt`, `wt`, `gs`, … */
  dataSource: string;
  time: LakeTime;
  /** False stamps the snapshot with yesterday instead of today. */
  sameDay?: boolean;
}

/**
 * A header stamped with today's (or yesterday's) midnight in the zone. The midnight is resolved
 * from the calendar date, not by zeroing the clock of "now", so on DST-change days it carries
 * that midnight's own offset (fixes core C-13 / unitdata defect 2).
 */
export function unitDataHeader({ areaBase, dataSource, time, sameDay = true }: UnitDataHeaderOptions): UnitDataHeader {
  const now = time.now();
  const today = time.midnight(now);
  const day = sameDay ? today : time.addDays(today, -1);
  return {
    data_type: `${dataSource}_unit_data`,
    target_filename: `${areaBase}_${dataSource}_${time.calendarDate(day)}_unit_data.json`,
    collection_date: time.format(day),
    processing_date: time.format(now),
  };
}
