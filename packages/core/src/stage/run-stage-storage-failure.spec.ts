// A catalog row is written only after its file is stored: a storage driver that fails a write
// leaves that item without a row, and the item is retried next run.
import { Registry } from '../registry/registry';
import { LocalStorageDriver } from '../storage/local-storage-driver';
import { FlakyStorageDriver } from '../test-support/flaky-storage-driver';
import { TestLake } from '../test-support/test-lake';
import { testStages, writeSourceFiles } from '../test-support/test-stages';
import { runStage } from './run-stage';

describe('runStage: a storage write that fails', () => {
  let test: TestLake;
  let sourcedir: string;
  let flaky: FlakyStorageDriver | undefined;

  beforeEach(() => {
    const registry = new Registry().addDriver('storage', 'flaky', (settings, env) => {
      flaky = new FlakyStorageDriver(new LocalStorageDriver(env.home), String(settings.failKeysContaining));
      return flaky;
    });
    test = new TestLake({ registry, config: { storage: { driver: 'flaky', failKeysContaining: '2019-06-02' } } });
    sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02', '2019-06-03'], 'csv');
  });
  afterEach(() => test.dispose());

  it('leaves no catalog row for the file it did not store', async () => {
    const { ingest } = testStages();
    const result = await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);

    expect(flaky?.refused).toEqual(['2019/06/02/ts/Test_ts_2019-06-02.csv']);
    expect(result.failures.map((failure) => [failure.code, failure.message])).toEqual([
      ['STORAGE_UNAVAILABLE', 'storage refused 2019/06/02/ts/Test_ts_2019-06-02.csv'],
    ]);
    expect(test.storedKeys('atd-datalake-raw')).toEqual(['2019/06/01/ts/Test_ts_2019-06-01.csv', '2019/06/03/ts/Test_ts_2019-06-03.csv']);
    expect(await test.catalogDays('atd-datalake-raw')).toEqual(['csv 2019-06-01', 'csv 2019-06-03']);
  });

  it('tries the file again on the next run', async () => {
    const { ingest } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);
    test.advance(1);
    const again = testStages().ingest;
    await runStage(again, { startDate: '2019-06-01', sourcedir }, test.lake);

    expect(again.seenItems()).toEqual(['csv 2019-06-02']);
  });
});
