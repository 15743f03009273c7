// A file whose rows were partly published when its item failed has no `public` catalog row, so
// the next run sends it again: with the dataset's row id column named, that replaces the rows
// already sent instead of adding them twice.
import fs from 'node:fs';
import path from 'node:path';
import type { CatalogEntry } from '../catalog/catalog-entry';
import type { WorkItem } from '../compare/provider';
import { TestLake } from '../test-support/test-lake';
import { InjectedFailure, TEST_DATASET, TestPublish, testStages, writeSourceFiles } from '../test-support/test-stages';
import { runStage } from './run-stage';
import type { StageContext } from './stage-context';

/** Publishes one row per line with a row id; `dieAfterFirstRow` days fail after their first row was sent. */
class IdPublish extends TestPublish {
  constructor(private readonly dieAfterFirstRow: string[] = []) {
    super();
  }

  protected override async handle(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const { lines } = (await (await ctx.source()).readJson(item.label)) as { lines: string[] };
    const publisher = await ctx.publisher(TEST_DATASET, { idColumn: 'record_id' });
    const day = ctx.time.calendarDate(item.date);
    for (const [index, line] of lines.entries()) {
      await publisher.add({ record_id: `${day}-${index}`, line });
      if (this.dieAfterFirstRow.includes(day)) {
        await publisher.flush();
        publisher.reset();
        throw new InjectedFailure(`connection lost after the first row of ${day}`);
      }
    }
    await publisher.flush();
    publisher.reset();
    await ctx.recordPublished(item, TEST_DATASET);
    return lines.length;
  }
}

describe('runStage: re-publishing a partly published file', () => {
  let test: TestLake;
  const days = ['2019-06-01', '2019-06-02'];
  const published = () => fs.readFileSync(path.join(test.home, 'publish', `${TEST_DATASET}.csv`), 'utf8');

  beforeEach(async () => {
    test = new TestLake();
    const sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, days, 'csv');
    const { ingest, standardize, ready } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);
    await runStage(standardize, { startDate: '2019-06-01' }, test.lake);
    await runStage(ready, { startDate: '2019-06-01' }, test.lake);
  });
  afterEach(() => test.dispose());

  it('leaves exactly one row per record id after the rerun', async () => {
    const first = await runStage(new IdPublish(['2019-06-02']), { startDate: '2019-06-01' }, test.lake);
    expect(first.failures).toHaveLength(1);
    expect(await test.catalogDays('socrata')).toEqual(['csv 2019-06-01']);
    expect(published()).toBe('record_id,line\r\n2019-06-01-0,"north,1"\r\n2019-06-01-1,"south,2"\r\n2019-06-02-0,"north,1"\r\n');

    test.advance(1);
    const rerun = new IdPublish();
    const second = await runStage(rerun, { startDate: '2019-06-01' }, test.lake);
    expect(second.failures).toEqual([]);
    expect(rerun.seenItems()).toEqual(['csv 2019-06-02']);
    expect(await test.catalogDays('socrata')).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
    expect(published()).toBe(
      'record_id,line\r\n2019-06-01-0,"north,1"\r\n2019-06-01-1,"south,2"\r\n2019-06-02-0,"north,1"\r\n2019-06-02-1,"south,2"\r\n',
    );
  });

  it('refuses a second publisher of the same dataset with another row id column', async () => {
    class TwoMinds extends TestPublish {
      protected override async handle(_item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
        await ctx.publisher(TEST_DATASET, { idColumn: 'record_id' });
        await ctx.publisher(TEST_DATASET, { idColumn: 'record_id' });
        await ctx.publisher(TEST_DATASET);
        return 0;
      }
    }
    const result = await runStage(new TwoMinds(), { startDate: '2019-06-01' }, test.lake);
    expect(result.failures.map((failure) => failure.code)).toEqual(['PUBLISHER_ID_COLUMN', 'PUBLISHER_ID_COLUMN']);
  });
});
