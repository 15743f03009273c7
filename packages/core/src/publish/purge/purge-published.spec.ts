// Purging a published range on the embedded default (publishing.md §5): the ids recomputed from
// the ready files are deleted in checked chunks, a public catalog row goes only once all its rows
// went, failures are per row, and the next publish run restores exactly what was there.
import fs from 'node:fs';
import path from 'node:path';
import type { LakeConfig } from '../../config/lake-config';
import { UsageError } from '../../errors';
import { Registry } from '../../registry/registry';
import { runStage } from '../../stage/run-stage';
import type { Stage } from '../../stage/stage';
import { TestLake } from '../../test-support/test-lake';
import { testPlugin, testStages, writeSourceFiles, type TestStages } from '../../test-support/test-stages';
import { CsvPublishDriver } from '../csv-publish-driver';
import type { PublishDriver, PublishResult, PublishRow } from '../publish-driver';
import { AmbiguousPublishStage, PurgeNotSupported } from './purge-errors';
import { purgePublished, type PurgeOptions } from './purge-published';
import { CSV_DATASET, IdPublish, TXT_DATASET } from './test-support/id-publish-stage';

const DAYS = ['2019-06-01', '2019-06-02', '2019-06-03'];
const PUBLIC = 'socrata';

/** The embedded CSV driver with a delete that can be told to fail, and a small chunk. */
class FlakyCsvDriver implements PublishDriver {
  static failDeletes: number[] = [];
  static deleteCalls: { dataset: string; ids: string[] }[] = [];
  readonly preferredChunk: number;
  private readonly csv: CsvPublishDriver;

  constructor(dir: string, chunk: number) {
    this.csv = new CsvPublishDriver(dir);
    this.preferredChunk = chunk;
  }

  write(dataset: string, rows: PublishRow[], options?: { idColumn?: string }): Promise<PublishResult> {
    return this.csv.write(dataset, rows, options);
  }

  async delete(dataset: string, idColumn: string, ids: string[]): Promise<PublishResult> {
    FlakyCsvDriver.deleteCalls.push({ dataset, ids });
    if (FlakyCsvDriver.failDeletes.includes(FlakyCsvDriver.deleteCalls.length)) throw new Error(`portal unreachable (delete call ${FlakyCsvDriver.deleteCalls.length})`);
    return this.csv.delete(dataset, idColumn, ids);
  }

  close(): Promise<void> {
    return this.csv.close();
  }
}

describe('purgePublished', () => {
  let test: TestLake;
  let stages: TestStages;
  const publish = new IdPublish();

  function openLake(config?: LakeConfig, extraStages: Stage[] = [publish]): TestLake {
    stages = testStages();
    const registry = new Registry().register(testPlugin([stages.ingest, stages.standardize, stages.ready, ...extraStages]));
    registry.addDriver('publish', 'flaky', (settings, env) => new FlakyCsvDriver(path.join(env.home, 'publish'), Number(settings.chunk ?? 10_000)));
    return new TestLake({ registry, config });
  }

  async function fillReady(lake: TestLake, exts: string[] = ['csv'], debug = false): Promise<void> {
    const sourcedir = lake.dir('incoming');
    for (const ext of exts) writeSourceFiles(sourcedir, DAYS, ext, [`north ${ext}`, `south ${ext}`, `east ${ext}`]);
    await runStage(stages.ingest, { startDate: DAYS[0], sourcedir, debug }, lake.lake);
    await runStage(stages.standardize, { startDate: DAYS[0], debug }, lake.lake);
    await runStage(stages.ready, { startDate: DAYS[0], debug }, lake.lake);
  }

  async function publishAll(lake: TestLake, options: Record<string, unknown> = {}): Promise<void> {
    lake.advance(1);
    const result = await runStage(publish, { startDate: DAYS[0], ...options }, lake.lake);
    expect(result.failures).toEqual([]);
  }

  const csvText = (dataset = CSV_DATASET, lake = test) => {
    const file = path.join(lake.home, 'publish', `${dataset}.csv`);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  };
  const csvIds = (dataset = CSV_DATASET, lake = test) =>
    csvText(dataset, lake)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',').at(-1) as string);
  const purge = (options: Partial<PurgeOptions> = {}, lake = test) =>
    purgePublished(lake.lake, { dataSource: 'ts', startDate: '2019-06-02', endDate: '2019-06-03', ...options });

  beforeEach(() => {
    FlakyCsvDriver.failDeletes = [];
    FlakyCsvDriver.deleteCalls = [];
  });

  afterEach(async () => {
    await test.dispose();
  });

  it('deletes the rows of the range by row id, removes their public catalog rows, and a publish run restores the same rows', async () => {
    test = openLake();
    await fillReady(test);
    await publishAll(test);
    const before = csvText();
    expect(csvIds()).toHaveLength(9);

    const summary = await purge();

    expect(summary.failures).toEqual([]);
    expect(summary).toMatchObject({ dataSource: 'ts', stage: 'ts:publish', repository: PUBLIC, simulate: false, ids: 3, rowsDeleted: 3, catalogRowsRemoved: 1 });
    expect(summary.items).toEqual([
      expect.objectContaining({
        label: 'Test csv 2019-06-02',
        pointer: CSV_DATASET,
        source: 'atd-datalake-ready:2019/06/02/ts/Test_ts_2019-06-02.csv',
        catalogRowRemoved: true,
        error: null,
        datasets: [{ dataset: CSV_DATASET, idColumn: 'row_id', ids: 3, deleted: 3, firstIds: ['2019-06-02|csv|north csv', '2019-06-02|csv|south csv', '2019-06-02|csv|east csv'] }],
      }),
    ]);
    expect(csvIds().filter((id) => id.startsWith('2019-06-02'))).toEqual([]);
    expect(csvIds()).toHaveLength(6);
    expect(await test.catalogDays(PUBLIC)).toEqual(['csv 2019-06-01', 'csv 2019-06-03']);

    await publishAll(test);
    expect(await test.catalogDays(PUBLIC)).toEqual(['csv 2019-06-01', 'csv 2019-06-02', 'csv 2019-06-03']);
    expect(csvIds().sort()).toEqual(before.trim().split('\r\n').slice(1).map((line) => line.split(',').at(-1)).sort());
    expect(new Set(csvIds()).size).toBe(9);
  });

  it('changes nothing when simulating, and shows per row the dataset, the id count and the first ids', async () => {
    test = openLake();
    await fillReady(test);
    await publishAll(test);
    const before = csvText();
    const rowsBefore = await test.catalogRows();

    const summary = await purge({ endDate: '2019-06-04', simulate: true, shownIds: 2 });

    expect(summary.failures).toEqual([]);
    expect(summary).toMatchObject({ simulate: true, ids: 6, rowsDeleted: 0, catalogRowsRemoved: 0 });
    expect(summary.items.map((item) => [item.label, item.catalogRowRemoved, item.datasets])).toEqual([
      ['Test csv 2019-06-02', false, [{ dataset: CSV_DATASET, idColumn: 'row_id', ids: 3, deleted: 0, firstIds: ['2019-06-02|csv|north csv', '2019-06-02|csv|south csv'] }]],
      ['Test csv 2019-06-03', false, [{ dataset: CSV_DATASET, idColumn: 'row_id', ids: 3, deleted: 0, firstIds: ['2019-06-03|csv|north csv', '2019-06-03|csv|south csv'] }]],
    ]);
    expect(csvText()).toBe(before);
    expect(await test.catalogRows()).toEqual(rowsBefore);
    expect(test.log.text()).toContain('Test csv 2019-06-02: would delete 3 row(s) by row_id from test-counts (2019-06-02|csv|north csv, 2019-06-02|csv|south csv, …)');
    expect(test.log.text()).toContain('Test csv 2019-06-02: would remove its socrata catalog row');
  });

  it('sends the ids in chunks of the driver\'s preferred size', async () => {
    test = openLake({ publish: { driver: 'flaky', chunk: 2 } });
    await fillReady(test);
    await publishAll(test);

    const summary = await purge();

    expect(summary).toMatchObject({ ids: 3, rowsDeleted: 3, catalogRowsRemoved: 1 });
    expect(FlakyCsvDriver.deleteCalls.map((call) => call.ids.length)).toEqual([2, 1]);
  });

  it('keeps the catalog row of a row whose delete failed half-way, goes on with the others, and a rerun finishes it', async () => {
    test = openLake({ publish: { driver: 'flaky', chunk: 2 } });
    await fillReady(test);
    await publishAll(test);
    FlakyCsvDriver.failDeletes = [2]; // the second chunk of 2019-06-02

    const summary = await purge({ endDate: '2019-06-04' });

    expect(summary.failures).toEqual([expect.objectContaining({ label: `Test csv 2019-06-02 (${CSV_DATASET})`, code: 'ERROR', message: 'portal unreachable (delete call 2)' })]);
    expect(summary.items.map((item) => [item.label, item.catalogRowRemoved, item.error?.message ?? null])).toEqual([
      ['Test csv 2019-06-02', false, 'portal unreachable (delete call 2)'],
      ['Test csv 2019-06-03', true, null],
    ]);
    expect(summary).toMatchObject({ rowsDeleted: 2 + 3, catalogRowsRemoved: 1 });
    // The first chunk went; the row that says the day is published stays.
    expect(csvIds().filter((id) => id.startsWith('2019-06-02'))).toEqual(['2019-06-02|csv|east csv']);
    expect(await test.catalogDays(PUBLIC)).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);

    const rerun = await purge({ endDate: '2019-06-04' });
    expect(rerun.failures).toEqual([]);
    expect(rerun.items.map((item) => item.datasets[0])).toEqual([expect.objectContaining({ ids: 3, deleted: 1 })]);
    expect(test.log.text()).toContain('Test csv 2019-06-02: 2 id(s) were not in test-counts (deleted by an earlier purge, or never published)');
    expect(await test.catalogDays(PUBLIC)).toEqual(['csv 2019-06-01']);
    expect(csvIds()).toEqual(['2019-06-01|csv|north csv', '2019-06-01|csv|south csv', '2019-06-01|csv|east csv']);
  });

  it('with --dataset purges only the rows that went to that dataset', async () => {
    test = openLake();
    await fillReady(test, ['csv', 'txt']);
    await publishAll(test);

    const summary = await purge({ dataset: TXT_DATASET });

    expect(summary.items.map((item) => item.label)).toEqual(['Test txt 2019-06-02']);
    expect(csvIds(TXT_DATASET)).toHaveLength(6);
    expect(csvIds(CSV_DATASET)).toHaveLength(9);
    expect(await test.catalogDays(PUBLIC)).toEqual(['csv 2019-06-01', 'txt 2019-06-01', 'csv 2019-06-02', 'csv 2019-06-03', 'txt 2019-06-03']);
  });

  it('fails a row whose ready file is gone, keeps its catalog row, and purges the others', async () => {
    test = openLake();
    await fillReady(test);
    await publishAll(test);
    const catalog = await test.lake.catalog();
    await catalog.remove({ repository: 'atd-datalake-ready', dataSource: 'ts', start: test.lake.time.dayStart('2019-06-02'), end: test.lake.time.dayStart('2019-06-03') });

    const summary = await purge({ endDate: '2019-06-04' });

    expect(summary.failures.map((failure) => failure.code)).toEqual(['PURGE_SOURCE_MISSING']);
    expect(summary.failures[0].message).toBe('no file in atd-datalake-ready for Test csv 2019-06-02: the ids of its published rows cannot be recomputed');
    expect(await test.catalogDays(PUBLIC)).toEqual(['csv 2019-06-01', 'csv 2019-06-02']);
    expect(csvIds()).toHaveLength(6);
  });

  it('refuses to delete from another dataset than the catalog row says the rows went to', async () => {
    test = openLake();
    await fillReady(test);
    await publishAll(test);

    const summary = await purge({ stageOptions: { datasets: { csv: 'renamed-counts' } } });

    expect(summary.failures.map((failure) => [failure.code, failure.message])).toEqual([
      ['PURGE_DATASET_MISMATCH', 'the public catalog row says its rows went to test-counts, but the stage now publishes them to renamed-counts'],
    ]);
    expect(csvIds()).toHaveLength(9);
    expect(await test.catalogDays(PUBLIC)).toHaveLength(3);
  });

  it('with --debug purges the debug repository and the test dataset, never production', async () => {
    test = openLake();
    await fillReady(test);
    await fillReady(test, ['csv'], true);
    await publishAll(test);
    await publishAll(test, { debug: true });
    expect(csvIds(`${CSV_DATASET}-test`)).toHaveLength(9);

    const summary = await purge({ debug: true });

    expect(summary).toMatchObject({ repository: 'socrata-test', rowsDeleted: 3, catalogRowsRemoved: 1 });
    expect(csvIds(`${CSV_DATASET}-test`)).toHaveLength(6);
    expect(csvIds(CSV_DATASET)).toHaveLength(9);
    expect(await test.catalogDays('socrata-test')).toEqual(['csv 2019-06-01', 'csv 2019-06-03']);
    expect(await test.catalogDays(PUBLIC)).toHaveLength(3);
  });

  it('purges nothing and succeeds when the range has no public rows', async () => {
    test = openLake();
    await fillReady(test);
    const summary = await purge();
    expect(summary).toMatchObject({ items: [], ids: 0, failures: [] });
    expect(test.log.text()).toContain('No public catalog rows in the range: nothing to purge.');
  });

  it('needs both bounds of a range holding at least a day', async () => {
    test = openLake();
    await expect(purge({ endDate: '' })).rejects.toThrow(UsageError);
    await expect(purge({ endDate: '2019-06-02' })).rejects.toThrow('the purge range 2019-06-02 .. 2019-06-02 holds no day');
  });

  it('says which data sources can be purged when the one asked for cannot', async () => {
    test = openLake();
    await expect(purge({ dataSource: 'xx' })).rejects.toThrow(new PurgeNotSupported('xx', 'no installed plugin publishes it (data sources that can be purged: ts)'));
    await test.dispose();
    test = openLake(undefined, [testStages().publish]);
    await expect(purge()).rejects.toThrow('its publish stage(s) ts:publish cannot recompute the ids of the rows they published');
  });

  it('asks which stage when a data source has two purgeable publish stages, and purges with the one named', async () => {
    class OtherPublish extends IdPublish {
      override readonly name = 'ts:publish-other';
    }
    test = openLake(undefined, [publish, new OtherPublish()]);
    await fillReady(test);
    await publishAll(test);
    await expect(purge()).rejects.toThrow(AmbiguousPublishStage);
    const summary = await purge({ stage: 'ts:publish-other' });
    expect(summary).toMatchObject({ stage: 'ts:publish-other', rowsDeleted: 3 });
  });
});
