// The loop every stage shares (the original's ETLApp.doMainLoop + doCompareLoop), fixed: one
// failing item is reported and the others go on; staged catalog rows are flushed whenever the
// date changes and at the end, even after failures; perfmet logs the job in every case; the temp
// dir is always removed.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compare } from '../compare/compare';
import type { WorkItem } from '../compare/provider';
import type { Lake } from '../lake/lake';
import { PerfmetRecorder, dataSourceName } from '../perfmet/perfmet-recorder';
import { describeDateRange, resolveConcurrency, resolveDateRange, type RunOptions } from './run-options';
import type { Stage } from './stage';
import { StageContext } from './stage-context';
import type { StageResult } from './stage-result';
import { processIsAlive } from '../process/process-alive';
import { TaskPool } from './task-pool';

/** Run temp dirs are `lake-run-<pid>-<stage>-XXXXXX` under the system temp dir. */
const TEMP_DIR_PREFIX = 'lake-run-';

export async function runStage(stage: Stage, options: RunOptions, lake: Lake): Promise<StageResult> {
  const range = resolveDateRange(options, lake.time);
  const concurrency = resolveConcurrency(options, lake.config.concurrency);
  lake.checkDrivers();
  const log = lake.log;
  log.info(`== Starting ${stage.name}: ${stage.description} ==`);
  const rangeText = describeDateRange(range, lake.time);
  if (rangeText) log.info(`Date range: ${rangeText}`);
  if (options.force) log.info('INFO: Force mode on: items the target already has are processed again.');
  if (options.simulate) log.info('INFO: Simulation mode on: nothing is written to storage, catalog, publisher or perfmet.');
  const pool = new TaskPool(stage.itemsInParallel ? concurrency : 1);
  if (concurrency > 1 && !stage.itemsInParallel) log.info(`INFO: ${stage.name} processes its items one at a time (concurrency ${concurrency} does not apply to it).`);
  else if (concurrency > 1) log.info(`INFO: Processing up to ${concurrency} items of a date at once.`);

  const catalog = await lake.catalog();
  const perfmet = new PerfmetRecorder({
    driver: options.simulate ? null : await lake.perfmetDriver(),
    dataSource: dataSourceName(stage.dataSource),
    stage: stage.perfmetStage,
    time: lake.time,
    simulate: options.simulate === true,
    log,
  });
  const tempDir = await makeRunTempDir(stage);
  const ctx = new StageContext(lake, stage, options, range, catalog, perfmet, tempDir);
  const started = lake.time.now();
  const failures = ctx.failures;
  let items = 0;
  let lastItemDate: Date | null = null;

  const fail = (label: string, date: Date, error: unknown) => ctx.reportFailure(label, date, error);
  let finished = 0;
  const progress = (done: boolean) =>
    options.onProgress?.({
      stage: stage.name,
      items: finished,
      records: ctx.state.itemCount,
      failures: failures.length,
      bytesRead: ctx.state.bytesRead,
      seconds: (lake.time.now().getTime() - started.getTime()) / 1000,
      done,
    });
  const flushCatalog = async (date: Date) => {
    try {
      await catalog.commit();
    } catch (error) {
      fail(`catalog rows of ${lake.time.calendarDate(date)}`, date, error);
    }
  };

  let phase = 'before items';
  let result: StageResult;
  try {
    try {
      await stage.beforeItems(ctx);
      phase = 'compare loop';
      const work = compare(stage.sourceProvider(ctx), stage.targetProvider(ctx), {
        range,
        keyMode: stage.keyMode,
        force: options.force === true,
        time: lake.time,
        log,
      });
      try {
        for await (const item of work) {
          items++;
          // A day's staged rows are committed together once every item of the day is done and
          // the loop moves on to another date.
          if (lastItemDate && lastItemDate.getTime() !== item.date.getTime()) {
            await pool.drain();
            await flushCatalog(lastItemDate);
          }
          lastItemDate = item.date;
          await pool.add(async () => {
            ctx.state.processingDate = lake.time.now();
            // Items in flight together each get publisher buffers of their own.
            const count = pool.size > 1 ? await ctx.runItem(() => processOne(stage, item, ctx, fail)) : await processOne(stage, item, ctx, fail);
            ctx.state.itemCount += count;
            // C-1 fixed: the date of the latest item that counted (upstream kept the first one forever).
            if (count !== 0) ctx.state.prevDate = item.date;
            finished++;
            progress(false);
          });
        }
      } finally {
        await pool.drain();
      }
    } catch (error) {
      // beforeItems, or reading the source or target, failed: nothing more can be decided in this run.
      fail(`${stage.name} ${phase}`, started, error);
    }
    result = {
      stage: stage.name,
      records: ctx.state.itemCount,
      items,
      failures,
      seconds: (lake.time.now().getTime() - started.getTime()) / 1000,
    };
    // Before the final flush, so what afterItems stores, stages or publishes is committed too.
    await stage.afterItems(ctx, result).catch((error) => fail(`${stage.name} after items`, started, error));
  } finally {
    await flushCatalog(lastItemDate ?? started);
    await ctx.closePublishers().catch((error) => fail(`${stage.name} publisher`, started, error));
    await rm(tempDir, { recursive: true, force: true });
  }

  try {
    await perfmet.writeSensorObs();
    await perfmet.logJob(result.records, failures.length);
  } catch (error) {
    fail(`${stage.name} perfmet`, started, error);
  }
  progress(true);
  log.info(`Records processed: ${result.records}${failures.length ? `; ${failures.length} failed` : ''}`);
  return result;
}

async function processOne(
  stage: Stage,
  item: WorkItem,
  ctx: StageContext,
  fail: (label: string, date: Date, error: unknown) => void,
): Promise<number> {
  try {
    const count = await stage.processItem(item, ctx);
    await ctx.perfmet.writeSensorObs();
    return count;
  } catch (error) {
    ctx.discardUnpublishedRows();
    fail(item.label, item.date, error);
    return 0;
  }
}

/** The run's own temp dir (after clearing those of killed runs); the caller removes it. */
export async function makeRunTempDir(stage: Stage): Promise<string> {
  await removeDeadRunsTempDirs();
  return mkdtemp(path.join(os.tmpdir(), `${TEMP_DIR_PREFIX}${process.pid}-${stage.name.replace(/[^a-z0-9]+/gi, '-')}-`));
}

/**
 * A killed run never reaches its clean-up: remove the temp dirs of runs whose process is gone
 * (a sort spill of a large day can be hundreds of MB).
 */
async function removeDeadRunsTempDirs(): Promise<void> {
  try {
    for (const name of await readdir(os.tmpdir())) {
      const pid = Number(new RegExp(`^${TEMP_DIR_PREFIX}(\\d+)-`).exec(name)?.[1]);
      if (!pid || pid === process.pid || processIsAlive(pid)) continue;
      await rm(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  } catch {
    // Best effort: a leftover never stops a run.
  }
}

