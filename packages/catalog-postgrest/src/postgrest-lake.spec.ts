// End to end: a Lake configured with the postgrest catalog and perfmet drivers (installed through
// the plugin, as the CLI would) runs a tiny ingest stage with core's runStage; the rows land in
// the PostgREST tables, and a second run finds them there and does nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  FileProvider,
  Lake,
  MemoryLogger,
  Registry,
  Stage,
  runStage,
  type DriverConfig,
  type FilePattern,
  type Provider,
  type StageContext,
  type WorkItem,
} from '@lake/core';
import { postgrestPlugin } from './plugin';
import { PostgrestDouble } from './test-support/postgrest-double';
import { collect, describePg, TOKEN } from './test-support/fixtures';

/** `counts_YYYY-MM-DD.csv` files of a folder → the raw repository, one record per line. */
class CountsIngest extends Stage<FilePattern> {
  readonly name = 'ct:insert';
  readonly description = 'Store counts files';
  readonly dataSource = 'ct';
  readonly to = 'raw';
  readonly perfmetStage = 'Ingest';

  constructor(private readonly folder: string) {
    super();
  }

  override sourceProvider(ctx: StageContext): Provider<FilePattern> {
    return new FileProvider({
      directory: this.folder,
      patterns: [{ prefix: 'counts_', dateFormat: '%Y-%m-%d', postfix: '.csv' }],
      identify: () => ({ base: 'Austin', ext: 'csv' }),
      time: ctx.time,
      log: ctx.log,
    });
  }

  async processItem(item: WorkItem<FilePattern>, ctx: StageContext): Promise<number> {
    const lines = fs.readFileSync(item.label, 'utf8').trim().split('\n');
    await (await ctx.target()).writeFile(item.label, { base: item.base, ext: item.ext, date: item.date }, { stageCatalog: true });
    ctx.perfmet.recordCollect(item.date);
    ctx.perfmet.recordSensorObs('Austin', 'Vehicle Counts', { observation: lines.length, collectionDate: item.date, minTimestamp: `${ctx.time.calendarDate(item.date)} 00:15:00` });
    return lines.length;
  }
}

describePg('a Lake on the postgrest drivers', () => {
  let double: PostgrestDouble;
  let home: string;
  let incoming: string;
  let lake: Lake;
  let now: Date;

  beforeAll(async () => {
    double = await PostgrestDouble.start({ jwt: TOKEN });
  });
  afterAll(() => double.stop());

  beforeEach(async () => {
    await double.sql('TRUNCATE data_lake_cat_new, etl_perfmet_job, etl_perfmet_obs');
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-pgrst-home-'));
    incoming = path.join(home, 'incoming');
    fs.mkdirSync(incoming);
    for (const [day, lines] of [['2019-06-01', 'a,1\nb,2\n'], ['2019-06-02', 'c,3\n']]) fs.writeFileSync(path.join(incoming, `counts_${day}.csv`), lines);
    now = new Date('2019-06-10T17:00:00Z');
    const catalog: DriverConfig = { driver: 'postgrest', url: double.endpoint('data_lake_cat_new'), token: TOKEN };
    const perfmet: DriverConfig = { driver: 'postgrest', baseUrl: double.url, token: TOKEN };
    lake = new Lake({ home, config: { catalog, perfmet }, registry: new Registry().register(postgrestPlugin), log: new MemoryLogger(), clock: () => now });
  });
  afterEach(async () => {
    await lake.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('runs a stage: catalog rows, a perfmet job and observations go to PostgREST', async () => {
    const result = await runStage(new CountsIngest(incoming), { startDate: '2019-06-01' }, lake);
    expect(result).toMatchObject({ records: 3, items: 2, failures: [] });

    const catalog = await lake.catalog();
    const rows = await catalog.list({ repository: 'atd-datalake-raw', dataSource: 'ct' });
    expect(rows.map((row) => [lake.time.calendarDate(row.collectionDate), row.base, row.ext, row.pointer])).toEqual([
      ['2019-06-01', 'Austin', 'csv', '2019/06/01/ct/Austin_ct_2019-06-01.csv'],
      ['2019-06-02', 'Austin', 'csv', '2019/06/02/ct/Austin_ct_2019-06-02.csv'],
    ]);
    const stored = await double.sql<{ collection_date: Date }>("SELECT collection_date FROM data_lake_cat_new WHERE data_source = 'ct' ORDER BY 1");
    expect(stored.map((row) => row.collection_date)).toEqual([new Date('2019-06-01T05:00:00Z'), new Date('2019-06-02T05:00:00Z')]);

    const perfmet = await lake.perfmetDriver();
    const jobs = await collect(perfmet.readJobs({}));
    expect(jobs).toEqual([
      expect.objectContaining({
        dataSource: 'ct',
        stage: 'Ingest',
        records: 3,
        collectionStart: lake.time.dayStart('2019-06-01'),
        collectionEnd: lake.time.dayStart('2019-06-03'),
      }),
    ]);
    const observations = await collect(perfmet.readObservations({}));
    expect(observations.map((row) => [lake.time.calendarDate(row.collectionDate), row.data, row.timestampMin])).toEqual([
      ['2019-06-01', 2, lake.time.parse('2019-06-01 00:15:00-05:00')],
      ['2019-06-02', 1, lake.time.parse('2019-06-02 00:15:00-05:00')],
    ]);
  });

  it('finds the rows of an earlier run in PostgREST and skips those days', async () => {
    expect(await runStage(new CountsIngest(incoming), { startDate: '2019-06-01' }, lake)).toMatchObject({ items: 2 });
    now = new Date('2019-06-10T17:05:00Z');
    double.requests.length = 0;
    const again = await runStage(new CountsIngest(incoming), { startDate: '2019-06-01' }, lake);
    expect(again).toMatchObject({ records: 0, items: 0 });
    expect(double.requests.filter((request) => request.method === 'POST').map((request) => request.url)).toEqual(['/etl_perfmet_job']);
  });
});
