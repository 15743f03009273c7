// Rerunning a stage over the same window: what the target has is skipped; --force redoes it and
// the catalog still holds one row per key.
import { TestLake } from '../test-support/test-lake';
import { testStages, writeSourceFiles } from '../test-support/test-stages';
import { runStage } from './run-stage';

describe('runStage: rerun idempotence', () => {
  let test: TestLake;
  let sourcedir: string;
  const days = ['2019-06-01', '2019-06-02'];

  beforeEach(async () => {
    test = new TestLake();
    sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, days, 'csv');
    const { ingest, standardize } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);
    await runStage(standardize, { startDate: '2019-06-01' }, test.lake);
    test.advance(1);
  });
  afterEach(() => test.dispose());

  it('processes nothing the second time', async () => {
    const { ingest, standardize } = testStages();
    const ingested = await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);
    const standardized = await runStage(standardize, { startDate: '2019-06-01' }, test.lake);

    expect(ingest.seen).toEqual([]);
    expect(standardize.seen).toEqual([]);
    expect(ingested).toMatchObject({ items: 0, records: 0, failures: [] });
    expect(standardized).toMatchObject({ items: 0, records: 0, failures: [] });
  });

  it('still logs a perfmet job for a run with nothing to do', async () => {
    const { ingest } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);

    const jobs = await test.perfmetJobs('Ingest');
    expect(jobs.map((job) => job.records)).toEqual([4, 0]);
    expect(jobs[1]).toMatchObject({ collectionStart: null, collectionEnd: null });
  });

  it('reprocesses everything with force, keeping one catalog row per key', async () => {
    const { ingest, standardize } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir, force: true }, test.lake);
    await runStage(standardize, { startDate: '2019-06-01', force: true }, test.lake);

    expect(ingest.seenItems()).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
    expect(ingest.seen.every((seen) => seen.forced)).toBe(true);
    expect(standardize.seenItems()).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
    expect(await test.catalogDays('atd-datalake-raw')).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
    expect(await test.catalogDays('atd-datalake-rawjson')).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
  });

  it('records the forced run’s processing date on the rewritten rows', async () => {
    const before = await test.catalogRows('atd-datalake-raw');
    const { ingest } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir, force: true }, test.lake);

    const after = await test.catalogRows('atd-datalake-raw');
    expect(after).toHaveLength(before.length);
    for (const [index, row] of after.entries()) {
      expect((row.processingDate as Date).getTime()).toBeGreaterThan((before[index].processingDate as Date).getTime());
    }
  });

  it('announces each forced item once in the log', async () => {
    const { ingest } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir, force: true }, test.lake);

    const announcements = test.log.lines.filter((line) => line.includes('Forcing processing'));
    expect(announcements).toEqual([
      "INFO INFO: Forcing processing of ('Test', 'csv') for date 2019-06-01 00:00:00-05:00.",
      "INFO INFO: Forcing processing of ('Test', 'csv') for date 2019-06-02 00:00:00-05:00.",
    ]);
  });

  it('picks up only the new day when the source grows', async () => {
    writeSourceFiles(sourcedir, ['2019-06-03'], 'csv');
    const { ingest } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);

    expect(ingest.seenItems()).toEqual(['csv 2019-06-03']);
  });
});
