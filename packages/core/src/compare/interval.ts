// The span of time an item covers, for the overlap test (core.md §4.4).
import type { LakeTime } from '../time/lake-time';
import type { ProviderItem } from './provider';

/** Half-open `[start, end)` in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** A null end means one calendar day in the zone, so 23 or 25 hours on DST-change days. */
export function itemInterval(item: Pick<ProviderItem, 'date' | 'dateEnd'>, time: LakeTime): Interval {
  const end = item.dateEnd ?? time.addDays(item.date, 1);
  return { start: item.date.getTime(), end: end.getTime() };
}

/** Touching intervals (one ends where the other starts) do not overlap. */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return !(a.end <= b.start || a.start >= b.end);
}
