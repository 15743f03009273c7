// `--concurrency N`: items of one date run together, at most N at once; a date's catalog rows are
// committed only after every item of that date finished, and the next date starts after that.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Provider, ProviderItem, WorkItem } from '../compare/provider';
import { UsageError } from '../errors';
import { TestLake } from '../test-support/test-lake';
import { runStage } from './run-stage';
import { Stage } from './stage';
import type { StageContext } from './stage-context';

const DAYS = ['2019-06-01', '2019-06-02', '2019-06-03'];
const BASES = ['a', 'b', 'c', 'd', 'e'];

/** Five sensors a day; each item takes a little while and writes one raw file. */
class ParallelProbe extends Stage<null> {
  readonly name = 'ts:parallel';
  readonly description = 'Items that take a while';
  readonly dataSource = 'ts';
  to = 'raw';
  readonly perfmetStage = 'Ingest';
  inFlight: string[] = [];
  maxInFlight = 0;
  /** Dates in flight together, as seen at each item start. */
  datesTogether = new Set<number>();
  /** Committed rows of earlier days when each day's first item started. */
  committedAtDayStart = new Map<string, number>();
  failOn: string | null = null;
  /** Publish three rows per item (to `ts-rows`, row id `id`) instead of writing a file. */
  publishes = false;

  override sourceProvider(ctx: StageContext): Provider<null> {
    return {
      async *items() {
        for (const day of DAYS) {
          for (const base of BASES) {
            const date = ctx.time.parse(day);
            const item: ProviderItem<null> = { base, ext: 'txt', date, dateEnd: null, label: `${base} ${day}`, payload: null };
            yield item;
          }
        }
      },
    };
  }

  async processItem(item: WorkItem<null>, ctx: StageContext): Promise<number> {
    const day = ctx.time.calendarDate(item.date);
    if (!this.committedAtDayStart.has(day)) this.committedAtDayStart.set(day, await committedRows(ctx));
    this.inFlight.push(day);
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight.length);
    this.datesTogether.add(new Set(this.inFlight).size);
    try {
      await sleep(5 + BASES.indexOf(item.base) * 3);
      if (this.publishes) {
        const publisher = await ctx.publisher('ts-rows', { idColumn: 'id' });
        for (const n of [0, 1, 2]) {
          await publisher.add({ base: item.base, day, n, id: `${item.base} ${day} ${n}` });
          // Rows of the items in flight interleave; the failing item fails after adding some.
          await sleep(1);
          if (this.failOn === item.label && n === 1) throw new Error(`cannot read ${item.label}`);
        }
        await publisher.flush();
        await ctx.recordPublished(item, 'ts-rows');
        return 3;
      }
      if (this.failOn === item.label) throw new Error(`cannot read ${item.label}`);
      await (await ctx.target()).write(item.label, { base: item.base, ext: item.ext, date: item.date }, { stageCatalog: true });
      ctx.perfmet.recordCollect(item.date);
      return 1;
    } finally {
      this.inFlight.splice(this.inFlight.indexOf(day), 1);
    }
  }
}

/** The ids in the embedded default's CSV of dataset ts-rows. */
function publishedRows(home: string): string[] {
  const lines = fs.readFileSync(path.join(home, 'publish', 'ts-rows.csv'), 'utf8').trim().split(/\r?\n/);
  const id = lines[0].split(',').indexOf('id');
  return lines.slice(1).map((line) => line.split(',')[id]);
}

async function committedRows(ctx: StageContext): Promise<number> {
  let rows = 0;
  for await (const _row of ctx.catalog.overlaps({ repository: ctx.repository('raw'), dataSource: 'ts', base: null, ext: null, start: new Date(0), end: new Date('9999-01-01T00:00:00Z') })) rows++;
  return rows;
}

describe('runStage --concurrency', () => {
  let test: TestLake;
  beforeEach(() => {
    test = new TestLake();
  });
  afterEach(() => test.dispose());

  it('runs up to N items of one date at once, never two dates, and commits each day before the next starts', async () => {
    const stage = new ParallelProbe();
    const result = await runStage(stage, { startDate: '2019-06-01', concurrency: 3 }, test.lake);

    expect(result).toMatchObject({ items: 15, records: 15, failures: [] });
    expect(stage.maxInFlight).toBe(3);
    expect([...stage.datesTogether]).toEqual([1]);
    expect(Object.fromEntries(stage.committedAtDayStart)).toEqual({ '2019-06-01': 0, '2019-06-02': 5, '2019-06-03': 10 });
    expect(await test.catalogDays('atd-datalake-raw')).toHaveLength(15);
    expect(test.log.text()).toContain('Processing up to 3 items of a date at once');
  });

  it('takes the config’s concurrency when the run gives none, and 1 when neither does', async () => {
    const configured = new TestLake({ config: { concurrency: 2 } });
    try {
      const stage = new ParallelProbe();
      await runStage(stage, { startDate: '2019-06-01' }, configured.lake);
      expect(stage.maxInFlight).toBe(2);
    } finally {
      await configured.dispose();
    }
    const stage = new ParallelProbe();
    await runStage(stage, { startDate: '2019-06-01' }, test.lake);
    expect(stage.maxInFlight).toBe(1);
  });

  it('reports a failing item and lets the others of its day finish and be committed', async () => {
    const stage = new ParallelProbe();
    stage.failOn = 'c 2019-06-02';
    const result = await runStage(stage, { startDate: '2019-06-01', concurrency: 4 }, test.lake);

    expect(result.failures.map((failure) => failure.label)).toEqual(['c 2019-06-02']);
    expect(result.records).toBe(14);
    expect((await test.catalogRows('atd-datalake-raw')).map((row) => `${row.base} ${test.lake.time.calendarDate(row.collectionDate)}`)).not.toContain('c 2019-06-02');
    expect(await test.catalogDays('atd-datalake-raw')).toHaveLength(14);
    // The rerun processes only the failed item.
    stage.failOn = null;
    const rerun = await runStage(stage, { startDate: '2019-06-01', concurrency: 4 }, test.lake);
    expect(rerun).toMatchObject({ items: 1, records: 1 });
  });

  it('runs the items of a stage that says so one at a time, and says so', async () => {
    class OneAtATime extends ParallelProbe {
      override readonly itemsInParallel = false;
    }
    const stage = new OneAtATime();
    await runStage(stage, { startDate: '2019-06-01', concurrency: 4 }, test.lake);
    expect(stage.maxInFlight).toBe(1);
    expect(test.log.text()).toContain('ts:parallel processes its items one at a time');
  });

  it('gives each item of a publishing stage its own rows: a failed item drops only its own, the others are published and catalogued', async () => {
    const stage = new ParallelProbe();
    stage.to = 'public';
    stage.publishes = true;
    stage.failOn = 'c 2019-06-02';
    const out = test.dir('out');
    const result = await runStage(stage, { startDate: '2019-06-01', concurrency: 5, outputPath: out }, test.lake);

    expect(stage.maxInFlight).toBe(5);
    expect(result.failures.map((failure) => failure.label)).toEqual(['c 2019-06-02']);
    const published = publishedRows(test.home);
    const expected = DAYS.flatMap((day) => BASES.flatMap((base) => [0, 1, 2].map((n) => `${base} ${day} ${n}`))).filter((row) => !row.startsWith('c 2019-06-02'));
    expect(published.sort()).toEqual(expected.sort());
    // The -o copy holds the same rows, under one header.
    expect(fs.readFileSync(path.join(out, 'ts-rows.csv'), 'utf8').trim().split(/\r?\n/).slice(1).sort()).toEqual(expected.map((row) => `${row.split(' ').join(',')},${row}`).sort());
    expect(await test.catalogDays('socrata')).toHaveLength(14);

    stage.failOn = null;
    await runStage(stage, { startDate: '2019-06-01', concurrency: 5 }, test.lake);
    expect(publishedRows(test.home)).toHaveLength(15 * 3);
  });

  it('refuses a concurrency that is not a positive whole number', async () => {
    await expect(runStage(new ParallelProbe(), { startDate: '2019-06-01', concurrency: 0 }, test.lake)).rejects.toBeInstanceOf(UsageError);
    await expect(runStage(new ParallelProbe(), { startDate: '2019-06-01', concurrency: 1.5 }, test.lake)).rejects.toBeInstanceOf(UsageError);
  });
});
