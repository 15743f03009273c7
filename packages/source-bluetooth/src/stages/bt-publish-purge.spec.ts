// `lake publish purge bt` on the embedded default: the record_ids the purge recomputes from the
// ready files are exactly those bt:publish wrote, so purging a day and publishing again gives back
// the same three datasets, without a duplicate.
import path from 'node:path';
import { CsvPublishDriver, purgePublished, Registry, type PublishDriver, type PublishResult, type PublishRow, type PurgeOptions } from '@lake/core';
import { bluetoothPlugin } from '../plugin';
import { writeReadyDay } from '../test-support/publish-fixtures';
import { matchedRecord, summaryRecord, unmatchedRecord } from '../test-support/ready-fixtures';
import { BtTestLake } from '../test-support/ready-lake';
import { BluetoothPublish } from './bt-publish';

const DAYS = ['2019-06-01', '2019-06-02', '2019-06-03'];
const DATASETS = { unmatched: 'qnpj-zrb9', matched: 'x44q-icha', traf_match_summary: 'v7zg-5jg9' };
const at = (day: string, wall: string) => `${day} ${wall}-05:00`;

function dayFiles(day: string) {
  return {
    unmatched: [
      unmatchedRecord(at(day, '00:00:05'), 'lamar_6th', 'P1'),
      unmatchedRecord(at(day, '00:00:07'), 'lamar_mlk', 'P2'),
      unmatchedRecord(at(day, '00:00:09'), 'lamar_mlk', 'P1'),
    ],
    matched: [
      matchedRecord('P3', 'lamar_mlk', 'lamar_6th', at(day, '00:00:01'), at(day, '00:00:03')),
      matchedRecord('P1', 'lamar_6th', 'lamar_mlk', at(day, '00:00:05'), at(day, '00:00:09')),
    ],
    traf_match_summary: [summaryRecord('51st_springdale', '51st_manor', at(day, '00:00:00')), summaryRecord('51st_manor', '51st_springdale', at(day, '00:15:00'))],
  };
}

/** The embedded CSV driver whose deletes fail (a portal that went away between publish and purge). */
class DeleteFails implements PublishDriver {
  readonly preferredChunk = 10_000;
  constructor(private readonly csv: CsvPublishDriver) {}
  write(dataset: string, rows: PublishRow[], options?: { idColumn?: string }): Promise<PublishResult> {
    return this.csv.write(dataset, rows, options);
  }
  async delete(): Promise<PublishResult> {
    throw new Error('connect ECONNREFUSED 127.0.0.1:9');
  }
  close(): Promise<void> {
    return this.csv.close();
  }
}

describe('lake publish purge bt', () => {
  let lake: BtTestLake;

  async function openLake(config = {}): Promise<void> {
    const registry = new Registry().register(bluetoothPlugin);
    registry.addDriver('publish', 'delete-fails', (_settings, env) => new DeleteFails(new CsvPublishDriver(path.join(env.home, 'publish'))));
    lake = new BtTestLake({ registry, config });
    for (const day of DAYS) await writeReadyDay(lake, day, dayFiles(day));
    const result = await lake.run(new BluetoothPublish());
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(DAYS.length * 7);
  }

  const purge = (options: Partial<PurgeOptions> = {}) =>
    purgePublished(lake.lake, { dataSource: 'bt', startDate: '2019-06-02', endDate: '2019-06-03', ...options });
  /** Every dataset's data lines. */
  const published = () => Object.fromEntries(Object.values(DATASETS).map((dataset) => [dataset, lake.publishedLines(dataset).slice(1)]));
  const idsOf = (lines: string[]) => lines.map((line) => line.split(',').at(-1) as string);

  afterEach(async () => {
    await lake.dispose();
  });

  it('recomputes exactly the record_ids bt:publish wrote for the day, and deletes those rows only', async () => {
    await openLake();
    const before = published();
    const simulated = await purge({ simulate: true, shownIds: Number.POSITIVE_INFINITY });

    const summary = await purge();

    expect(summary.failures).toEqual([]);
    expect(summary).toMatchObject({ ids: 7, rowsDeleted: 7, catalogRowsRemoved: 3 });
    const after = published();
    for (const dataset of Object.values(DATASETS)) {
      const removed = idsOf(before[dataset]).filter((id) => !idsOf(after[dataset]).includes(id));
      const computed = simulated.items.flatMap((item) => item.datasets.filter((entry) => entry.dataset === dataset).flatMap((entry) => entry.firstIds));
      expect(removed.length).toBeGreaterThan(0);
      expect(computed.sort()).toEqual(removed.sort());
      expect(after[dataset]).toHaveLength((before[dataset].length / 3) * 2);
      expect(after[dataset].some((line) => line.includes('2019-06-02T'))).toBe(false);
    }
    expect(await lake.catalogDays('public')).toEqual([
      'matched.json 2019-06-01',
      'traf_match_summary.json 2019-06-01',
      'unmatched.json 2019-06-01',
      'matched.json 2019-06-03',
      'traf_match_summary.json 2019-06-03',
      'unmatched.json 2019-06-03',
    ]);
  });

  it('is undone by the next bt:publish run: the same rows again, no duplicates', async () => {
    await openLake();
    const before = published();
    await purge();

    lake.advance(1);
    const rerun = await lake.run(new BluetoothPublish());

    expect(rerun).toMatchObject({ items: 3, records: 7, failures: [] });
    const after = published();
    for (const dataset of Object.values(DATASETS)) {
      expect([...after[dataset]].sort()).toEqual([...before[dataset]].sort());
      expect(new Set(idsOf(after[dataset])).size).toBe(after[dataset].length);
    }
    expect(await lake.catalogDays('public')).toHaveLength(9);
  });

  it('with --dataset purges one file type; the day keeps its device numbering when republished', async () => {
    await openLake();
    const before = published();

    const summary = await purge({ dataset: DATASETS.matched });

    expect(summary.items.map((item) => item.label)).toEqual(['Austin matched.json 2019-06-02']);
    expect(published()[DATASETS.unmatched]).toEqual(before[DATASETS.unmatched]);
    expect(published()[DATASETS.matched]).toHaveLength(4);
    await lake.run(new BluetoothPublish());
    expect(published()[DATASETS.matched].sort()).toEqual([...before[DATASETS.matched]].sort());
  });

  it('changes nothing when simulating', async () => {
    await openLake();
    const before = published();
    const rows = await lake.catalogRows('public');

    const summary = await purge({ simulate: true, endDate: '2019-06-04' });

    expect(summary).toMatchObject({ simulate: true, ids: 14, rowsDeleted: 0, catalogRowsRemoved: 0, failures: [] });
    expect(summary.items.map((item) => `${item.label} ${item.datasets.map((entry) => `${entry.dataset}:${entry.ids}`).join(' ')}`)).toEqual([
      'Austin matched.json 2019-06-02 x44q-icha:2',
      'Austin traf_match_summary.json 2019-06-02 v7zg-5jg9:2',
      'Austin unmatched.json 2019-06-02 qnpj-zrb9:3',
      'Austin matched.json 2019-06-03 x44q-icha:2',
      'Austin traf_match_summary.json 2019-06-03 v7zg-5jg9:2',
      'Austin unmatched.json 2019-06-03 qnpj-zrb9:3',
    ]);
    expect(published()).toEqual(before);
    expect(await lake.catalogRows('public')).toEqual(rows);
  });

  it('keeps every catalog row whose deletes failed, reports each, and deletes nothing', async () => {
    await openLake({ publish: { driver: 'delete-fails' } });
    const before = published();

    const summary = await purge();

    expect(summary.failures.map((failure) => [failure.label, failure.message])).toEqual([
      ['Austin matched.json 2019-06-02 (x44q-icha)', 'connect ECONNREFUSED 127.0.0.1:9'],
      ['Austin traf_match_summary.json 2019-06-02 (v7zg-5jg9)', 'connect ECONNREFUSED 127.0.0.1:9'],
      ['Austin unmatched.json 2019-06-02 (qnpj-zrb9)', 'connect ECONNREFUSED 127.0.0.1:9'],
    ]);
    expect(summary.catalogRowsRemoved).toBe(0);
    expect(published()).toEqual(before);
    expect(await lake.catalogDays('public')).toHaveLength(9);
  });
});
