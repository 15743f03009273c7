// `lake publish purge gs` on the embedded default: the record_ids the purge recomputes from the
// ready aggregation files are exactly those gs:publish wrote, under the same -a/-u options, so
// purging a day and publishing again gives back the same dataset, without a duplicate.
import path from 'node:path';
import { CsvPublishDriver, purgePublished, runStage, type PublishDriver, type PublishResult, type PublishRow, type PurgeOptions, type RunOptions } from '@lake/core';
import { aggregateRow } from '../aggregate/test-support/counts-fixtures';
import { gridsmartPlugin } from '../plugin';
import { GsTestLake, PUBLIC, READY } from '../test-support/gs-lake';
import { siteFile } from '../test-support/site-fixtures';
import { GridsmartPublish } from './gs-publish';

const DATASET = 'sh59-i6y9';
const DAYS = ['2020-03-02', '2020-03-03', '2020-03-04'];
const INTERSECTIONS = [
  { base: 'Lamar_Koenig', device: { atd_device_id: 6548, primary_st: 'LAMAR BLVD', cross_st: 'KOENIG LN' } },
  { base: 'Burnet_Anderson', device: { atd_device_id: 7001, primary_st: 'BURNET RD', cross_st: 'ANDERSON LN' } },
];

/** The embedded CSV driver whose deletes fail. */
class DeleteFails implements PublishDriver {
  readonly preferredChunk = 10_000;
  constructor(private readonly csv: CsvPublishDriver) {}
  write(dataset: string, rows: PublishRow[], options?: { idColumn?: string }): Promise<PublishResult> {
    return this.csv.write(dataset, rows, options);
  }
  async delete(dataset: string): Promise<PublishResult> {
    throw new Error(`Socrata dataset ${dataset} reported 1 row error`);
  }
  close(): Promise<void> {
    return this.csv.close();
  }
}

describe('lake publish purge gs', () => {
  let lake: GsTestLake;

  /** Per intersection and day: an agg15 file of three rows (one Unassigned), and an agg5 file of one row. */
  async function openLake(config = {}, publishOptions: RunOptions = {}): Promise<void> {
    lake = new GsTestLake({ config });
    lake.lake.registry.register(gridsmartPlugin);
    lake.lake.registry.addDriver('publish', 'delete-fails', (_settings, env) => new DeleteFails(new CsvPublishDriver(path.join(env.home, 'publish'))));
    for (const { base, device } of INTERSECTIONS) {
      for (const day of DAYS) {
        const at = (wall: string) => `${day} ${wall}-06:00`;
        const data = [
          aggregateRow({ timestamp: at('07:45:00') }),
          aggregateRow({ timestamp: at('08:00:00'), zone_approach: 'Southbound', turn: 'L' }),
          aggregateRow({ timestamp: at('08:00:00'), zone_approach: 'Unassigned' }),
        ];
        await lake.storeJson(READY, base, 'agg15.json', day, { header: {}, data, site: siteFile(), device });
        await lake.storeJson(READY, base, 'agg5.json', day, { header: {}, data: [aggregateRow({ timestamp: at('07:50:00') })], site: siteFile(), device });
      }
    }
    expect(await publish(publishOptions)).toMatchObject({ failures: [] });
    expect(await publish({ ...publishOptions, agg: 5 })).toMatchObject({ records: 6, failures: [] });
  }

  async function publish(options: RunOptions = {}) {
    const result = await runStage(new GridsmartPublish(), { lastRunDate: '0', ...options }, lake.lake);
    lake.advance(1);
    return result;
  }

  const purge = (options: Partial<PurgeOptions> = {}) => purgePublished(lake.lake, { dataSource: 'gs', startDate: '2020-03-03', endDate: '2020-03-04', ...options });
  const lines = () => lake.publishedCsv(DATASET).trim().split('\r\n').slice(1);
  const idsOf = (rows: string[]) => rows.map((line) => line.split(',').at(-1) as string);
  /** `<read_date> <bin_duration>` of the rows of a day. */
  const rowsOfDay = (day: string) => lines().filter((line) => line.split(',')[1].startsWith(day)).map((line) => `${line.split(',')[1]} ${line.split(',')[17]}`);

  afterEach(async () => {
    await lake.dispose();
  });

  it('recomputes exactly the record_ids gs:publish wrote for the day\'s agg15 files and deletes those rows only', async () => {
    await openLake();
    const before = lines();
    expect(before).toHaveLength(2 * 3 * 3 + 2 * 3);
    const simulated = await purge({ simulate: true, shownIds: 100 });

    const summary = await purge();

    expect(summary).toMatchObject({ ids: 6, rowsDeleted: 6, catalogRowsRemoved: 2, failures: [] });
    const removed = idsOf(before).filter((id) => !idsOf(lines()).includes(id));
    expect(simulated.items.flatMap((item) => item.datasets.flatMap((entry) => entry.firstIds)).sort()).toEqual(removed.sort());
    // The day's 5-minute rows were published from other files and stay.
    expect(rowsOfDay('2020-03-03')).toEqual(['2020-03-03T07:50:00 300', '2020-03-03T07:50:00 300']);
    expect(lines()).toHaveLength(before.length - 6);
    expect((await lake.catalogDays(PUBLIC)).filter((row) => row.endsWith('2020-03-03'))).toEqual(['Burnet_Anderson agg5.json 2020-03-03', 'Lamar_Koenig agg5.json 2020-03-03']);
  });

  it('is undone by the next gs:publish run: the same rows again, no duplicates', async () => {
    await openLake();
    const before = lines();
    await purge();

    const rerun = await publish();

    expect(rerun).toMatchObject({ items: 2, records: 6, failures: [] });
    expect([...lines()].sort()).toEqual([...before].sort());
    expect(new Set(idsOf(lines())).size).toBe(lines().length);
    expect(await lake.catalogDays(PUBLIC)).toHaveLength(12);
  });

  it('with -a 5 purges the 5-minute aggregations, as gs:publish -a 5 published them', async () => {
    await openLake();

    const summary = await purge({ stageArgs: ['-a', '5'] });

    expect(summary.items.map((item) => item.label)).toEqual(['Burnet_Anderson agg5.json 2020-03-03', 'Lamar_Koenig agg5.json 2020-03-03']);
    expect(summary).toMatchObject({ ids: 2, rowsDeleted: 2, catalogRowsRemoved: 2 });
    expect(rowsOfDay('2020-03-03').filter((row) => row.endsWith(' 300'))).toEqual([]);
    expect(rowsOfDay('2020-03-03')).toHaveLength(6);
  });

  it('with -u computes the ids a -u run published; without it the left-out Unassigned ids are reported not found', async () => {
    await openLake({}, { no_unassigned: true });
    expect(lines()).toHaveLength(2 * 3 * 2 + 2 * 3);

    const withU = await purge({ simulate: true, stageArgs: ['-u'] });
    const withoutU = await purge();

    expect(withU.ids).toBe(4);
    expect(withoutU).toMatchObject({ ids: 6, rowsDeleted: 4, catalogRowsRemoved: 2, failures: [] });
    expect(lake.log.text()).toContain('Lamar_Koenig agg15.json 2020-03-03: 1 id(s) were not in sh59-i6y9 (deleted by an earlier purge, or never published)');
  });

  it('changes nothing when simulating', async () => {
    await openLake();
    const before = lake.publishedCsv(DATASET);
    const rows = await lake.catalogRows(PUBLIC);

    const summary = await purge({ simulate: true, startDate: '2020-03-01', endDate: '2020-03-05', shownIds: 1 });

    expect(summary).toMatchObject({ simulate: true, ids: 18, rowsDeleted: 0, catalogRowsRemoved: 0, failures: [] });
    expect(summary.items).toHaveLength(6);
    expect(summary.items[0]).toMatchObject({ label: 'Burnet_Anderson agg15.json 2020-03-02', pointer: DATASET, source: 'atd-datalake-ready:2020/03/02/gs/Burnet_Anderson_gs_2020-03-02_agg15.json' });
    expect(summary.items[0].datasets).toEqual([{ dataset: DATASET, idColumn: 'record_id', ids: 3, deleted: 0, firstIds: [expect.stringMatching(/^[0-9a-f]{32}$/)] }]);
    expect(lake.publishedCsv(DATASET)).toBe(before);
    expect(await lake.catalogRows(PUBLIC)).toEqual(rows);
  });

  it('keeps the catalog rows whose deletes failed and reports each', async () => {
    await openLake({ publish: { driver: 'delete-fails' } });
    const before = lake.publishedCsv(DATASET);

    const summary = await purge();

    expect(summary.failures.map((failure) => failure.label)).toEqual([`Burnet_Anderson agg15.json 2020-03-03 (${DATASET})`, `Lamar_Koenig agg15.json 2020-03-03 (${DATASET})`]);
    expect(summary.catalogRowsRemoved).toBe(0);
    expect(lake.publishedCsv(DATASET)).toBe(before);
    expect(await lake.catalogDays(PUBLIC)).toHaveLength(12);
  });
});
