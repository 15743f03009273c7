// The same-day rule through a whole stage (core.md §4.5, §13 item 6): with "now" in the middle of
// day D, D's files are left for tomorrow unless an end date is given.
import { TestLake } from '../test-support/test-lake';
import { testStages, writeSourceFiles } from '../test-support/test-stages';
import { runStage } from './run-stage';

describe('runStage: the same-day rule', () => {
  let test: TestLake;
  let sourcedir: string;

  beforeEach(() => {
    test = new TestLake({ now: '2019-06-03T17:00:00Z' }); // 12:00 CDT on the 3rd
    sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02', '2019-06-03'], 'csv');
  });
  afterEach(() => test.dispose());

  const ingestDays = async (options: { startDate: string; endDate?: string }) => {
    const { ingest } = testStages();
    await runStage(ingest, { ...options, sourcedir }, test.lake);
    return ingest.seenItems();
  };

  it('skips today’s file without an end date', async () => {
    expect(await ingestDays({ startDate: '2019-06-01' })).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
    expect(await test.catalogDays('atd-datalake-raw')).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
  });

  it('skips today’s file with a day-count start too', async () => {
    expect(await ingestDays({ startDate: '0' })).toEqual([]);
  });

  it('processes today’s file when the end date is after today', async () => {
    expect(await ingestDays({ startDate: '2019-06-01', endDate: '2019-06-04' })).toEqual(['csv 2019-06-01', 'csv 2019-06-02', 'csv 2019-06-03']);
  });

  it('is off for any end date, even one far in the future', async () => {
    expect(await ingestDays({ startDate: '2019-06-03', endDate: '2019-07-01' })).toEqual(['csv 2019-06-03']);
  });

  it('picks up the held-back day on the next day’s run', async () => {
    await ingestDays({ startDate: '2019-06-01' });
    test.setNow('2019-06-04T17:00:00Z');

    expect(await ingestDays({ startDate: '2019-06-01' })).toEqual(['csv 2019-06-03']);
  });
});
