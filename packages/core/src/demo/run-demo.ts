// `lake demo`: seed every installed source's sample data under $LAKE_HOME/samples and run the
// whole pipeline on it with the embedded default, so a new user sees every stage work.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { LakeConfig } from '../config/lake-config';
import { Lake, type OpenLakeOptions } from '../lake/lake';
import { runPipeline } from '../stage/run-pipeline';
import type { StageResult } from '../stage/stage-result';
import { LakeError } from '../errors';
import { writePerfmetReport } from '../perfmet/report/write-perfmet-report';
import { summarizeRun, type RunSummary } from './summarize-run';

export interface DemoResult {
  home: string;
  results: StageResult[];
  summary: RunSummary;
  /** The health report of the run: `<home>/perfmet-report.html`. */
  reportPath: string;
}

export class NoSampleData extends LakeError {
  constructor() {
    super('NO_SAMPLE_DATA', 'no installed plugin ships sample data', 'install a source plugin (e.g. the Bluetooth source) and run `lake demo` again', 2);
  }
}

export async function runDemo(options: OpenLakeOptions & { force?: boolean }): Promise<DemoResult> {
  const probe = new Lake(options);
  const samples = probe.registry.samples();
  if (samples.length === 0) throw new NoSampleData();
  let config: LakeConfig = { ...probe.config };
  let startDate: string | undefined;
  let endDate: string | undefined;
  const stageOptions: Record<string, Record<string, unknown>> = {};
  for (const sample of samples) {
    const dir = path.join(probe.home, 'samples', sample.dataSource);
    await mkdir(dir, { recursive: true });
    const run = await sample.seed(dir);
    config = mergeSampleConfig(config, run.config as LakeConfig | undefined);
    startDate = !startDate || run.startDate < startDate ? run.startDate : startDate;
    endDate = !endDate || run.endDate > endDate ? run.endDate : endDate;
    Object.assign(stageOptions, run.stageOptions);
  }
  const lake = new Lake({ ...options, config, home: probe.home });
  try {
    const runStarted = lake.time.now();
    const results = await runPipeline(lake, { startDate, endDate, force: options.force }, { stageOptions });
    const dataSources = [...new Set(samples.map((sample) => sample.dataSource))];
    const summary = await summarizeRun(lake, results, { dataSources, startDate: startDate as string, endDate: endDate as string, runStarted });
    // Jobs of the last 30 days (the runs are processed now); observations of the samples' days,
    // so a second demo, which processes nothing new, still reports on the sample data.
    const report = await writePerfmetReport(lake, { out: path.join(lake.home, 'perfmet-report.html'), collectionStartDate: startDate, collectionEndDate: endDate });
    return { home: lake.home, results, summary, reportPath: report.path };
  } finally {
    await lake.close();
  }
}

/**
 * A sample's config fragment over the user's: objects merge one level deep, so two sources can
 * each add their own `unitData.<code>` or `sources.<code>` entry.
 */
export function mergeSampleConfig(config: LakeConfig, fragment: LakeConfig | undefined): LakeConfig {
  const merged: Record<string, unknown> = { ...config };
  for (const [key, value] of Object.entries(fragment ?? {})) {
    const current = merged[key];
    const bothObjects = isPlainObject(current) && isPlainObject(value) && !('driver' in value) && !('driver' in current);
    merged[key] = bothObjects ? { ...current, ...value } : value;
  }
  return merged as LakeConfig;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
