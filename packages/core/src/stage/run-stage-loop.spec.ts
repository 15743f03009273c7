// The compare loop driver (core.md §4.7, C-1 fixed): staged catalog rows are committed when the
// date changes and at the end, prevDate follows the latest item that counted, itemCount sums.
import { TestLake } from '../test-support/test-lake';
import { testStages, writeSourceFiles } from '../test-support/test-stages';
import { runStage } from './run-stage';
import type { RunProgress } from './run-progress';

describe('runStage: the compare loop driver', () => {
  let test: TestLake;
  let sourcedir: string;

  beforeEach(() => {
    test = new TestLake();
    sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02', '2019-06-03'], 'csv');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02'], 'txt');
  });
  afterEach(() => test.dispose());

  it('commits a day’s staged rows when the date changes, and the last day’s at the end', async () => {
    const { ingest } = testStages();
    const result = await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);

    expect(ingest.seen.map(({ item, stagedRows }) => [item, stagedRows])).toEqual([
      ['csv 2019-06-01', 0],
      ['txt 2019-06-01', 1], // same day: the csv row is still staged
      ['csv 2019-06-02', 0], // new day: the two rows of the 1st were committed
      ['txt 2019-06-02', 1],
      ['csv 2019-06-03', 0],
    ]);
    expect((await test.lake.catalog()).pending).toBe(0);
    expect(await test.catalogDays('atd-datalake-raw')).toEqual([
      'csv 2019-06-01',
      'txt 2019-06-01',
      'csv 2019-06-02',
      'txt 2019-06-02',
      'csv 2019-06-03',
    ]);
    expect(result.failures).toEqual([]);
  });

  it('sums the hook’s counts into itemCount and the result', async () => {
    writeSourceFiles(sourcedir, ['2019-06-03'], 'csv', ['a,1', 'b,2', 'c,3']);
    const { ingest } = testStages();
    const result = await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);

    expect(ingest.seen.map((seen) => seen.itemCount)).toEqual([0, 2, 4, 6, 8]);
    expect(result).toMatchObject({ stage: 'ts:insert', records: 11, items: 5 });
  });

  it('gives the hook the date of the previous item, not only the first one (C-1)', async () => {
    const { ingest } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);

    expect(ingest.seen.map(({ item, prevDay }) => [item, prevDay])).toEqual([
      ['csv 2019-06-01', null],
      ['txt 2019-06-01', '2019-06-01'],
      ['csv 2019-06-02', '2019-06-01'],
      ['txt 2019-06-02', '2019-06-02'],
      ['csv 2019-06-03', '2019-06-02'],
    ]);
  });

  it('moves prevDate only for items that counted', async () => {
    writeSourceFiles(sourcedir, ['2019-06-02'], 'csv', []); // an empty file: the hook returns 0
    const { ingest } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);

    expect(ingest.seen.map(({ item, prevDay }) => [item, prevDay])).toEqual([
      ['csv 2019-06-01', null],
      ['txt 2019-06-01', '2019-06-01'],
      ['csv 2019-06-02', '2019-06-01'],
      ['txt 2019-06-02', '2019-06-01'],
      ['csv 2019-06-03', '2019-06-02'],
    ]);
  });

  it('tells a progress listener the counts after every item, the bytes read, and once more at the end', async () => {
    const { ingest, standardize } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);
    const seen: RunProgress[] = [];
    await runStage(standardize, { startDate: '2019-06-01', onProgress: (progress) => seen.push(progress) }, test.lake);

    expect(seen.map(({ items, records, done }) => [items, records, done])).toEqual([
      [1, 2, false],
      [2, 4, false],
      [3, 6, false],
      [4, 8, false],
      [5, 10, false],
      [5, 10, true],
    ]);
    const rawBytes = (await test.catalogRows('atd-datalake-raw')).length * 'north,1\nsouth,2\n'.length;
    expect(seen.at(-1)).toMatchObject({ stage: 'ts:standard', failures: 0, bytesRead: rawBytes });
  });

  it('writes one perfmet job row with the records and the collection window', async () => {
    const { ingest } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);

    const jobs = await test.perfmetJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ dataSource: 'ts', stage: 'Ingest', records: 10, failures: 0 });
    expect(test.lake.time.format(jobs[0].collectionStart as Date)).toBe('2019-06-01 00:00:00-05:00');
    expect(test.lake.time.format(jobs[0].collectionEnd as Date)).toBe('2019-06-04 00:00:00-05:00');
  });

  it('stores each file under its lake key in the target repository', async () => {
    const { ingest } = testStages();
    await runStage(ingest, { startDate: '2019-06-02', sourcedir }, test.lake);

    expect(test.storedKeys('atd-datalake-raw')).toEqual([
      '2019/06/02/ts/Test_ts_2019-06-02.csv',
      '2019/06/02/ts/Test_ts_2019-06-02.txt',
      '2019/06/03/ts/Test_ts_2019-06-03.csv',
    ]);
    expect((await test.catalogRows('atd-datalake-raw')).map((row) => row.pointer)).toEqual(test.storedKeys('atd-datalake-raw'));
  });
});
