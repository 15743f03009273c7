// How a catalog query becomes PostgREST filters (core.md §6.3), and where PostgREST's grammar
// cannot say exactly what the lake means, the client-side check that makes up for it.
import { CATALOG_PATTERN_MARKER, type LakeTime } from '@lake/core';

/** A filter value for `id_base` / `id_ext`, and the exact check when the filter is looser. */
export interface TextFilter {
  param: string;
  /** Non-null when the server filter may let through values that do not match. */
  matches: ((value: string) => boolean) | null;
}

/**
 * `eq.<value>`, or — when the value holds the marker `%%` — `like.<pattern>` with each `%%` sent as
 * PostgREST's `*` wildcard. The rest must match literally (as in the embedded catalog), so LIKE's
 * own wildcards `%` and `_` and its escape `\` are escaped. PostgREST turns every `*` into `%`,
 * so a literal `*` cannot be said in a pattern: it is sent as `_` (any one character) and the
 * rows are checked exactly on this side.
 */
export function textFilter(value: string): TextFilter {
  if (!value.includes(CATALOG_PATTERN_MARKER)) return { param: `eq.${value}`, matches: null };
  const literals = value.split(CATALOG_PATTERN_MARKER);
  const pattern = literals.map((literal) => literal.replace(/[\\%_]/g, (special) => `\\${special}`).replace(/\*/g, '_')).join('*');
  if (!value.includes('*')) return { param: `like.${pattern}`, matches: null };
  const exact = new RegExp(`^${literals.map(escapeRegExp).join('.*')}$`, 's');
  return { param: `like.${pattern}`, matches: (text) => exact.test(text) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A lower bound on `collection_date` for rows without an end, and whether it is exact. */
export interface NullEndBound {
  /** Rows dated after this may reach past `start` (their end is one calendar day later). */
  after: Date;
  /** False when a DST change is near: the bound is then looser and rows need an exact check. */
  exact: boolean;
}

const MINUTE_MS = 60_000;
/**
 * How close to a clock change `start` or the day before may be for the bound to stay exact. More
 * than the 1-hour shift, less than the 2 hours from midnight to the change in US zones, so a
 * start at midnight of (or after) a DST day keeps the exact bound.
 */
const STEADY_MS = 90 * MINUTE_MS;
/** How far the bound moves when it is not exact: rows up to a 25-hour day before may reach start. */
const WIDENING_MS = 180 * MINUTE_MS;

/**
 * A row without an end covers [date, date + 1 calendar day); it overlaps a range starting at
 * `start` when date + 1 day > start, i.e. date > start − 1 calendar day — computed on the lake's
 * wall clock, so across the fall-back night the day is 25 hours and across spring-forward 23.
 * That equivalence holds when neither `start` nor the day before sits near a clock change; near
 * one (a row at 01:30 of a repeated hour, a start inside the skipped hour) the bound is widened
 * and the caller checks each row exactly.
 */
export function nullEndBound(time: LakeTime, start: Date): NullEndBound {
  const dayBefore = time.addDays(start, -1);
  const exact = steadyOffset(time, start) && steadyOffset(time, dayBefore);
  return exact ? { after: dayBefore, exact } : { after: new Date(dayBefore.getTime() - WIDENING_MS), exact };
}

function steadyOffset(time: LakeTime, instant: Date): boolean {
  return time.offsetMinutes(new Date(instant.getTime() - STEADY_MS)) === time.offsetMinutes(new Date(instant.getTime() + STEADY_MS));
}
