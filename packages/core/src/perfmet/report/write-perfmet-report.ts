// `lake perfmet report`: the health dashboard as one HTML file — stages per processing day,
// sensors against their expected value with dead / silent / anomalous flags, and the jobs'
// collection ranges. See gather-perfmet.ts for which rows each part takes.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LakeError, UsageError, describeError } from '../../errors';
import type { Lake } from '../../lake/lake';
import { buildReportData, DEFAULT_THRESHOLD_PERCENT } from './compute-report';
import { gatherPerfmet, type ReportWindowOptions } from './gather-perfmet';
import type { FlaggedSensor, PerfmetReportData } from './report-data';
import { renderReportHtml } from './report-html';

export const DEFAULT_REPORT_FILE = 'perfmet-report.html';

export interface PerfmetReportOptions extends ReportWindowOptions {
  /** The HTML file to write; relative to the current directory. Default perfmet-report.html. */
  out?: string;
  /** Deviation from expected, in percent, above which a sensor is anomalous (default 50). */
  thresholdPercent?: number;
}

export interface PerfmetReportSummary {
  /** Absolute path of the written page. */
  path: string;
  /** Processing days in the window, and the window [start, end). */
  days: number;
  start: string;
  end: string;
  /** Collection days observations were judged over, and that window [start, end). */
  collectionDays: number;
  collectionStart: string;
  collectionEnd: string;
  jobs: number;
  sensors: number;
  failedStageDays: number;
  missingStageDays: number;
  flaggedSensors: Pick<FlaggedSensor, 'kind' | 'dataSource' | 'dataType' | 'sensorName' | 'reason'>[];
}

export class ReportNotWritable extends LakeError {
  constructor(file: string, cause: unknown) {
    super('REPORT_NOT_WRITABLE', `cannot write the report to ${file}: ${describeError(cause)}`, 'pass --out with a path in a writable folder', 1, { cause });
  }
}

/** Gathers, computes and renders the report; the file appears only once complete. */
export async function writePerfmetReport(lake: Lake, options: PerfmetReportOptions = {}): Promise<PerfmetReportSummary> {
  const thresholdPercent = options.thresholdPercent ?? DEFAULT_THRESHOLD_PERCENT;
  if (!Number.isFinite(thresholdPercent) || thresholdPercent <= 0) {
    throw new UsageError(`the anomaly threshold must be a positive percentage, not ${thresholdPercent}`, 'pass --threshold 50 for 50 %');
  }
  const data = await perfmetReportData(lake, { ...options, thresholdPercent });
  const file = path.resolve(options.out ?? DEFAULT_REPORT_FILE);
  const partial = `${file}.${process.pid}.partial`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(partial, renderReportHtml(data), 'utf8');
    await rename(partial, file);
  } catch (error) {
    // Nothing to clean when the folder itself is the problem.
    await rm(partial, { force: true }).catch(() => undefined);
    throw new ReportNotWritable(file, error);
  }
  return summarize(file, data);
}

/** The report's data alone, e.g. to render it elsewhere. */
export async function perfmetReportData(lake: Lake, options: PerfmetReportOptions = {}): Promise<PerfmetReportData> {
  const gathered = await gatherPerfmet(lake, options);
  return buildReportData(gathered, { thresholdPercent: options.thresholdPercent, generatedAt: lake.time.format(lake.time.now()), timeZone: lake.time.zone });
}

function summarize(file: string, data: PerfmetReportData): PerfmetReportSummary {
  return {
    path: file,
    days: data.processing.days.length,
    start: data.processing.start,
    end: data.processing.end,
    collectionDays: data.collection.days.length,
    collectionStart: data.collection.start,
    collectionEnd: data.collection.end,
    jobs: data.jobs.total,
    sensors: data.sensors.length,
    failedStageDays: data.stages.reduce((sum, series) => sum + series.failedDays, 0),
    missingStageDays: data.stages.reduce((sum, series) => sum + series.missingDays, 0),
    flaggedSensors: data.flagged.map(({ kind, dataSource, dataType, sensorName, reason }) => ({ kind, dataSource, dataType, sensorName, reason })),
  };
}
