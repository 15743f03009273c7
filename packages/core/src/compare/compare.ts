// The compare loop (core.md §4.3): yield each source item the target does not have yet.
import type { Logger } from '../log/logger';
import type { LakeTime } from '../time/lake-time';
import { itemInterval, type Interval } from './interval';
import type { DateRange, KeyMode, Provider, ProviderItem, WorkItem } from './provider';
import { TargetTimeline } from './target-timeline';

export interface CompareOptions {
  range: DateRange;
  keyMode: KeyMode;
  /** Yield items the target already has, marked `forced`. */
  force: boolean;
  time: LakeTime;
  log: Logger;
}

/**
 * Pure: reads the providers and nothing else. Every target item is read before the first source
 * item, so what this run writes never changes this run's decisions.
 */
export async function* compare<Payload>(
  source: Provider<Payload>,
  target: Provider | null,
  options: CompareOptions,
): AsyncGenerator<WorkItem<Payload>> {
  const { range, keyMode, force, time, log } = options;
  const timelines = target ? await readTargets(target, options) : new Map<string, TargetTimeline>();
  const announcedForces = new Set<string>();

  for await (const item of source.items(range)) {
    const key = compareKey(item, keyMode);
    const present = timelines.get(key)?.overlaps(itemInterval(item, time)) ?? false;
    if (present && !force) continue;
    if (present) {
      const announcement = `${key}\u0000${item.date.getTime()}`;
      if (!announcedForces.has(announcement)) {
        announcedForces.add(announcement);
        log.info(`INFO: Forcing processing of ${displayKey(item, keyMode)} for date ${time.format(item.date)}.`);
      }
    }
    yield toWorkItem(item, range, present, time);
  }
}

async function readTargets(target: Provider, { range, keyMode, time }: CompareOptions): Promise<Map<string, TargetTimeline>> {
  const intervalsByKey = new Map<string, Interval[]>();
  for await (const item of target.items(range)) {
    if (keyMode === 'base' && isSideFile(item.ext)) continue;
    const key = compareKey(item, keyMode);
    const intervals = intervalsByKey.get(key) ?? [];
    intervals.push(itemInterval(item, time));
    intervalsByKey.set(key, intervals);
  }
  return new Map([...intervalsByKey].map(([key, intervals]) => [key, new TargetTimeline(intervals)]));
}

/**
 * Unit-data and site files sit beside a day's data in a target; keyed by base alone they would
 * make the day look done. Only targets are screened: a source's own side files are real work.
 */
export function isSideFile(ext: string): boolean {
  const lower = ext.toLowerCase();
  return lower.startsWith('unit_data.') || lower.startsWith('site.');
}

export function compareKey(item: Pick<ProviderItem, 'base' | 'ext'>, keyMode: KeyMode): string {
  return keyMode === 'base' ? item.base : `${item.base}\u0000${item.ext}`;
}

/** How upstream printed the key: the base, or the Python tuple of base and ext. */
function displayKey(item: Pick<ProviderItem, 'base' | 'ext'>, keyMode: KeyMode): string {
  return keyMode === 'base' ? item.base : `('${item.base}', '${item.ext}')`;
}

function toWorkItem<Payload>(item: ProviderItem<Payload>, range: DateRange, forced: boolean, time: LakeTime): WorkItem<Payload> {
  return {
    source: item,
    base: item.base,
    ext: item.ext,
    date: item.date,
    label: item.label || `Base: ${item.base}; Ext: ${item.ext}; Date: ${time.format(item.date)}`,
    priorLastUpdate: range.lastRun === null || item.date.getTime() < range.lastRun.getTime(),
    forced,
  };
}
