// runPipeline: every registered stage in data-flow order (raw → standardized → ready → public),
// whatever order plugins registered them in; a failing stage does not stop the ones after it.
import fs from 'node:fs';
import path from 'node:path';
import { Registry } from '../registry/registry';
import { TestLake } from '../test-support/test-lake';
import { TEST_DATASET, testPlugin, testStages, writeSourceFiles, type TestStageBehaviour, type TestStages } from '../test-support/test-stages';
import { runPipeline } from './run-pipeline';

describe('runPipeline', () => {
  let test: TestLake;
  let sourcedir: string;
  let runLog: string[];
  let stages: TestStages;

  afterEach(() => test.dispose());

  function openWith(behaviour: Partial<Record<keyof TestStages, TestStageBehaviour>> = {}): void {
    runLog = [];
    stages = testStages(behaviour, runLog);
    const { ingest, standardize, ready, publish } = stages;
    // Registered against the data flow on purpose.
    const registry = new Registry().register(testPlugin([publish, ready, ingest, standardize]));
    test = new TestLake({ registry });
    sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02'], 'csv');
  }

  const run = (dataSources?: string[]) =>
    runPipeline(test.lake, { startDate: '2019-06-01' }, { dataSources, stageOptions: { 'ts:insert': { sourcedir } } });

  it('runs the stages in data-flow order, each seeing what the previous one stored', async () => {
    openWith();
    const results = await run();

    expect(runLog).toEqual(['ts:insert', 'ts:standard', 'ts:ready', 'ts:publish']);
    expect(results.map(({ stage, items, records, failures }) => ({ stage, items, records, failures: failures.length }))).toEqual([
      { stage: 'ts:insert', items: 2, records: 4, failures: 0 },
      { stage: 'ts:standard', items: 2, records: 4, failures: 0 },
      { stage: 'ts:ready', items: 2, records: 4, failures: 0 },
      { stage: 'ts:publish', items: 2, records: 4, failures: 0 },
    ]);
    expect(await test.catalogDays('socrata')).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
    const published = fs.readFileSync(path.join(test.home, 'publish', `${TEST_DATASET}.csv`), 'utf8');
    expect(published.trim().split(/\r?\n/)).toHaveLength(5);
  });

  it('gives stage options only to the stage they name', async () => {
    openWith();
    await run();

    expect(stages.ingest.runOptions).toEqual([{ startDate: '2019-06-01', sourcedir }]);
    for (const stage of [stages.standardize, stages.ready, stages.publish]) expect(stage.runOptions).toEqual([{ startDate: '2019-06-01' }]);
  });

  it('goes on after a stage that fails before its loop', async () => {
    openWith({ standardize: { failBefore: true } });
    const results = await run();

    expect(runLog).toEqual(['ts:insert', 'ts:standard', 'ts:ready', 'ts:publish']);
    expect(results.map((result) => result.failures.length)).toEqual([0, 1, 0, 0]);
    expect(results[1].failures[0].message).toBe('ts:standard cannot start');
    expect(results.slice(2).map((result) => result.items)).toEqual([0, 0]);
  });

  it('carries the items that did succeed through the later stages', async () => {
    openWith({ standardize: { failOn: ['2019-06-02'] } });
    const results = await run();

    expect(results.map((result) => result.failures.length)).toEqual([0, 1, 0, 0]);
    expect(await test.catalogDays('socrata')).toEqual(['csv 2019-06-01']);
  });

  it('runs only the stages of the data sources asked for', async () => {
    openWith();

    expect(await run(['bt'])).toEqual([]);
    expect(runLog).toEqual([]);
    expect((await run(['ts'])).map((result) => result.stage)).toEqual(['ts:insert', 'ts:standard', 'ts:ready', 'ts:publish']);
  });
});
