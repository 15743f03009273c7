// `lake plan`: the work items a stage's compare loop would process, without processing them, so
// an orchestrator can fan out one task per item or per day. The stage runs as far as its
// beforeItems in simulation mode (which writes nothing), exactly as a run would decide.
import { rm } from 'node:fs/promises';
import { compare } from '../compare/compare';
import type { WorkItem } from '../compare/provider';
import type { Lake } from '../lake/lake';
import { PerfmetRecorder, dataSourceName } from '../perfmet/perfmet-recorder';
import { resolveDateRange, type RunOptions } from './run-options';
import { makeRunTempDir } from './run-stage';
import type { Stage } from './stage';
import { StageContext } from './stage-context';

export interface PlannedItem {
  base: string;
  ext: string;
  /** Calendar day of the item in the lake's zone. */
  day: string;
  /** Collection date and exclusive end, as instants. */
  date: string;
  dateEnd: string | null;
  label: string;
  /** The target already has it; planned only because of --force. */
  forced: boolean;
}

export interface PlannedDay {
  day: string;
  items: number;
  /** The arguments that run just this day: `<stage> -s <day> -e <next day>`. */
  args: string[];
}

export interface StagePlan {
  stage: string;
  start: string | null;
  end: string | null;
  items: PlannedItem[];
  days: PlannedDay[];
  /** What the stage reported while getting ready (e.g. unreachable unit data); a run would fail on it. */
  problems: string[];
}

export async function planStage(stage: Stage, options: RunOptions, lake: Lake): Promise<StagePlan> {
  const range = resolveDateRange(options, lake.time);
  lake.checkDrivers();
  const runOptions: RunOptions = { ...options, simulate: true };
  const catalog = await lake.catalog();
  const perfmet = new PerfmetRecorder({ driver: null, dataSource: dataSourceName(stage.dataSource), stage: stage.perfmetStage, time: lake.time, simulate: true, log: lake.log });
  const tempDir = await makeRunTempDir(stage);
  const items: PlannedItem[] = [];
  const ctx = new StageContext(lake, stage, runOptions, range, catalog, perfmet, tempDir);
  try {
    await stage.beforeItems(ctx);
    const work = compare(stage.sourceProvider(ctx), stage.targetProvider(ctx), { range, keyMode: stage.keyMode, force: options.force === true, time: lake.time, log: lake.log });
    for await (const item of work) items.push(plannedItem(item, lake));
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
  return {
    stage: stage.name,
    start: range.start ? lake.time.format(range.start) : null,
    end: range.end ? lake.time.format(range.end) : null,
    items,
    days: plannedDays(stage, items, options, lake),
    problems: ctx.failures.map((failure) => `${failure.label}: ${failure.message}`),
  };
}

function plannedItem(item: WorkItem, lake: Lake): PlannedItem {
  return {
    base: item.base,
    ext: item.ext,
    day: lake.time.calendarDate(item.date),
    date: item.date.toISOString(),
    dateEnd: item.source.dateEnd?.toISOString() ?? null,
    label: item.label,
    forced: item.forced,
  };
}

function plannedDays(stage: Stage, items: PlannedItem[], options: RunOptions, lake: Lake): PlannedDay[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.day, (counts.get(item.day) ?? 0) + 1);
  return [...counts].map(([day, count]) => {
    const next = lake.time.calendarDate(lake.time.addDays(lake.time.dayStart(day), 1));
    const args = [...stage.name.split(':'), '-s', day, '-e', next];
    if (options.force) args.push('--force');
    if (options.debug) args.push('--debug');
    for (const option of stage.options) {
      const value = options[option.name];
      if (value === undefined || value === false) continue;
      args.push(`--${option.name}`);
      if (value !== true) args.push(String(value));
    }
    return { day, items: count, args };
  });
}
