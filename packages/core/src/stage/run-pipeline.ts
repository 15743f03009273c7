// The nightly job in one call: every registered stage in data-flow order (raw → standardized →
// ready → public) with the same date window. A failed stage is reported and the next one still
// runs: later stages only pick up what earlier ones stored.
import type { Lake } from '../lake/lake';
import type { RunOptions } from './run-options';
import { runStage } from './run-stage';
import type { StageResult } from './stage-result';

export interface PipelineOptions {
  /** Only these data sources (codes); default all. */
  dataSources?: string[];
  /** Extra options per stage name, e.g. { 'bt:insert': { sourcedir: '…' } }. */
  stageOptions?: Record<string, Record<string, unknown>>;
}

export async function runPipeline(lake: Lake, options: RunOptions, pipeline: PipelineOptions = {}): Promise<StageResult[]> {
  const stages = lake.registry
    .stages()
    .filter((stage) => !pipeline.dataSources?.length || pipeline.dataSources.includes(stage.dataSource));
  const results: StageResult[] = [];
  for (const stage of stages) {
    results.push(await runStage(stage, { ...options, ...pipeline.stageOptions?.[stage.name] }, lake));
  }
  return results;
}
