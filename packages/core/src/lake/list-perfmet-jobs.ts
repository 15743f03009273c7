// The stage runs perfmet recorded (`lake perfmet:jobs`).
import { dataSourceName } from '../perfmet/perfmet-recorder';
import { resolveDateRange } from '../stage/run-options';
import type { Lake } from './lake';

export interface PerfmetJobListOptions {
  /** Display name (Bluetooth) or code (bt). */
  dataSource?: string;
  stage?: string;
  startDate?: string;
  endDate?: string;
}

export interface PerfmetJobListing {
  data_source: string;
  stage: string;
  seconds: number;
  records: number;
  failures: number;
  processing_date: string;
  collection_start: string | null;
  collection_end: string | null;
}

export async function listPerfmetJobs(lake: Lake, options: PerfmetJobListOptions): Promise<PerfmetJobListing[]> {
  const range = resolveDateRange({ startDate: options.startDate, endDate: options.endDate, lastRunDate: '0' }, lake.time);
  const driver = await lake.perfmetDriver();
  const jobs: PerfmetJobListing[] = [];
  const format = (date: Date | null) => (date ? lake.time.format(date) : null);
  for await (const job of driver.readJobs({
    dataSource: options.dataSource ? dataSourceName(options.dataSource) : undefined,
    stage: options.stage,
    from: range.start ?? undefined,
    to: range.end ?? undefined,
  })) {
    jobs.push({
      data_source: job.dataSource,
      stage: job.stage,
      seconds: job.seconds,
      records: job.records,
      failures: job.failures,
      processing_date: lake.time.format(job.processingDate),
      collection_start: format(job.collectionStart),
      collection_end: format(job.collectionEnd),
    });
  }
  return jobs;
}
