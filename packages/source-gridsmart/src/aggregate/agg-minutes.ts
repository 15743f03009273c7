// `-a/--agg MINUTES` of gs:ready-agg and gs:publish (gridsmart.md §5, §6): the bin width, which
// also names the aggregation files (`agg15.json`).
import { UsageError, type StageContext, type StageOption } from '@lake/core';

export const DEFAULT_AGG_MINUTES = 15;

export const AGG_OPTION: StageOption = {
  name: 'agg',
  char: 'a',
  kind: 'integer',
  description: 'aggregation interval in minutes (names the files: agg15.json)',
  default: DEFAULT_AGG_MINUTES,
};

/** The run's aggregation interval; a clear usage error for anything but whole minutes > 0. */
export function aggMinutes(ctx: Pick<StageContext, 'option'>): number {
  const value = ctx.option<unknown>('agg') ?? DEFAULT_AGG_MINUTES;
  const minutes = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1) {
    throw new UsageError(`--agg must be a whole number of minutes above 0, got ${JSON.stringify(value)}`, 'e.g. -a 15');
  }
  return minutes;
}
