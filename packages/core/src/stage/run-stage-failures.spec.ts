// One bad item does not stop the run (C-18 fixed): it is reported and logged, gets no catalog
// row, the others are committed, the perfmet job still counts the failures, and the next run
// retries only that item.
import path from 'node:path';
import { TestLake } from '../test-support/test-lake';
import { testStages, writeSourceFiles } from '../test-support/test-stages';
import { runStage } from './run-stage';

describe('runStage: an item that throws', () => {
  let test: TestLake;
  let sourcedir: string;

  beforeEach(() => {
    test = new TestLake();
    sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02', '2019-06-03'], 'csv');
    writeSourceFiles(sourcedir, ['2019-06-02'], 'txt');
  });
  afterEach(() => test.dispose());

  const runIngest = (failOn: string[] = []) => {
    const { ingest } = testStages({ ingest: { failOn } });
    return runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake).then((result) => ({ ingest, result }));
  };

  it('is reported with its label and message, and logged', async () => {
    const { result } = await runIngest(['csv 2019-06-02']);

    expect(result.failures).toHaveLength(1);
    const [failure] = result.failures;
    expect(failure.label).toMatch(/incoming[/\\]counts_2019-06-02\.csv$/);
    expect(failure.message).toBe('cannot read counts_2019-06-02.csv');
    expect(failure.code).toBe('ERROR');
    expect(test.lake.time.calendarDate(failure.date)).toBe('2019-06-02');
    expect(test.log.lines).toContain(`ERROR ${failure.label}: cannot read counts_2019-06-02.csv`);
  });

  it('does not stop the loop: the other items run and are committed', async () => {
    const { ingest, result } = await runIngest(['csv 2019-06-02']);

    expect(ingest.seenItems()).toEqual(['csv 2019-06-01', 'csv 2019-06-02', 'txt 2019-06-02', 'csv 2019-06-03']);
    expect(result).toMatchObject({ items: 4, records: 6 });
    expect(await test.catalogDays('atd-datalake-raw')).toEqual(['csv 2019-06-01', 'txt 2019-06-02', 'csv 2019-06-03']);
    expect(test.storedKeys('atd-datalake-raw')).not.toContain('2019/06/02/ts/Test_ts_2019-06-02.csv');
  });

  it('commits the rows of a day whose last item failed', async () => {
    await runIngest(['txt 2019-06-02', '2019-06-03']);

    expect(await test.catalogDays('atd-datalake-raw')).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
  });

  it('still writes the perfmet job row, with the failure count', async () => {
    await runIngest(['csv 2019-06-02', '2019-06-03']);

    const [job] = await test.perfmetJobs('Ingest');
    expect(job).toMatchObject({ records: 4, failures: 2 });
    expect(test.log.lines).toContain('INFO Records processed: 4; 2 failed');
  });

  it('is retried alone by the next run', async () => {
    await runIngest(['csv 2019-06-02']);
    test.advance(1);
    const { ingest, result } = await runIngest();

    expect(ingest.seenItems()).toEqual(['csv 2019-06-02']);
    expect(result).toMatchObject({ items: 1, records: 2, failures: [] });
    expect(await test.catalogDays('atd-datalake-raw')).toEqual(['csv 2019-06-01', 'csv 2019-06-02', 'txt 2019-06-02', 'csv 2019-06-03']);
    expect((await test.perfmetJobs('Ingest')).map((job) => job.failures)).toEqual([1, 0]);
  });

  it('reports a source that cannot be read as one failure of the loop', async () => {
    const { ingest } = testStages();
    const result = await runStage(ingest, { startDate: '2019-06-01', sourcedir: path.join(test.home, 'missing') }, test.lake);

    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ label: 'ts:insert compare loop', code: 'SOURCE_FOLDER_UNREADABLE' });
    expect(await test.perfmetJobs('Ingest')).toHaveLength(1);
  });
});
