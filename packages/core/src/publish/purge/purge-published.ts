// `lake publish purge`: reprocessing a bad range (publishing.md §5, defect 9 automated). For each
// `public` catalog row of the data source overlapping [start, end), the publish stage recomputes
// the ids of the rows it sent from the same ready file, the ids are deleted from the dataset in
// checked chunks, and only then is the catalog row removed — so the next publish run rewrites it,
// and a purge that failed half-way is simply run again. One failing row is reported, the others
// go on.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CatalogEntry } from '../../catalog/catalog-entry';
import type { DateRange, WorkItem } from '../../compare/provider';
import { LakeError, UsageError, describeError } from '../../errors';
import type { Lake } from '../../lake/lake';
import { PerfmetRecorder, dataSourceName } from '../../perfmet/perfmet-recorder';
import { describeDateRange, resolveDateRange, type RunOptions } from '../../stage/run-options';
import { StageContext } from '../../stage/stage-context';
import { DEFAULT_PUBLISH_CHUNK } from '../publisher';
import type { PublishDriver } from '../publish-driver';
import { DatasetPurge } from './dataset-purge';
import { PurgeDatasetMismatch, PurgeIdColumnMismatch, PurgeSourceMissing } from './purge-errors';
import type { PurgeSummary, PurgedItem } from './purge-summary';
import { purgeableStage } from './purgeable-stage';
import type { PurgeableStage } from './published-row-ids';
import { parseStageOptionArgs } from '../../stage/stage-option-args';

export interface PurgeOptions {
  /** Data source code: `bt`, `wt`, `gs`, … */
  dataSource: string;
  /** `-s`: first day (a date, or a day count as for stages). */
  startDate: string;
  /** `-e`: exclusive end day. */
  endDate: string;
  /** Only catalog rows whose rows went to this dataset (its id, or its production id with --debug). */
  dataset?: string;
  /** Compute and show what would be deleted; delete and remove nothing. */
  simulate?: boolean;
  /** The debug repository names and test datasets, as the publish stage uses with --debug. */
  debug?: boolean;
  /** The publish stage, when the data source has more than one. */
  stage?: string;
  /** Options of the publish stage (e.g. gs `{ agg: 60 }`), as given to its publish run. */
  stageOptions?: Record<string, unknown>;
  /** The same, as command-line tokens (`-a 60 -u`), read with the stage's declared options. */
  stageArgs?: readonly string[];
  /** Ids listed per catalog row and dataset in the summary (default 5). */
  shownIds?: number;
}

const DEFAULT_SHOWN_IDS = 5;
/** Same prefix as runStage's temp dirs, so a killed purge's dir is cleaned up by the next run. */
const TEMP_DIR_PREFIX = 'lake-run-';

export async function purgePublished(lake: Lake, options: PurgeOptions): Promise<PurgeSummary> {
  const range = purgeRange(options, lake);
  lake.checkDrivers();
  const log = lake.log;
  const stage = purgeableStage(lake.registry, options.dataSource, options.stage);
  const stageOptions = { ...options.stageOptions, ...parseStageOptionArgs(stage, options.stageArgs ?? []) };
  const simulate = options.simulate === true;
  const runOptions: RunOptions = { ...stageOptions, startDate: options.startDate, endDate: options.endDate, simulate, debug: options.debug === true };

  const catalog = await lake.catalog();
  // Never written: a purge is not a stage run and has no perfmet job.
  const perfmet = new PerfmetRecorder({ driver: null, dataSource: dataSourceName(stage.dataSource), stage: stage.perfmetStage, time: lake.time, simulate: true, log });
  const tempDir = await mkdtemp(path.join(os.tmpdir(), `${TEMP_DIR_PREFIX}${process.pid}-purge-${stage.dataSource.replace(/[^a-z0-9]+/gi, '-')}-`));
  const ctx = new StageContext(lake, stage, runOptions, range, catalog, perfmet, tempDir);
  const repository = ctx.repository('public');
  const summary: PurgeSummary = {
    dataSource: stage.dataSource,
    stage: stage.name,
    repository,
    start: lake.time.format(range.start as Date),
    end: lake.time.format(range.end as Date),
    dataset: options.dataset ?? null,
    simulate,
    items: [],
    ids: 0,
    rowsDeleted: 0,
    catalogRowsRemoved: 0,
    failures: [],
  };

  try {
    log.info(`== Purging what ${stage.name} published: ${repository} rows of ${stage.dataSource}, ${describeDateRange(range, lake.time)} ==`);
    if (simulate) log.info('INFO: Simulation mode on: nothing is deleted from the datasets or the catalog.');
    const rows = await publicRows(ctx, stage, range, options.dataset);
    if (rows.length === 0) log.info('No public catalog rows in the range: nothing to purge.');
    const driver = simulate || rows.length === 0 ? null : await lake.publishDriver();
    const shownIds = options.shownIds ?? DEFAULT_SHOWN_IDS;
    for (const row of rows) {
      const item = await purgeRow(ctx, stage, row, { driver, shownIds });
      summary.items.push(item);
      summary.ids += item.datasets.reduce((sum, dataset) => sum + dataset.ids, 0);
      summary.rowsDeleted += item.datasets.reduce((sum, dataset) => sum + dataset.deleted, 0);
      if (item.catalogRowRemoved) summary.catalogRowsRemoved++;
    }
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }

  summary.failures = ctx.failures.map((failure) => ({ ...failure, date: lake.time.format(failure.date) }));
  const verb = simulate ? 'would delete' : 'deleted';
  log.info(
    `Purge of ${stage.dataSource}: ${summary.items.length} public row(s), ${summary.ids} row id(s); ${verb} ${simulate ? summary.ids : summary.rowsDeleted} row(s), ` +
      `${simulate ? 'would remove' : 'removed'} ${simulate ? summary.items.length - summary.failures.length : summary.catalogRowsRemoved} catalog row(s)` +
      `${summary.failures.length ? `; ${summary.failures.length} failed` : ''}`,
  );
  return summary;
}

/** Both bounds are required: a purge deletes, so it never reaches "onward". */
function purgeRange(options: PurgeOptions, lake: Lake): DateRange {
  if (!options.startDate?.trim() || !options.endDate?.trim()) {
    throw new UsageError('a purge needs both -s/--start_date and -e/--end_date', 'e.g. -s 2020-10-01 -e 2020-10-02 purges the rows of October 1st');
  }
  const range = resolveDateRange({ startDate: options.startDate, endDate: options.endDate }, lake.time);
  if ((range.end as Date).getTime() <= (range.start as Date).getTime()) {
    throw new UsageError(`the purge range ${options.startDate} .. ${options.endDate} holds no day`, '-e/--end_date is exclusive: -s 2020-10-01 -e 2020-10-02 is one day');
  }
  return range;
}

/**
 * The public rows the stage wrote in the range, read whole before anything is removed (removing
 * while paging would shift a paged driver's offsets).
 */
async function publicRows(ctx: StageContext, stage: PurgeableStage, range: DateRange, dataset: string | undefined): Promise<CatalogEntry[]> {
  const filter = stage.publicRowFilter?.(ctx) ?? { base: stage.sourceBase, ext: stage.sourceExt };
  const rows: CatalogEntry[] = [];
  for await (const row of ctx.catalog.overlaps({
    repository: ctx.repository('public'),
    dataSource: stage.dataSource,
    base: filter.base ?? null,
    ext: filter.ext ?? null,
    start: range.start as Date,
    end: range.end as Date,
  })) {
    if (dataset === undefined || row.pointer === dataset || row.pointer === debugNameOf(ctx, dataset)) rows.push(row);
  }
  return rows;
}

/** The dataset a --debug run writes for `dataset`, or null where a debug run may not publish it. */
function debugNameOf(ctx: StageContext, dataset: string): string | null {
  try {
    return ctx.publishedDataset(dataset);
  } catch {
    return null;
  }
}

interface RowPurgeOptions {
  driver: PublishDriver | null;
  shownIds: number;
}

async function purgeRow(ctx: StageContext, stage: PurgeableStage, row: CatalogEntry, options: RowPurgeOptions): Promise<PurgedItem> {
  const day = ctx.time.calendarDate(row.collectionDate);
  const item: PurgedItem = {
    label: `${row.base} ${row.ext} ${day}`,
    repository: row.repository,
    base: row.base,
    ext: row.ext,
    collectionDate: ctx.time.format(row.collectionDate),
    pointer: row.pointer,
    source: null,
    datasets: [],
    catalogRowRemoved: false,
    error: null,
  };
  const purges = new Map<string, DatasetPurge>();
  try {
    const source = await sourceItem(ctx, stage, row);
    item.source = `${ctx.repository(stage.from as string)}:${source.label}`;
    for await (const rowId of stage.publishedRowIds(source, ctx)) {
      let purge = purges.get(rowId.dataset);
      if (!purge) {
        const dataset = ctx.publishedDataset(rowId.dataset);
        // Deleting elsewhere than the rows went would delete nothing (or the wrong rows) and then
        // drop the catalog row: refuse before the first delete.
        if (dataset !== row.pointer) throw new PurgeDatasetMismatch(row.pointer, dataset);
        purge = new DatasetPurge({ driver: options.driver, dataset, idColumn: rowId.idColumn, chunkSize: options.driver?.preferredChunk ?? DEFAULT_PUBLISH_CHUNK, shownIds: options.shownIds });
        purges.set(rowId.dataset, purge);
      } else if (purge.idColumn !== rowId.idColumn) {
        throw new PurgeIdColumnMismatch(rowId.dataset, purge.idColumn, rowId.idColumn);
      }
      await purge.add(rowId.id);
    }
    for (const purge of purges.values()) await purge.finish();
    // Only now: a row whose deletes failed half-way stays, so running the purge again finishes it.
    if (!ctx.simulate) item.catalogRowRemoved = (await removeCatalogRow(ctx, row)) > 0;
    logRow(ctx, item, [...purges.values()].map((purge) => purge.summary));
  } catch (error) {
    item.error = { code: error instanceof LakeError ? error.code : 'ERROR', message: describeError(error) };
    ctx.reportFailure(`${item.label} (${row.pointer})`, row.collectionDate, error);
  }
  item.datasets = [...purges.values()].map((purge) => purge.summary);
  return item;
}

/** The ready file the public row was published from: same base, ext and date (publish keeps them). */
async function sourceItem(ctx: StageContext, stage: PurgeableStage, row: CatalogEntry): Promise<WorkItem<CatalogEntry>> {
  const from = stage.from as string;
  const entry = await ctx.catalog.single(ctx.repository(from), stage.dataSource, row.base, row.ext, row.collectionDate);
  if (!entry) throw new PurgeSourceMissing(ctx.repository(from), `${row.base} ${row.ext} ${ctx.time.calendarDate(row.collectionDate)}`);
  return {
    source: { base: entry.base, ext: entry.ext, date: entry.collectionDate, dateEnd: entry.collectionEnd ?? null, label: entry.pointer, payload: entry },
    base: entry.base,
    ext: entry.ext,
    date: entry.collectionDate,
    label: entry.pointer,
    priorLastUpdate: true,
    // The target (public) has it: this is what a forced publish run would process.
    forced: true,
  };
}

/** Exactly this row: same key, and an interval starting at its date. */
function removeCatalogRow(ctx: StageContext, row: CatalogEntry): Promise<number> {
  return ctx.catalog.remove({
    repository: row.repository,
    dataSource: row.dataSource,
    base: row.base,
    ext: row.ext,
    start: row.collectionDate,
    end: new Date(row.collectionDate.getTime() + 1),
  });
}

function logRow(ctx: StageContext, item: PurgedItem, datasets: PurgedItem['datasets']): void {
  if (datasets.length === 0) ctx.log.info(`${item.label}: no rows to delete`);
  for (const dataset of datasets) {
    const shown = dataset.firstIds.length ? ` (${dataset.firstIds.join(', ')}${dataset.ids > dataset.firstIds.length ? ', …' : ''})` : '';
    if (ctx.simulate) ctx.log.info(`${item.label}: would delete ${dataset.ids} row(s) by ${dataset.idColumn} from ${dataset.dataset}${shown}`);
    else ctx.log.info(`${item.label}: deleted ${dataset.deleted} of ${dataset.ids} row(s) by ${dataset.idColumn} from ${dataset.dataset}`);
    if (!ctx.simulate && dataset.deleted < dataset.ids) {
      ctx.log.info(`${item.label}: ${dataset.ids - dataset.deleted} id(s) were not in ${dataset.dataset} (deleted by an earlier purge, or never published)`);
    }
  }
  if (item.catalogRowRemoved) ctx.log.info(`${item.label}: removed its ${item.repository} catalog row`);
  else if (ctx.simulate) ctx.log.info(`${item.label}: would remove its ${item.repository} catalog row`);
}
