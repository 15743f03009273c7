// What a database or a device holds, as the days it has data for (core.md §4.2, database provider).
import type { LakeTime } from '../time/lake-time';
import { isInRange } from './date-range-filter';
import type { DateRange, Provider, ProviderItem } from './provider';
import { isAtOrAfter, sameDayCutoff } from './same-day';

/** Lists the days (midnights) that have data in `[range.start, range.end)`. */
export type DayLister = (range: DateRange) => Promise<Iterable<Date>> | AsyncIterable<Date>;

export interface DaysProviderOptions {
  days: DayLister;
  base: string;
  ext: string;
  /** Default `<base>_<YYYY-MM-DD>.<ext>`. */
  label?: (day: Date) => string;
  time: LakeTime;
}

export class DaysProvider implements Provider<Date> {
  constructor(private readonly options: DaysProviderOptions) {}

  async *items(range: DateRange): AsyncIterable<ProviderItem<Date>> {
    const { base, ext, time } = this.options;
    const label = this.options.label ?? ((day: Date) => `${base}_${time.calendarDate(day)}.${ext}`);
    const cutoff = sameDayCutoff(range, time);
    const days = new Map<number, Date>();
    for await (const day of await this.options.days(this.listingRange(range))) {
      if (isInRange(day, range)) days.set(day.getTime(), day);
    }
    for (const at of [...days.keys()].sort((a, b) => a - b)) {
      const day = days.get(at)!;
      if (isAtOrAfter(day, cutoff)) continue;
      yield { base, ext, date: day, dateEnd: null, label: label(day), payload: day };
    }
  }

  /**
   * Exact mode asks for that one calendar day. Upstream passed no end here, which turned
   * "exactly day X" into "X onward" (C-10).
   */
  listingRange(range: DateRange): DateRange {
    if (!range.exact || range.start === null) return range;
    return { start: range.start, end: this.options.time.addDays(range.start, 1), lastRun: range.lastRun, exact: false };
  }
}
