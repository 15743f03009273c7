// --debug switches all four repository names (core.md §1.1, §13 item 7): files land in the
// `-test` folders and catalog rows carry those names; production rows are neither read nor written.
import { TestLake } from '../test-support/test-lake';
import { testStages, writeSourceFiles } from '../test-support/test-stages';
import type { RunOptions } from './run-options';
import { runStage } from './run-stage';

describe('runStage: debug repository names', () => {
  let test: TestLake;
  let sourcedir: string;

  beforeEach(() => {
    test = new TestLake();
    sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01'], 'csv');
  });
  afterEach(() => test.dispose());

  async function runAll(options: RunOptions): Promise<void> {
    const { ingest, standardize, ready, publish } = testStages();
    for (const stage of [ingest, standardize, ready, publish]) {
      const result = await runStage(stage, { startDate: '2019-06-01', sourcedir, ...options }, test.lake);
      expect(result.failures).toEqual([]);
      test.advance(1);
    }
  }

  /** Repository names of the catalog rows, in the order the stages wrote them. */
  async function repositoriesInCatalog(): Promise<string[]> {
    const rows = (await test.catalogRows()).sort((a, b) => (a.processingDate as Date).getTime() - (b.processingDate as Date).getTime());
    return [...new Set(rows.map((row) => row.repository))];
  }

  it('uses the four debug names for files and catalog rows', async () => {
    await runAll({ debug: true });

    expect(await repositoriesInCatalog()).toEqual(['atd-datalake-raw-test', 'atd-datalake-rawjson-test', 'atd-datalake-ready-test', 'socrata-test']);
    expect(test.storedKeys('atd-datalake-raw-test')).toEqual(['2019/06/01/ts/Test_ts_2019-06-01.csv']);
    expect(test.storedKeys('atd-datalake-rawjson-test')).toEqual(['2019/06/01/ts/Test_ts_2019-06-01.csv']);
    expect(test.storedKeys('atd-datalake-ready-test')).toEqual(['2019/06/01/ts/Test_ts_2019-06-01.csv']);
    for (const production of ['atd-datalake-raw', 'atd-datalake-rawjson', 'atd-datalake-ready']) {
      expect(test.storedKeys(production)).toEqual([]);
    }
  });

  it('uses the production names without --debug', async () => {
    await runAll({});

    expect(await repositoriesInCatalog()).toEqual(['atd-datalake-raw', 'atd-datalake-rawjson', 'atd-datalake-ready', 'socrata']);
  });

  it('compares against the debug rows only, so production data does not hide work', async () => {
    await runAll({});
    test.advance(1);
    const { ingest } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir, debug: true }, test.lake);

    expect(ingest.seenItems()).toEqual(['csv 2019-06-01']);
  });
});
