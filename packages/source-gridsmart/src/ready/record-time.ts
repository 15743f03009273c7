// When a zone record happened: its `timestamp_adj` (gridsmart.md §3.3) read as an instant. The
// ready file is ordered by it (not by its text: on the fall-back day `01:30-05:00` comes before
// `01:10-06:00`, §8.14) and the day's window is tested on it.
import type { LakeTime } from '@lake/core';

export const TIMESTAMP_COLUMN = 'timestamp_adj';

/** A count record with the instant it happened. */
export interface TimedRecord {
  /** Milliseconds since the epoch (LakeTime's precision). */
  epochMs: number;
  /** The part of the fraction below a millisecond (v4 timestamps may carry microseconds). */
  subMs: number;
  record: Record<string, unknown>;
}

const SUB_MILLISECOND = /:\d{2}\.\d{3}(\d+)/;

/** The record with its instant, or null when it has no readable `timestamp_adj`. */
export function timedRecord(record: Record<string, unknown>, time: LakeTime): TimedRecord | null {
  const text = record[TIMESTAMP_COLUMN];
  if (typeof text !== 'string') return null;
  let instant: Date;
  try {
    instant = time.parse(text);
  } catch {
    return null;
  }
  const rest = SUB_MILLISECOND.exec(text)?.[1];
  return { epochMs: instant.getTime(), subMs: rest ? Number(`0.${rest}`) : 0, record };
}
