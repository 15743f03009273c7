// End to end: a Lake whose config names the postgres catalog and perfmet, this plugin registered
// in its Registry, used through core's Catalog facade and runStage — nothing of core mocked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lake, Registry, Stage, runStage, type CatalogEntry, type Provider, type ProviderItem, type StageContext, type WorkItem } from '@lake/core';
import { postgresPlugin } from './plugin';
import { ownsSchema } from './schema-owner';
import { collect, describePg, dropSchema, pgSettings, uniqueSchemaName } from './test-support/pg-test-schema';

/** Three days of made-up counts, written to `raw` as JSON; one record per item. */
class TinyIngest extends Stage<string> {
  readonly name = 'tiny:ingest';
  readonly description = 'Store made-up counts';
  readonly dataSource = 'ts';
  readonly to = 'raw' as const;
  readonly perfmetStage = 'Ingest';
  readonly processed: string[] = [];

  constructor(private readonly days: string[]) {
    super();
  }

  override sourceProvider(ctx: StageContext): Provider<string> {
    const items: ProviderItem<string>[] = this.days.map((day) => ({ base: 'Tiny', ext: 'json', date: ctx.time.dayStart(day), dateEnd: null, label: `tiny ${day}`, payload: day }));
    return { items: async function* () { yield* items; } };
  }

  async processItem(item: WorkItem<string>, ctx: StageContext): Promise<number> {
    this.processed.push(item.source.payload);
    const target = await ctx.target();
    await target.writeJson({ day: item.source.payload, count: 7 }, { base: item.base, ext: item.ext, date: item.date }, { stageCatalog: true });
    ctx.perfmet.recordCollect(item.date);
    return 1;
  }
}

describePg('a Lake configured with the postgres catalog and perfmet', () => {
  const schema = uniqueSchemaName('lake');
  let home: string;
  let now: Date;
  let lake: Lake;

  beforeAll(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-pg-home-'));
    now = new Date('2019-06-10T17:00:00Z');
    lake = new Lake({
      home,
      config: { catalog: pgSettings(schema), perfmet: pgSettings(schema) },
      registry: new Registry().register(postgresPlugin),
      clock: () => now,
    });
    for (const driver of [await lake.catalogDriver(), await lake.perfmetDriver()]) {
      if (ownsSchema(driver)) await driver.createSchema();
    }
  });
  afterAll(async () => {
    await lake.close();
    await dropSchema(schema);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('opens the postgres drivers from the config', async () => {
    expect((await lake.catalogDriver()).constructor.name).toBe('PostgresCatalogDriver');
    expect((await lake.perfmetDriver()).constructor.name).toBe('PostgresPerfmetDriver');
  });

  it('serves the Catalog facade: staged rows commit together, single / latest / earliest / searchable lists', async () => {
    const catalog = await lake.catalog();
    const row = (day: string, ext: string): CatalogEntry => ({
      repository: 'atd-datalake-ready',
      dataSource: 'bt',
      base: 'Austin',
      ext,
      pointer: `${day}/${ext}`,
      collectionDate: lake.time.dayStart(day),
    });
    catalog.stage(row('2019-06-01', 'unit_data.json'));
    catalog.stage(row('2019-06-03', 'unit_data.json'));
    catalog.stage(row('2019-06-05', 'unit_data.json'));
    catalog.stage({ ...row('2019-06-03', 'unit_data.json'), pointer: 'replaced' });
    expect(await catalog.commit()).toBe(3);
    expect(catalog.pending).toBe(0);

    const query = { repository: 'atd-datalake-ready', dataSource: 'bt', base: 'Austin', ext: '%%.json' };
    expect((await catalog.single('atd-datalake-ready', 'bt', 'Austin', 'unit_data.json', lake.time.dayStart('2019-06-03')))?.pointer).toBe('replaced');
    expect((await catalog.latest(query))?.pointer).toBe('2019-06-05/unit_data.json');
    expect((await catalog.earliest({ ...query, early: lake.time.dayStart('2019-06-02') }))?.pointer).toBe('replaced');
    const list = await catalog.searchableList({ ...query, early: lake.time.dayStart('2019-06-01'), late: lake.time.dayStart('2019-06-04') });
    expect(Array.from({ length: list.length }, (_, index) => list.at(index)?.pointer)).toEqual(['2019-06-01/unit_data.json', 'replaced', '2019-06-05/unit_data.json']);
  });

  it('runs a stage: files stored, catalog rows and the perfmet job in PostgreSQL, and a rerun finds nothing to do', async () => {
    const first = new TinyIngest(['2019-06-01', '2019-06-02', '2019-06-03']);
    const result = await runStage(first, { startDate: '2019-06-01' }, lake);
    expect(result).toMatchObject({ records: 3, items: 3, failures: [] });

    const catalog = await lake.catalog();
    const rows = await catalog.list({ repository: 'atd-datalake-raw', dataSource: 'ts' });
    expect(rows.map((row) => row.pointer)).toEqual([
      '2019/06/01/ts/Tiny_ts_2019-06-01.json',
      '2019/06/02/ts/Tiny_ts_2019-06-02.json',
      '2019/06/03/ts/Tiny_ts_2019-06-03.json',
    ]);
    for (const row of rows) expect(fs.existsSync(path.join(home, 'atd-datalake-raw', row.pointer))).toBe(true);

    now = new Date('2019-06-10T17:05:00Z');
    const again = new TinyIngest(['2019-06-01', '2019-06-02', '2019-06-03']);
    expect(await runStage(again, { startDate: '2019-06-01' }, lake)).toMatchObject({ records: 0, items: 0 });
    expect(again.processed).toEqual([]);

    const perfmet = await lake.perfmetDriver();
    const jobs = await collect(perfmet.readJobs({ stage: 'Ingest' }));
    expect(jobs.map((job) => [job.records, job.failures])).toEqual([
      [3, 0],
      [0, 0],
    ]);
    expect(lake.time.format(jobs[0].collectionStart as Date)).toBe('2019-06-01 00:00:00-05:00');
    expect(lake.time.format(jobs[0].collectionEnd as Date)).toBe('2019-06-04 00:00:00-05:00');
  });
});
