// What a run produced, for people: catalog rows per repository in the run's window, rows
// published per stage, and the perfmet jobs the run logged.
import { resolveDateRange } from '../stage/run-options';
import type { Lake } from '../lake/lake';
import type { StageResult } from '../stage/stage-result';
import type { PerfmetJob } from '../perfmet/perfmet-driver';

export interface RunSummary {
  /** Catalog rows per repository whose collection dates overlap the window. */
  catalogRows: Record<string, number>;
  /** Records the stages writing to `public` reported, per stage. */
  publishedRows: Record<string, number>;
  /** Perfmet jobs logged since the run started. */
  jobs: PerfmetJob[];
}

export interface SummaryWindow {
  dataSources: string[];
  startDate: string;
  endDate: string;
  /** When the run started (jobs from then on are the run's). */
  runStarted: Date;
}

export async function summarizeRun(lake: Lake, results: StageResult[], window: SummaryWindow): Promise<RunSummary> {
  const range = resolveDateRange({ startDate: window.startDate, endDate: window.endDate }, lake.time);
  const catalog = await lake.catalog();
  const catalogRows: Record<string, number> = {};
  for (const dataSource of window.dataSources) {
    for await (const entry of catalog.overlaps({ dataSource, start: range.start ?? new Date(0), end: range.end ?? new Date(8.64e15) })) {
      catalogRows[entry.repository] = (catalogRows[entry.repository] ?? 0) + 1;
    }
  }
  const publishedRows: Record<string, number> = {};
  for (const result of results) {
    if (lake.registry.stage(result.stage)?.to === 'public') publishedRows[result.stage] = result.records;
  }
  const jobs: PerfmetJob[] = [];
  for await (const job of (await lake.perfmetDriver()).readJobs({ from: window.runStarted })) jobs.push(job);
  return { catalogRows, publishedRows, jobs };
}
