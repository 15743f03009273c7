// -0 (simulate) and -o (output copy) through whole stages (core.md §5.4 table, §13 item 7, C-17):
// simulate writes no file, catalog row, perfmet row or published row; -o keeps flat local copies
// named by the file-name rule beside the normal writes; both together keep the local copies only.
import fs from 'node:fs';
import path from 'node:path';
import { TestLake, filesIn } from '../test-support/test-lake';
import { TEST_DATASET, testStages, writeSourceFiles } from '../test-support/test-stages';
import type { RunOptions } from './run-options';
import { runStage } from './run-stage';

describe('runStage: simulate and output copy', () => {
  let test: TestLake;
  let sourcedir: string;
  let outputPath: string;
  const window: RunOptions = { startDate: '2019-06-01' };

  beforeEach(() => {
    test = new TestLake();
    sourcedir = test.dir('incoming');
    outputPath = test.dir('copies');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02'], 'csv');
  });
  afterEach(() => test.dispose());

  /** Ingest, standardize and ready for real, so a publish run has something to publish. */
  async function prepareReady(): Promise<void> {
    const { ingest, standardize, ready } = testStages();
    await runStage(ingest, { ...window, sourcedir }, test.lake);
    await runStage(standardize, window, test.lake);
    await runStage(ready, window, test.lake);
    test.advance(1);
  }

  const publishedCsv = () => path.join(test.home, 'publish', `${TEST_DATASET}.csv`);

  describe('simulate', () => {
    it('stores no file and writes no catalog or perfmet row, yet runs every item', async () => {
      const { ingest } = testStages();
      const result = await runStage(ingest, { ...window, sourcedir, simulate: true }, test.lake);

      expect(ingest.seenItems()).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
      expect(result).toMatchObject({ records: 4, failures: [] });
      expect(test.storedKeys('atd-datalake-raw')).toEqual([]);
      expect(await test.catalogRows()).toEqual([]);
      expect(await test.perfmetJobs()).toEqual([]);
      expect(test.log.text()).toContain("Simulation mode: skipped writing file '");
    });

    it('publishes no row and records no public catalog row', async () => {
      await prepareReady();
      const { publish } = testStages();
      const result = await runStage(publish, { ...window, simulate: true }, test.lake);

      expect(result).toMatchObject({ records: 4, failures: [] });
      expect(fs.existsSync(publishedCsv())).toBe(false);
      expect(await test.catalogRows('socrata')).toEqual([]);
      expect(await test.perfmetJobs('Publish')).toEqual([]);
      expect(await test.perfmetJobs('Ready')).toHaveLength(1);
      expect(test.log.text()).toContain(`Simulation mode: would have written 2 rows to ${TEST_DATASET}.`);
    });
  });

  describe('output copy', () => {
    it('keeps a flat copy of each stored file, named by the file-name rule, and stores as usual', async () => {
      const { ingest, standardize } = testStages();
      await runStage(ingest, { ...window, sourcedir, outputPath }, test.lake);
      await runStage(standardize, { ...window, outputPath }, test.lake);

      expect(filesIn(outputPath)).toEqual(['Test_ts_2019-06-01.csv', 'Test_ts_2019-06-02.csv']);
      // The standardize run overwrote the ingest copies with its own output.
      expect(JSON.parse(fs.readFileSync(path.join(outputPath, 'Test_ts_2019-06-01.csv'), 'utf8'))).toEqual({
        from: '2019/06/01/ts/Test_ts_2019-06-01.csv',
        lines: ['north,1', 'south,2'],
      });
      expect(test.storedKeys('atd-datalake-raw')).toHaveLength(2);
      expect(test.storedKeys('atd-datalake-rawjson')).toHaveLength(2);
      expect(await test.catalogDays('atd-datalake-rawjson')).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
    });

    it('copies the bytes of the stored file', async () => {
      const { ingest } = testStages();
      await runStage(ingest, { ...window, sourcedir, outputPath }, test.lake);

      const copy = fs.readFileSync(path.join(outputPath, 'Test_ts_2019-06-02.csv'));
      expect(copy).toEqual(fs.readFileSync(path.join(sourcedir, 'counts_2019-06-02.csv')));
      expect(copy).toEqual(fs.readFileSync(path.join(test.home, 'atd-datalake-raw', '2019/06/02/ts/Test_ts_2019-06-02.csv')));
    });

    it('writes published rows to <output>/<dataset>.csv as well as publishing them', async () => {
      await prepareReady();
      const { publish } = testStages();
      await runStage(publish, { ...window, outputPath }, test.lake);

      expect(filesIn(outputPath)).toEqual([`${TEST_DATASET}.csv`]);
      const copied = fs.readFileSync(path.join(outputPath, `${TEST_DATASET}.csv`), 'utf8');
      expect(copied).toBe(fs.readFileSync(publishedCsv(), 'utf8'));
      expect(copied.trim().split(/\r?\n/)).toHaveLength(5); // header + 4 rows
      expect(await test.catalogDays('socrata')).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
    });
  });

  describe('simulate with output copy', () => {
    it('keeps the local copies only', async () => {
      const { ingest } = testStages();
      await runStage(ingest, { ...window, sourcedir, outputPath, simulate: true }, test.lake);

      expect(filesIn(outputPath)).toEqual(['Test_ts_2019-06-01.csv', 'Test_ts_2019-06-02.csv']);
      expect(test.storedKeys('atd-datalake-raw')).toEqual([]);
      expect(await test.catalogRows()).toEqual([]);
      expect(await test.perfmetJobs()).toEqual([]);
    });

    it('writes the published rows locally and publishes nothing', async () => {
      await prepareReady();
      const { publish } = testStages();
      await runStage(publish, { ...window, outputPath, simulate: true }, test.lake);

      expect(filesIn(outputPath)).toEqual([`${TEST_DATASET}.csv`]);
      expect(fs.existsSync(publishedCsv())).toBe(false);
      expect(await test.catalogRows('socrata')).toEqual([]);
    });
  });
});
