// A whole publish stage run by core on a Lake whose config names the socrata driver: the plugin
// is registered like the CLI host would, the rows land in the double's dataset, and the public
// catalog rows follow what was really published.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  Lake,
  MemoryLogger,
  Registry,
  Stage,
  definePlugin,
  runStage,
  type DateRange,
  type LakeConfig,
  type Provider,
  type ProviderItem,
  type PublishRow,
  type RunOptions,
  type StageContext,
  type WorkItem,
} from '@lake/core';
import { socrataPlugin } from './plugin';
import { SodaDouble } from './test-support/soda-double';
import { APP_TOKEN } from './test-support/socrata-fixtures';

const DATASET = 'tsts-0001';
const DAYS = ['2019-06-01', '2019-06-02', '2019-06-03'];

/** Three readings per day; each day is one source "file". */
class TinyPublish extends Stage<PublishRow[]> {
  readonly name = 'tp:publish';
  readonly description = 'Publish tiny counts to Socrata';
  readonly dataSource = 'tp';
  readonly from = 'ready';
  readonly to = 'public';
  readonly perfmetStage = 'Publish';
  volume = 1;

  sourceProvider(ctx: StageContext): Provider<PublishRow[]> {
    const stage = this;
    return {
      async *items(_range: DateRange): AsyncIterable<ProviderItem<PublishRow[]>> {
        for (const day of DAYS) {
          const date = ctx.time.dayStart(day);
          const rows = [0, 1, 2].map((hour) => ({
            record_id: `${day}-${hour}`,
            read_date: ctx.time.formatFloating(new Date(date.getTime() + hour * 3_600_000)),
            volume: stage.volume * (hour + 1),
          }));
          yield { base: 'Tiny', ext: 'counts.json', date, dateEnd: null, label: `Tiny ${day}`, payload: rows };
        }
      },
    };
  }

  async processItem(item: WorkItem<PublishRow[]>, ctx: StageContext): Promise<number> {
    const publisher = await ctx.publisher(DATASET, { idColumn: 'record_id' });
    for (const row of item.source.payload) await publisher.add(row);
    await publisher.flush();
    await ctx.recordPublished(item, DATASET);
    return item.source.payload.length;
  }
}

describe('a publish stage on a lake configured with the socrata driver', () => {
  let double: SodaDouble;
  let home: string;
  let lake: Lake;
  let stage: TinyPublish;
  let log: MemoryLogger;

  beforeEach(async () => {
    double = await SodaDouble.start();
    double.addDataset(DATASET, 'record_id');
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-socrata-stage-'));
    stage = new TinyPublish();
    log = new MemoryLogger();
    const config: LakeConfig = {
      publish: { driver: 'socrata', baseUrl: double.url, username: double.username, password: double.password, appToken: APP_TOKEN, backoffMs: 1 },
    };
    const registry = new Registry().register(socrataPlugin).register(definePlugin({ name: 'tiny-stages', coreRange: '^0.1.0', stages: [stage] }));
    lake = new Lake({ home, config, registry, log, clock: () => new Date('2019-06-10T17:00:00Z') });
  });

  afterEach(async () => {
    await lake.close();
    await double.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const run = (options: RunOptions = {}) => runStage(stage, { lastRunDate: '0', ...options }, lake);

  async function publishedDays(): Promise<string[]> {
    const catalog = await lake.catalog();
    const rows = [];
    for await (const row of catalog.overlaps({ start: new Date(0), end: new Date('2100-01-01T00:00:00Z'), repository: 'socrata' })) rows.push(row);
    return rows.map((row) => `${lake.time.calendarDate(row.collectionDate)} ${row.pointer}`).sort();
  }

  it('publishes every day to the dataset and records each in the socrata catalog', async () => {
    const result = await run();
    expect(result).toMatchObject({ records: 9, items: 3, failures: [] });
    expect(double.rowsById(DATASET)).toHaveLength(9);
    expect(double.rowsById(DATASET)[0]).toEqual({ record_id: '2019-06-01-0', read_date: '2019-06-01T00:00:00', volume: 1 });
    expect(double.upserts.map((request) => [request.rows, request.appToken])).toEqual([
      [3, APP_TOKEN],
      [3, APP_TOKEN],
      [3, APP_TOKEN],
    ]);
    expect(await publishedDays()).toEqual(DAYS.map((day) => `${day} ${DATASET}`));
    expect(log.text()).not.toContain(double.password);
  });

  it('publishes nothing again on a second run, and a forced run leaves the dataset as it was', async () => {
    await run();
    const first = double.rowsById(DATASET);
    expect(await run()).toMatchObject({ items: 0, records: 0 });
    expect(double.upserts).toHaveLength(3);
    expect(await run({ force: true })).toMatchObject({ items: 3, records: 9, failures: [] });
    expect(double.rowsById(DATASET)).toEqual(first);
  });

  it('updates the published rows on a forced run with changed values', async () => {
    await run();
    stage.volume = 10;
    await run({ force: true });
    expect(double.rowsById(DATASET).map((row) => row.volume)).toEqual([10, 20, 30, 10, 20, 30, 10, 20, 30]);
  });

  it('records no catalog row for a day Socrata reported errors for, and a later run completes it', async () => {
    double.failNext({ rowErrors: 1 });
    const result = await run();
    expect(result.failures).toEqual([expect.objectContaining({ label: 'Tiny 2019-06-01', code: 'SOCRATA_ROW_ERRORS' })]);
    expect(result.failures[0].message).toContain(DATASET);
    expect(await publishedDays()).toEqual([`2019-06-02 ${DATASET}`, `2019-06-03 ${DATASET}`]);

    expect(await run()).toMatchObject({ items: 1, failures: [] });
    expect(await publishedDays()).toEqual(DAYS.map((day) => `${day} ${DATASET}`));
    expect(double.rowsById(DATASET).map((row) => row.record_id)).toEqual(DAYS.flatMap((day) => [0, 1, 2].map((hour) => `${day}-${hour}`)));
  });

  it('fails every day with a clear error when the credentials are refused, publishing nothing', async () => {
    await lake.close();
    const registry = new Registry().register(socrataPlugin);
    lake = new Lake({
      home,
      config: { publish: { driver: 'socrata', baseUrl: double.url, username: double.username, password: 'not-the-password', appToken: APP_TOKEN } },
      registry,
      log,
      clock: () => new Date('2019-06-10T17:00:00Z'),
    });
    const result = await run();
    // One failure per day: a failed day's rows are dropped, not sent again at the end of the run.
    expect(result.failures.map((failure) => failure.code)).toEqual(DAYS.map(() => 'SOCRATA_AUTH'));
    expect(log.text()).toContain('Socrata refused the credentials of user publisher (HTTP 401)');
    expect(log.text()).not.toContain('not-the-password');
    expect(await publishedDays()).toEqual([]);
    expect(double.rows(DATASET)).toEqual([]);
  });

  it('retries a throttled upsert and still publishes every day', async () => {
    double.failNext({ status: 429 }, 2);
    expect(await run()).toMatchObject({ records: 9, failures: [] });
    expect(double.upserts.map((request) => request.status)).toEqual([429, 429, 200, 200, 200]);
    expect(await publishedDays()).toHaveLength(3);
  });
});
