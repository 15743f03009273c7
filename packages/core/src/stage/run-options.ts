// The options every stage shares, and the date window they give (core.md §3). Every date the
// user gives is reduced to the midnight that starts its calendar day in the lake's zone, so a
// window always covers whole days (23 or 25 hours long across a DST change).
import type { DateRange } from '../compare/provider';
import type { ProgressListener } from './run-progress';
import { UsageError } from '../errors';
import { earliest, InvalidTimeText, type LakeTime } from '../time/lake-time';

export interface RunOptions {
  /** `-s`: a day count N (midnight N days ago), `Nd`, or a date. */
  startDate?: string;
  /** `-e`: exclusive end date. */
  endDate?: string;
  /** `-r`: last run date; `0` means from the beginning (2000-01-01). */
  lastRunDate?: string;
  /** `-F`: process items the target already has. */
  force?: boolean;
  /** `-0`: write nothing to storage, catalog or the publisher. */
  simulate?: boolean;
  /** `-o`: also write every stored file to this directory. */
  outputPath?: string;
  /** `--debug`: use the debug repository names. */
  debug?: boolean;
  /** `--concurrency`: items of one date processed at once (default: config `concurrency`, else 1). */
  concurrency?: number;
  /** Told the counts after every item and at the end (a terminal's progress bar). */
  onProgress?: ProgressListener;
  /** Stage-specific options (e.g. `sourcedir`). */
  [stageOption: string]: unknown;
}

const START_OPTION = '-s/--start_date';
const END_OPTION = '-e/--end_date';
const LAST_RUN_OPTION = '-r/--last_run_date';

/** Day counts are capped at 5 digits so an all-digit date such as 20200901 is not one (C-20). */
const DAY_COUNT = /^[+-]?\d{1,5}d?$/i;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const NUMBER = /^[+-]?(\d+)(?:\.\d*)?$/;

/** The window a run works on, from `-r`, `-s` and `-e`. */
export function resolveDateRange(options: RunOptions, time: LakeTime): DateRange {
  const lastRunText = given(options.lastRunDate);
  const startText = given(options.startDate);
  const endText = given(options.endDate);
  if (lastRunText === null && startText === null) {
    throw new UsageError(
      'A last_run_date or start_date must be specified.',
      'pass -r/--last_run_date (0 = from the beginning) or -s/--start_date (a day count such as 30, or a date)',
    );
  }

  const lastRun = lastRunText === null ? null : parseBoundDate(lastRunText, LAST_RUN_OPTION, time);
  const startDate = startText === null ? null : parseStartDate(startText, time);
  const end = endText === null ? null : parseBoundDate(endText, END_OPTION, time);
  const start = startDate ?? lastRun;
  return {
    start,
    end,
    lastRun,
    exact: start !== null && end !== null && start.getTime() === end.getTime(),
  };
}

/** The informational range line: `<start> only`, `<start> up to <end>`, `<start> onward`. */
export function describeDateRange(range: DateRange, time: LakeTime): string | null {
  const { start, end } = range;
  if (start === null && end === null) return null;
  if (start === null) return `up to ${time.format(end as Date)}`;
  if (end === null) return `${time.format(start)} onward`;
  if (range.exact) return `${time.format(start)} only`;
  return `${time.format(start)} up to ${time.format(end)}`;
}

/** Empty or whitespace-only text counts as not given, as it did upstream. */
function given(text: string | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** `-s`: a day count (`30`, `30d`, `-2`), an all-digit `YYYYMMDD`, or a date. */
function parseStartDate(text: string, time: LakeTime): Date {
  if (DAY_COUNT.test(text)) return time.daysAgo(Number(text.replace(/d$/i, '')));
  const compact = COMPACT_DATE.exec(text);
  if (compact) return parseDate(`${compact[1]}-${compact[2]}-${compact[3]}`, START_OPTION, time, text);
  return parseDate(text, START_OPTION, time);
}

/** `-r` and `-e`: `0` = earliest, a long number = UNIX seconds, otherwise a date. */
function parseBoundDate(text: string, option: string, time: LakeTime): Date {
  if (text === '0') return earliest(time);
  const number = NUMBER.exec(text);
  if (number && number[1].length > 5) return time.midnight(new Date(Math.round(Number(text) * 1000)));
  if (number) {
    throw new UsageError(
      `${option}: "${text}" is neither a date nor UNIX seconds`,
      'give a date such as 2020-10-01 (day counts are read only by -s/--start_date)',
    );
  }
  return parseDate(text, option, time);
}

/** A date or timestamp, truncated to the midnight of its calendar day in the zone. */
function parseDate(text: string, option: string, time: LakeTime, shownText = text): Date {
  try {
    return time.midnight(time.parse(text));
  } catch (error) {
    if (!(error instanceof InvalidTimeText)) throw error;
    throw new UsageError(
      `${option}: cannot read "${shownText}" as a date`,
      'use YYYY-MM-DD, optionally with a time and an offset (2020-10-01 08:30-05:00)',
    );
  }
}

/** Items a run may process at once: `--concurrency`, else the config's `concurrency`, else 1. */
export function resolveConcurrency(options: RunOptions, configured: number | undefined): number {
  const value = options.concurrency ?? configured ?? 1;
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`--concurrency: ${String(value)} is not a positive whole number`, 'give the number of items to process at once, such as 4');
  }
  return value;
}
