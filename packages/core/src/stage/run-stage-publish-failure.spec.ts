// A failed item's rows never ride along with the next item's, and every publisher is closed even
// when one of them fails.
import { TestLake } from '../test-support/test-lake';
import { Stage } from './stage';
import type { StageContext } from './stage-context';
import type { WorkItem } from '../compare/provider';
import type { PublishDriver, PublishRow } from '../publish/publish-driver';
import { runStage } from './run-stage';
import { DaysProvider } from '../compare/days-provider';
import { Registry } from '../registry/registry';

class RecordingPublishDriver implements PublishDriver {
  readonly preferredChunk = 100;
  readonly batches: { dataset: string; ids: unknown[] }[] = [];
  constructor(private readonly failOn: (dataset: string, rows: PublishRow[]) => boolean) {}
  async write(dataset: string, rows: PublishRow[]) {
    this.batches.push({ dataset, ids: rows.map((row) => row.id) });
    if (this.failOn(dataset, rows)) throw new Error(`portal refused ${dataset}`);
    return { created: rows.length, updated: 0, deleted: 0 };
  }
  async delete() {
    return { created: 0, updated: 0, deleted: 0 };
  }
  async close() {}
}

class DayPublisher extends Stage<Date> {
  constructor(private readonly flushPerItem = true) {
    super();
  }

  readonly name = 'tp:publish';
  readonly description = 'publishes one row per day, and a second dataset at the end';
  readonly dataSource = 'tp';
  readonly to = 'public';
  readonly perfmetStage = 'Publish';

  override sourceProvider(ctx: StageContext) {
    return new DaysProvider({ days: async () => ['2019-06-01', '2019-06-02', '2019-06-03'].map((day) => ctx.time.dayStart(day)), base: 'Days', ext: 'json', time: ctx.time });
  }

  async processItem(item: WorkItem<Date>, ctx: StageContext): Promise<number> {
    const publisher = await ctx.publisher('days', { idColumn: 'id' });
    await publisher.add({ id: ctx.time.calendarDate(item.date) });
    // Left in its buffer for the final flush at close.
    await (await ctx.publisher('totals', { idColumn: 'id' })).add({ id: `total-${ctx.time.calendarDate(item.date)}` });
    if (this.flushPerItem) {
      await publisher.flush();
      publisher.reset();
    }
    await ctx.recordPublished(item, 'days');
    return 1;
  }
}

function lakeWith(driver: PublishDriver): TestLake {
  return new TestLake({ registry: new Registry().addDriver('publish', 'recording', () => driver), config: { publish: { driver: 'recording' } } });
}

describe('runStage: publishing failures', () => {
  let test: TestLake;
  afterEach(() => test.dispose());

  it('drops a failed item\'s rows instead of sending them with the next item', async () => {
    const driver = new RecordingPublishDriver((dataset, rows) => dataset === 'days' && rows.some((row) => row.id === '2019-06-02'));
    test = lakeWith(driver);

    const result = await runStage(new DayPublisher(), { startDate: '2019-06-01', endDate: '2019-06-04' }, test.lake);

    expect(result.failures.map((failure) => failure.label)).toEqual([expect.stringContaining('2019-06-02')]);
    expect(driver.batches.filter((batch) => batch.dataset === 'days').map((batch) => batch.ids)).toEqual([['2019-06-01'], ['2019-06-02'], ['2019-06-03']]);
  });

  it('closes every publisher even when one of them fails, and reports it', async () => {
    const driver = new RecordingPublishDriver((dataset) => dataset === 'days');
    test = lakeWith(driver);

    const result = await runStage(new DayPublisher(false), { startDate: '2019-06-01', endDate: '2019-06-04' }, test.lake);

    expect(result.failures.map((failure) => failure.label)).toEqual(['publishing to days']);
    expect(driver.batches.filter((batch) => batch.dataset === 'totals').map((batch) => batch.ids)).toEqual([['total-2019-06-01', 'total-2019-06-02', 'total-2019-06-03']]);
  });
});
