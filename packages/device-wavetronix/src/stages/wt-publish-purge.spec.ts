// `lake publish purge wt` on the embedded default: the row_ids the purge recomputes from the ready
// files are exactly those wt:publish wrote (the repeated hour's first pass included), so purging
// a day and publishing again gives back the same dataset, without a duplicate.
import path from 'node:path';
import { CsvPublishDriver, purgePublished, runStage, type PublishDriver, type PublishResult, type PublishRow, type PurgeOptions } from '@lake/core';
import { wavetronixPlugin } from '../plugin';
import { PUBLIC, standardizedRow, storeReady, WtTestLake } from '../test-support/wt-lake';
import { WavetronixPublish } from './wt-publish';

const DATASET = 'i626-g7ub';
const readyRow = (detID: number, curDateTime: string) => ({ ...standardizedRow(detID, 1, curDateTime, { intName: 'LAMARMANCHACA' }), device_id: 'abc' });

/** The embedded CSV driver whose second delete request fails (a portal that hiccups once). */
class SecondDeleteFails implements PublishDriver {
  readonly preferredChunk = 2;
  deletes = 0;
  constructor(private readonly csv: CsvPublishDriver) {}
  write(dataset: string, rows: PublishRow[], options?: { idColumn?: string }): Promise<PublishResult> {
    return this.csv.write(dataset, rows, options);
  }
  async delete(dataset: string, idColumn: string, ids: string[]): Promise<PublishResult> {
    if (++this.deletes === 2) throw new Error('HTTP 503 from the portal');
    return this.csv.delete(dataset, idColumn, ids);
  }
  close(): Promise<void> {
    return this.csv.close();
  }
}

describe('lake publish purge wt', () => {
  let lake: WtTestLake;

  async function openLake(config = {}): Promise<void> {
    lake = new WtTestLake({ config });
    lake.lake.registry.register(wavetronixPlugin);
    lake.lake.registry.addDriver('publish', 'second-delete-fails', (_settings, env) => new SecondDeleteFails(new CsvPublishDriver(path.join(env.home, 'publish'))));
    await storeReady(lake, '2019-11-02', [readyRow(2, '2019-11-02 08:00:00-05:00'), readyRow(3, '2019-11-02 08:00:00-05:00')]);
    // The day clocks fall back: both passes through 01:xx, and an hour of the day after.
    await storeReady(lake, '2019-11-03', [readyRow(2, '2019-11-03 01:15:00-05:00'), readyRow(2, '2019-11-03 01:15:00-06:00'), readyRow(3, '2019-11-03 09:00:00-06:00')]);
    await storeReady(lake, '2019-11-04', [readyRow(2, '2019-11-04 08:00:00-06:00')]);
    const result = await publish();
    expect(result).toMatchObject({ records: 6, failures: [] });
  }

  async function publish() {
    const result = await runStage(new WavetronixPublish(), { lastRunDate: '0' }, lake.lake);
    lake.advance(1);
    return result;
  }

  const purge = (options: Partial<PurgeOptions> = {}) => purgePublished(lake.lake, { dataSource: 'wt', startDate: '2019-11-03', endDate: '2019-11-04', ...options });
  const lines = () => lake.publishedCsv(DATASET).trim().split('\r\n').slice(1);
  const idsOf = (rows: string[]) => rows.map((line) => line.split(',').at(-1) as string);

  afterEach(async () => {
    await lake.dispose();
  });

  it('recomputes exactly the row_ids wt:publish wrote for the day, deletes them, and removes the day from the public catalog', async () => {
    await openLake();
    const before = lines();
    const simulated = await purge({ simulate: true, shownIds: 100 });

    const summary = await purge();

    expect(summary).toMatchObject({ ids: 3, rowsDeleted: 3, catalogRowsRemoved: 1, failures: [] });
    const removed = idsOf(before).filter((id) => !idsOf(lines()).includes(id));
    expect(simulated.items.flatMap((item) => item.datasets.flatMap((entry) => entry.firstIds)).sort()).toEqual(removed.sort());
    expect(lines()).toHaveLength(3);
    expect(lines().some((line) => line.includes('2019-11-03T'))).toBe(false);
    expect(await lake.catalogDays(PUBLIC)).toEqual(['json 2019-11-02', 'json 2019-11-04']);
  });

  it('is undone by the next wt:publish run: the same rows again, no duplicates', async () => {
    await openLake();
    const before = lines();
    await purge();

    const rerun = await publish();

    expect(rerun).toMatchObject({ items: 1, records: 3, failures: [] });
    expect([...lines()].sort()).toEqual([...before].sort());
    expect(new Set(idsOf(lines())).size).toBe(6);
    expect(await lake.catalogDays(PUBLIC)).toEqual(['json 2019-11-02', 'json 2019-11-03', 'json 2019-11-04']);
  });

  it('changes nothing when simulating', async () => {
    await openLake();
    const before = lake.publishedCsv(DATASET);
    const rows = await lake.catalogRows(PUBLIC);

    const summary = await purge({ simulate: true, startDate: '2019-11-01', endDate: '2019-11-05' });

    expect(summary).toMatchObject({ simulate: true, ids: 6, rowsDeleted: 0, catalogRowsRemoved: 0, failures: [] });
    expect(summary.items.map((item) => [item.label, item.pointer, item.datasets[0].ids])).toEqual([
      ['Austin json 2019-11-02', DATASET, 2],
      ['Austin json 2019-11-03', DATASET, 3],
      ['Austin json 2019-11-04', DATASET, 1],
    ]);
    expect(lake.publishedCsv(DATASET)).toBe(before);
    expect(await lake.catalogRows(PUBLIC)).toEqual(rows);
  });

  it('keeps the day\'s catalog row when a delete fails half-way; a rerun with a working portal finishes it', async () => {
    await openLake({ publish: { driver: 'second-delete-fails' } });

    const summary = await purge();

    expect(summary.failures.map((failure) => failure.message)).toEqual(['HTTP 503 from the portal']);
    expect(summary).toMatchObject({ rowsDeleted: 2, catalogRowsRemoved: 0 });
    expect(lines()).toHaveLength(4);
    expect(await lake.catalogDays(PUBLIC)).toEqual(['json 2019-11-02', 'json 2019-11-03', 'json 2019-11-04']);

    const rerun = await purge();

    expect(rerun).toMatchObject({ ids: 3, rowsDeleted: 1, catalogRowsRemoved: 1, failures: [] });
    expect(lines()).toHaveLength(3);
    expect(await lake.catalogDays(PUBLIC)).toEqual(['json 2019-11-02', 'json 2019-11-04']);
  });

  it('refuses to purge a day published to another dataset than the config names now', async () => {
    await openLake();

    const summary = await purge({ stageOptions: { dataset: 'test-wt01' } });

    expect(summary.failures.map((failure) => [failure.code, failure.message])).toEqual([
      ['PURGE_DATASET_MISMATCH', `the public catalog row says its rows went to ${DATASET}, but the stage now publishes them to test-wt01`],
    ]);
    expect(lines()).toHaveLength(6);
    expect(await lake.catalogDays(PUBLIC)).toHaveLength(3);
  });
});
