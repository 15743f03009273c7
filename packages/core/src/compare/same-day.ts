// The same-day rule (core.md §4.5): scheduled runs never touch today's data, which is still
// being collected. Any end date (even a future one) turns the rule off. Applied by every provider,
// source and target alike.
import type { LakeTime } from '../time/lake-time';
import type { DateRange } from './provider';

/**
 * The instant from which items are cancelled, or null when the rule is off. Today's midnight is
 * resolved from the zone's calendar date (fixes C-12/C-13: no host clock, no stale DST offset).
 * Providers compute it once per query so a run that crosses midnight judges every item alike.
 */
export function sameDayCutoff(range: DateRange, time: LakeTime): Date | null {
  return range.end === null ? time.today() : null;
}

/** True when the provider must drop an item dated `date`. */
export function isSameDayCancelled(date: Date, range: DateRange, time: LakeTime): boolean {
  return isAtOrAfter(date, sameDayCutoff(range, time));
}

/** True when `cutoff` is set and `date` is at or after it. */
export function isAtOrAfter(date: Date, cutoff: Date | null): boolean {
  return cutoff !== null && date.getTime() >= cutoff.getTime();
}
