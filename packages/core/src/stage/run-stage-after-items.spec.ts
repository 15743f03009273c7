// afterItems runs once after the loop, before the final flush: what it stages or publishes is
// committed, it sees the result so far, and the temp dir is still there.
import fs from 'node:fs';
import path from 'node:path';
import { TestLake } from '../test-support/test-lake';
import { TEST_BASE, TEST_DATASET, TestIngest, writeSourceFiles } from '../test-support/test-stages';
import type { StageContext } from './stage-context';
import type { StageResult } from './stage-result';
import { runStage } from './run-stage';

/** Ingest, then store a day summary and publish one row after the loop. */
class SummarizingIngest extends TestIngest {
  readonly sawTempDir: boolean[] = [];
  readonly sawResults: Pick<StageResult, 'items' | 'records'>[] = [];

  override async afterItems(ctx: StageContext, result: StageResult): Promise<void> {
    this.sawTempDir.push(fs.existsSync(ctx.tempDir));
    this.sawResults.push({ items: result.items, records: result.records });
    const day = ctx.time.dayStart('2019-06-02');
    await (await ctx.target()).write(`items ${result.items}\n`, { base: TEST_BASE, ext: 'summary.txt', date: day }, { stageCatalog: true });
    const publisher = await ctx.publisher(TEST_DATASET);
    await publisher.add({ day: '2019-06-02', ext: 'summary', line: `records ${result.records}` });
  }
}

describe('runStage: afterItems', () => {
  let test: TestLake;
  let sourcedir: string;

  beforeEach(() => {
    test = new TestLake();
    sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02'], 'csv');
  });
  afterEach(() => test.dispose());

  it('commits what it stages and publishes, with the temp dir still in place', async () => {
    const stage = new SummarizingIngest();
    const result = await runStage(stage, { startDate: '2019-06-01', sourcedir }, test.lake);

    expect(result.failures).toEqual([]);
    expect(stage.sawResults).toEqual([{ items: 2, records: 4 }]);
    expect(stage.sawTempDir).toEqual([true]);
    expect(fs.existsSync(stage.tempDirs[0])).toBe(false);
    expect(await test.catalogDays('atd-datalake-raw')).toEqual(['csv 2019-06-01', 'csv 2019-06-02', 'summary.txt 2019-06-02']);
    expect(fs.readFileSync(path.join(test.home, 'publish', `${TEST_DATASET}.csv`), 'utf8')).toContain('records 4');
  });

  it('runs even when beforeItems threw', async () => {
    const stage = new SummarizingIngest({ failBefore: true });
    const result = await runStage(stage, { startDate: '2019-06-01', sourcedir }, test.lake);

    expect(stage.sawResults).toEqual([{ items: 0, records: 0 }]);
    expect(result.failures.map((failure) => failure.label)).toEqual(['ts:insert before items']);
  });
});
