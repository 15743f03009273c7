// Which dates a provider keeps for a range (core.md §3.3, §8.3).
import type { DateRange } from './provider';

/**
 * Inside the range: at or after the start and before the (exclusive) end; in exact mode only the
 * start instant itself.
 */
export function isInRange(date: Date, range: DateRange): boolean {
  const at = date.getTime();
  if (range.exact && range.start !== null) return at === range.start.getTime();
  if (range.start !== null && at < range.start.getTime()) return false;
  if (range.end !== null && at >= range.end.getTime()) return false;
  return true;
}
