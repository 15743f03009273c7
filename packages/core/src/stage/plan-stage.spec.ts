// planStage: the items a run would process, decided exactly as runStage decides, and nothing written.
import fs from 'node:fs';
import os from 'node:os';
import { TestLake } from '../test-support/test-lake';
import { testStages, writeSourceFiles } from '../test-support/test-stages';
import { planStage } from './plan-stage';
import { runStage } from './run-stage';

describe('planStage', () => {
  let test: TestLake;
  let sourcedir: string;

  beforeEach(() => {
    test = new TestLake();
    sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02', '2019-06-03'], 'csv');
    writeSourceFiles(sourcedir, ['2019-06-01'], 'txt');
  });
  afterEach(() => test.dispose());

  it('lists what the target lacks, per item and per day with the arguments that run that day', async () => {
    const { ingest } = testStages();
    const plan = await planStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);

    expect(plan.items.map((item) => `${item.ext} ${item.day}`)).toEqual(['csv 2019-06-01', 'txt 2019-06-01', 'csv 2019-06-02', 'csv 2019-06-03']);
    expect(plan.items[0]).toMatchObject({ base: 'Test', date: '2019-06-01T05:00:00.000Z', dateEnd: null, forced: false });
    expect(plan.days).toEqual([
      { day: '2019-06-01', items: 2, args: ['ts', 'insert', '-s', '2019-06-01', '-e', '2019-06-02', '--sourcedir', sourcedir] },
      { day: '2019-06-02', items: 1, args: ['ts', 'insert', '-s', '2019-06-02', '-e', '2019-06-03', '--sourcedir', sourcedir] },
      { day: '2019-06-03', items: 1, args: ['ts', 'insert', '-s', '2019-06-03', '-e', '2019-06-04', '--sourcedir', sourcedir] },
    ]);
    expect(plan).toMatchObject({ stage: 'ts:insert', start: '2019-06-01 00:00:00-05:00', end: null, problems: [] });
  });

  it('writes nothing: no file, no catalog row, no perfmet job, no temp dir left', async () => {
    const tempBefore = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`lake-run-${process.pid}-`));
    const { ingest } = testStages();
    await planStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);

    expect(test.storedKeys('atd-datalake-raw')).toEqual([]);
    expect(await test.catalogRows()).toEqual([]);
    expect(await test.perfmetJobs()).toEqual([]);
    expect(ingest.seen).toEqual([]);
    expect(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`lake-run-${process.pid}-`))).toEqual(tempBefore);
  });

  it('plans only what a run left undone, and everything again with force', async () => {
    const { ingest } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', endDate: '2019-06-02', sourcedir }, test.lake);

    const plan = await planStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);
    expect(plan.items.map((item) => item.day)).toEqual(['2019-06-02', '2019-06-03']);

    const forced = await planStage(ingest, { startDate: '2019-06-01', endDate: '2019-06-02', sourcedir, force: true }, test.lake);
    expect(forced.items.map((item) => [item.ext, item.forced])).toEqual([
      ['csv', true],
      ['txt', true],
    ]);
    expect(forced.days[0].args).toContain('--force');
  });

  it('reports what the stage could not get ready, as a run would', async () => {
    const { ingest } = testStages({ ingest: { failBefore: true } });
    await expect(planStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake)).rejects.toThrow('ts:insert cannot start');
  });
});
