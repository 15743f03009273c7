// Base+ext keys (the default) vs base-only keys (C-15): with base-only keys any file of a day in
// the target hides the day, so a file type that arrives late is never processed without --force.
import { TestLake } from '../test-support/test-lake';
import { testStages, writeSourceFiles } from '../test-support/test-stages';
import type { KeyMode } from '../compare/provider';
import { runStage } from './run-stage';

describe('runStage: key modes', () => {
  let test: TestLake;
  let sourcedir: string;
  const window = { startDate: '2019-06-01' };

  beforeEach(async () => {
    test = new TestLake();
    sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02'], 'csv');
    const { ingest, standardize } = testStages();
    await runStage(ingest, { ...window, sourcedir }, test.lake);
    await runStage(standardize, window, test.lake);
    // The day's second file type arrives after the day was standardized.
    writeSourceFiles(sourcedir, ['2019-06-01'], 'txt');
    test.advance(1);
    await runStage(testStages().ingest, { ...window, sourcedir }, test.lake);
    test.advance(1);
  });
  afterEach(() => test.dispose());

  const standardizeWith = async (keyMode: KeyMode) => {
    const { standardize } = testStages({ standardize: { keyMode } });
    await runStage(standardize, window, test.lake);
    return standardize.seenItems();
  };

  it('ingests the late file: the raw key is (base, ext)', async () => {
    expect(await test.catalogDays('atd-datalake-raw')).toEqual(['csv 2019-06-01', 'txt 2019-06-01', 'csv 2019-06-02']);
  });

  it('processes the late file type in base+ext mode, the default', async () => {
    expect(testStages().standardize.keyMode).toBe('base+ext');
    expect(await standardizeWith('base+ext')).toEqual(['txt 2019-06-01']);
    expect(await test.catalogDays('atd-datalake-rawjson')).toEqual(['csv 2019-06-01', 'txt 2019-06-01', 'csv 2019-06-02']);
  });

  it('hides the late file type in base-only mode', async () => {
    expect(await standardizeWith('base')).toEqual([]);
    expect(await test.catalogDays('atd-datalake-rawjson')).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
  });

  it('base-only mode still processes a day the target lacks entirely', async () => {
    writeSourceFiles(sourcedir, ['2019-06-03'], 'txt');
    await runStage(testStages().ingest, { ...window, sourcedir }, test.lake);
    test.advance(1);

    expect(await standardizeWith('base')).toEqual(['txt 2019-06-03']);
  });
});
