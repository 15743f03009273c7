// Reads what the health report needs from the perfmet driver and aggregates it as the rows stream
// past, so memory grows with (stages × days) and (sensors × days), never with the row count.
//
// Two windows (the demo shows why: its runs are processed "now" on data collected in 2019):
// * jobs are taken by **processing date** over the report window (-s/-e, default the last 30 days);
// * observations by **collection date** over the days those jobs covered (earliest
//   collection_start to latest collection_end), plus the 7 days before it that `expected` needs.
//   Without any job range it is the report window itself; a caller may also name it.
import type { Lake } from '../../lake/lake';
import { UsageError } from '../../errors';
import { resolveDateRange } from '../../stage/run-options';
import type { LakeTime } from '../../time/lake-time';
import { dataSourceName } from '../data-source-names';
import type { PerfmetJob } from '../perfmet-driver';
import { SAMPLE_DAYS } from './compute-report';
import type { CollectionBasis, JobRange } from './report-data';
import { addCalendarDays, calendarDayCount } from './report-days';

/** Report window when no start is given: the 30 days up to and including today. */
export const DEFAULT_REPORT_DAYS = 30;
/** Longest window, processing or collection, one page shows (a day is a column of every chart). */
export const MAX_REPORT_DAYS = 366;
/** Jobs listed one by one; older ones are counted only. */
export const MAX_LISTED_JOBS = 1000;

export interface ReportWindowOptions {
  /** Jobs processed from this day: N days back (`30`), or a date. Default: 29 days back (30 days with today). */
  startDate?: string;
  /** Jobs processed before this day (exclusive). Default: tomorrow, so today is in. */
  endDate?: string;
  /** Observations collected from this day, instead of the jobs' earliest collection_start. */
  collectionStartDate?: string;
  /** Observations collected before this day, instead of the jobs' latest collection_end. */
  collectionEndDate?: string;
}

export interface StageDayTotals {
  runs: number;
  records: number;
  seconds: number;
  failures: number;
  failedRuns: number;
}

export interface StageTotals {
  dataSource: string;
  stage: string;
  /** By processing day. */
  days: Map<string, StageDayTotals>;
}

/** One sensor's observations by collection day (a null is a row without a number). */
export interface SensorHistory {
  dataSource: string;
  dataType: string;
  sensorName: string;
  byDay: Map<string, number | null>;
}

export interface CollectionWindow {
  start: string;
  end: string;
  basis: CollectionBasis;
  clamped: boolean;
}

export interface GatheredPerfmet {
  processing: { start: string; end: string };
  collection: CollectionWindow & { startMs: number; endMs: number };
  stages: StageTotals[];
  /** Stages each data source has installed (from the registry), missing days count against them too. */
  registeredStages: Map<string, Set<string>>;
  dataSources: Set<string>;
  jobCount: number;
  jobsWithRange: number;
  /** The newest MAX_LISTED_JOBS jobs, oldest first. */
  listedJobs: JobRange[];
  sensors: SensorHistory[];
  /** Per data source, the collection day its sensors are judged on. */
  latestDay: Map<string, string>;
}

export async function gatherPerfmet(lake: Lake, options: ReportWindowOptions = {}): Promise<GatheredPerfmet> {
  const { time } = lake;
  const processing = processingWindow(options, time);
  const driver = await lake.perfmetDriver();

  const stages = new Map<string, StageTotals>();
  const dataSources = new Set<string>();
  const latestEndBySource = new Map<string, number>();
  let listedJobs: JobRange[] = [];
  let jobCount = 0;
  let jobsWithRange = 0;
  let earliestStart = Infinity;
  let latestEnd = -Infinity;
  for await (const job of driver.readJobs({ from: time.dayStart(processing.start), to: time.dayStart(processing.end) })) {
    jobCount++;
    dataSources.add(job.dataSource);
    addToStageDay(stages, job, time.calendarDate(job.processingDate));
    if (job.collectionStart && job.collectionEnd) {
      jobsWithRange++;
      earliestStart = Math.min(earliestStart, job.collectionStart.getTime());
      latestEnd = Math.max(latestEnd, job.collectionEnd.getTime());
      latestEndBySource.set(job.dataSource, Math.max(latestEndBySource.get(job.dataSource) ?? -Infinity, job.collectionEnd.getTime()));
    }
    listedJobs.push(jobRange(job, time));
    // Trimmed in batches: keeping the newest N of an ordered stream without shifting every time.
    if (listedJobs.length >= 2 * MAX_LISTED_JOBS) listedJobs = listedJobs.slice(-MAX_LISTED_JOBS);
  }
  if (listedJobs.length > MAX_LISTED_JOBS) listedJobs = listedJobs.slice(-MAX_LISTED_JOBS);

  const derived: CollectionWindow =
    jobsWithRange > 0
      ? { start: time.calendarDate(new Date(earliestStart)), end: addCalendarDays(time.calendarDate(new Date(latestEnd - 1)), 1), basis: 'jobs', clamped: false }
      : { ...processing, basis: 'processing window', clamped: false };
  const collection = clampWindow(collectionOverride(derived, options, time));

  const sensors = new Map<string, SensorHistory>();
  const latestObservedBySource = new Map<string, string>();
  const readFrom = addCalendarDays(collection.start, -SAMPLE_DAYS);
  for await (const observation of driver.readObservations({ from: time.dayStart(readFrom), to: time.dayStart(collection.end) })) {
    const day = time.calendarDate(observation.collectionDate);
    if (day < readFrom || day >= collection.end) continue;
    const key = [observation.dataSource, observation.dataType, observation.sensorName].join('\u0000');
    let sensor = sensors.get(key);
    if (!sensor) {
      sensor = { dataSource: observation.dataSource, dataType: observation.dataType, sensorName: observation.sensorName, byDay: new Map() };
      sensors.set(key, sensor);
    }
    sensor.byDay.set(day, observation.data);
    dataSources.add(observation.dataSource);
    if (day >= collection.start && day > (latestObservedBySource.get(observation.dataSource) ?? '')) latestObservedBySource.set(observation.dataSource, day);
  }

  const lastDay = addCalendarDays(collection.end, -1);
  const latestDay = new Map<string, string>();
  for (const dataSource of dataSources) {
    const end = latestEndBySource.get(dataSource);
    const day = end !== undefined ? time.calendarDate(new Date(end - 1)) : latestObservedBySource.get(dataSource);
    if (day !== undefined) latestDay.set(dataSource, day > lastDay ? lastDay : day < collection.start ? collection.start : day);
  }

  return {
    processing,
    collection: { ...collection, startMs: time.dayStart(collection.start).getTime(), endMs: time.dayStart(collection.end).getTime() },
    stages: [...stages.values()],
    registeredStages: registeredStages(lake),
    dataSources,
    jobCount,
    jobsWithRange,
    listedJobs,
    sensors: [...sensors.values()],
    latestDay,
  };
}

/** The report window by processing day, [start, end). */
export function processingWindow(options: ReportWindowOptions, time: LakeTime): { start: string; end: string } {
  const range = resolveDateRange({ startDate: options.startDate ?? String(DEFAULT_REPORT_DAYS - 1), endDate: options.endDate }, time);
  const start = time.calendarDate(range.start as Date);
  const end = range.end ? time.calendarDate(range.end) : addCalendarDays(time.calendarDate(time.now()), 1);
  checkWindow(start, end, '-s/--start_date', '-e/--end_date');
  return { start, end };
}

function collectionOverride(derived: CollectionWindow, options: ReportWindowOptions, time: LakeTime): CollectionWindow {
  if (options.collectionStartDate === undefined && options.collectionEndDate === undefined) return derived;
  const range = resolveDateRange({ lastRunDate: '0', startDate: options.collectionStartDate, endDate: options.collectionEndDate }, time);
  const start = options.collectionStartDate !== undefined ? time.calendarDate(range.start as Date) : derived.start;
  const end = range.end ? time.calendarDate(range.end) : derived.end;
  checkWindow(start, end, 'collection start', 'collection end');
  return { start, end, basis: 'option', clamped: false };
}

/** A collection window longer than a page shows keeps its newest days (a -r 0 run covers decades). */
function clampWindow(window: CollectionWindow): CollectionWindow {
  if (calendarDayCount(window.start, window.end) <= MAX_REPORT_DAYS) return window;
  return { ...window, start: addCalendarDays(window.end, -MAX_REPORT_DAYS), clamped: true };
}

function checkWindow(start: string, end: string, startName: string, endName: string): void {
  if (end <= start) throw new UsageError(`the report window is empty: ${endName} (${end}) is not after ${startName} (${start})`, `give an ${endName} after ${startName}`);
  const days = calendarDayCount(start, end);
  if (days > MAX_REPORT_DAYS) {
    throw new UsageError(`the report window has ${days} days; a report shows at most ${MAX_REPORT_DAYS}`, `narrow ${startName} / ${endName}`);
  }
}

function addToStageDay(stages: Map<string, StageTotals>, job: PerfmetJob, day: string): void {
  const key = `${job.dataSource}\u0000${job.stage}`;
  let series = stages.get(key);
  if (!series) {
    series = { dataSource: job.dataSource, stage: job.stage, days: new Map() };
    stages.set(key, series);
  }
  let totals = series.days.get(day);
  if (!totals) {
    totals = { runs: 0, records: 0, seconds: 0, failures: 0, failedRuns: 0 };
    series.days.set(day, totals);
  }
  totals.runs++;
  totals.records += job.records;
  totals.seconds += job.seconds;
  totals.failures += job.failures;
  if (job.failures > 0) totals.failedRuns++;
}

function jobRange(job: PerfmetJob, time: LakeTime): JobRange {
  const hasRange = job.collectionStart !== null && job.collectionEnd !== null;
  return {
    dataSource: job.dataSource,
    stage: job.stage,
    processingDate: time.format(job.processingDate),
    collectionStart: job.collectionStart ? time.format(job.collectionStart) : null,
    collectionEnd: job.collectionEnd ? time.format(job.collectionEnd) : null,
    startMs: hasRange ? (job.collectionStart as Date).getTime() : null,
    endMs: hasRange ? (job.collectionEnd as Date).getTime() : null,
    records: job.records,
    seconds: job.seconds,
    failures: job.failures,
  };
}

/** The perfmet stage names of every installed stage, by data source display name. */
function registeredStages(lake: Lake): Map<string, Set<string>> {
  const byDataSource = new Map<string, Set<string>>();
  for (const stage of lake.registry.stages()) {
    const dataSource = dataSourceName(stage.dataSource);
    if (!byDataSource.has(dataSource)) byDataSource.set(dataSource, new Set());
    byDataSource.get(dataSource)?.add(stage.perfmetStage);
  }
  return byDataSource;
}
