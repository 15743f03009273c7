// `lake publish purge` through bin/run.js on the GRIDSMART sample data `lake demo` publishes:
// with the embedded default (CSV datasets) and with the socrata driver against the in-test SODA
// double. A purged day is gone from the dataset and the public catalog, the other days stay, a
// failed delete keeps its catalog row and exits 1, and gs:publish afterwards restores exactly the
// rows there were.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogListing, PurgeSummary } from '@lake/core';
import { SodaDouble } from '../../publish-socrata/src/test-support/soda-double';
import { LakeSandbox } from './test-support/lake-cli';
import { runLake } from './test-support/prod-lake-run';

// `lake demo` runs every shipped source's pipeline; each spawned run is bounded by its helper.
jest.setTimeout(240_000);

const CAMERA_COUNTS = 'sh59-i6y9';
const DAY = ['-s', '2019-11-03', '-e', '2019-11-04'];

/** The data lines of a CSV dataset of the embedded default. */
function csvLines(sandbox: LakeSandbox): string[] {
  const file = path.join(sandbox.home, 'publish', `${CAMERA_COUNTS}.csv`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\r\n').slice(1) : [];
}

const recordIdOf = (line: string) => line.split(',').at(-1) as string;
const readDateOf = (line: string) => line.split(',')[1];
const publicDays = (rows: CatalogListing[]) => rows.map((row) => `${row.collection_date.slice(0, 10)} ${row.id_base}`);

describe('lake publish purge', () => {
  describe('on the embedded default', () => {
    let sandbox: LakeSandbox;
    let published: string[];

    // One demo lake for the describe (a demo run is the slow part): the tests that change nothing
    // come first, and the purge test ends by publishing again what it purged.
    beforeAll(() => {
      sandbox = new LakeSandbox();
      const demo = sandbox.lake('demo');
      expect(demo.status).toBe(0);
      published = csvLines(sandbox);
    });

    afterAll(() => sandbox.remove());

    const publicRows = () => sandbox.json<CatalogListing[]>('catalog', 'list', '--purpose', 'public', '--source', 'gs');

    it('--simulate (-0) shows each public row\'s dataset, id count and first ids, and changes nothing', () => {
      const catalogBefore = publicRows();

      const summary = sandbox.json<PurgeSummary>('publish', 'purge', 'gs', ...DAY, '-0', '--show-ids', '2');

      expect(summary).toMatchObject({ dataSource: 'gs', stage: 'gs:publish', repository: 'socrata', simulate: true, rowsDeleted: 0, catalogRowsRemoved: 0, failures: [] });
      expect(summary.items.map((item) => item.label)).toEqual(['Burnet_Richcreek agg15.json 2019-11-03', 'Lamar_Koenig agg15.json 2019-11-03', 'Loop 360_Lakewood agg15.json 2019-11-03']);
      for (const item of summary.items) {
        expect(item.datasets).toEqual([{ dataset: CAMERA_COUNTS, idColumn: 'record_id', ids: expect.any(Number), deleted: 0, firstIds: [expect.stringMatching(/^[0-9a-f]{32}$/), expect.stringMatching(/^[0-9a-f]{32}$/)] }]);
      }
      expect(summary.ids).toBe(published.filter((line) => readDateOf(line).startsWith('2019-11-03')).length);
      expect(csvLines(sandbox)).toEqual(published);
      expect(publicRows()).toEqual(catalogBefore);

      const text = sandbox.lake('publish:purge', 'gs', ...DAY, '--simulate');
      expect(text.status).toBe(0);
      expect(text.stdout).toContain('Lamar_Koenig agg15.json 2019-11-03  sh59-i6y9');
      expect(text.stdout).toContain('catalog row would be removed');
      expect(text.stdout).toContain(`3 public row(s): ${summary.ids} row id(s), would delete ${summary.ids} row(s), 0 catalog row(s) removed`);
    });

    it('passes the publish stage\'s own options (-a) and refuses others with exit code 2', () => {
      const agg60 = sandbox.json<PurgeSummary>('publish', 'purge', 'gs', '-a', '60', ...DAY);
      expect(agg60).toMatchObject({ items: [], ids: 0, failures: [] });
      expect(csvLines(sandbox)).toEqual(published);

      const unknown = sandbox.lake('publish', 'purge', 'gs', ...DAY, '--agregate', '60');
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('Error (USAGE): gs:publish has no option --agregate');
      expect(unknown.stderr).toContain('Hint: options of gs:publish: -a/--agg <integer>, -u/--no_unassigned');

      const open = sandbox.lake('publish', 'purge', 'gs', '-s', '2019-11-03');
      expect(open.status).toBe(2);
      expect(open.text).toContain('Missing required flag end_date');

      const nothing = sandbox.lake('publish', 'purge', 'xx', ...DAY);
      expect(nothing.status).toBe(2);
      expect(nothing.stderr).toContain('Error (PURGE_NOT_SUPPORTED): cannot purge the published rows of data source "xx": no installed plugin publishes it (data sources that can be purged: bt, gs, wt)');
    });

    it('deletes the day\'s rows by record_id and its public catalog rows; gs:publish then restores the same rows', () => {
      const summary = sandbox.json<PurgeSummary>('publish', 'purge', 'gs', ...DAY);

      const day = published.filter((line) => readDateOf(line).startsWith('2019-11-03'));
      expect(day.length).toBeGreaterThan(0);
      expect(summary).toMatchObject({ simulate: false, ids: day.length, rowsDeleted: day.length, catalogRowsRemoved: 3, failures: [] });
      const remaining = csvLines(sandbox);
      expect(remaining.filter((line) => readDateOf(line).startsWith('2019-11-03'))).toEqual([]);
      expect([...remaining].sort()).toEqual(published.filter((line) => !day.includes(line)).sort());
      expect(publicDays(publicRows())).toEqual([
        '2019-11-02 Burnet_Richcreek',
        '2019-11-02 Lamar_Koenig',
        '2019-11-02 Loop 360_Lakewood',
        '2019-11-04 Lamar_Koenig',
      ]);

      const republish = sandbox.lake('gs:publish', ...DAY);
      expect(republish.status).toBe(0);
      const restored = csvLines(sandbox);
      expect([...restored].sort()).toEqual([...published].sort());
      expect(new Set(restored.map(recordIdOf)).size).toBe(restored.length);
      expect(publicRows()).toHaveLength(7);
    });
  });

  describe('on a Socrata portal', () => {
    const password = 'purge-double-password-5f3a';
    let soda: SodaDouble;
    let sandbox: LakeSandbox;

    // As above: the simulation first, then the test that purges and publishes again.
    beforeAll(async () => {
      soda = await SodaDouble.start({ username: 'lake-publisher', password });
      for (const dataset of [CAMERA_COUNTS, 'qnpj-zrb9', 'x44q-icha', 'v7zg-5jg9']) soda.addDataset(dataset, 'record_id');
      soda.addDataset('i626-g7ub', 'row_id');
      sandbox = new LakeSandbox({ SOCRATA_USER: 'lake-publisher', SOCRATA_PASSWORD: password });
      const publish = { driver: 'socrata', baseUrl: soda.url, username: '${env:SOCRATA_USER}', password: '${env:SOCRATA_PASSWORD}', chunkSize: 100, attempts: 1 };
      writeFileSync(path.join(sandbox.cwd, 'lake.config.json'), JSON.stringify({ publish }));
      const demo = await runLake(sandbox, ['demo']);
      expect(demo.status).toBe(0);
    });

    afterAll(async () => {
      sandbox.remove();
      await soda.close();
    });

    const dayRows = () => soda.rows(CAMERA_COUNTS).filter((row) => String(row.read_date).startsWith('2019-11-03'));
    const purgeJson = async (...args: string[]) => {
      const run = await runLake(sandbox, ['publish', 'purge', 'gs', ...DAY, ...args, '--json']);
      return { status: run.status, summary: JSON.parse(run.stdout) as PurgeSummary };
    };

    it('sends nothing to the portal when simulating', async () => {
      const before = soda.requests.length;
      const { status, summary } = await purgeJson('--simulate');
      expect(status).toBe(0);
      expect(summary.ids).toBe(dayRows().length);
      expect(soda.requests.length).toBe(before);
    });

    it('deletes in chunks of {"record_id": …, ":deleted": true}; a chunk with row errors keeps its catalog row and exits 1; a rerun finishes', async () => {
      const before = soda.rowsById(CAMERA_COUNTS);
      const day = dayRows().length;
      const upsertsBefore = soda.upserts.length;
      soda.failNext({ rowErrors: 1 });

      const failed = await purgeJson();

      expect(failed.status).toBe(1);
      expect(failed.summary.failures).toEqual([expect.objectContaining({ label: `Burnet_Richcreek agg15.json 2019-11-03 (${CAMERA_COUNTS})`, code: 'SOCRATA_ROW_ERRORS' })]);
      expect(failed.summary.items.map((item) => item.catalogRowRemoved)).toEqual([false, true, true]);
      const deletes = soda.upserts.slice(upsertsBefore);
      expect(deletes.length).toBeGreaterThan(3);
      for (const request of deletes) {
        expect(request.deletes).toBe(request.rows);
        expect(request.rows).toBeLessThanOrEqual(100);
      }
      const publicRows = sandbox.json<CatalogListing[]>('catalog', 'list', '--purpose', 'public', '--source', 'gs', ...DAY);
      expect(publicDays(publicRows)).toEqual(['2019-11-03 Burnet_Richcreek']);
      // The first chunk's other rows went; the rest of that intersection's day is still there.
      expect(dayRows().length).toBeGreaterThan(0);

      const rerun = await purgeJson();
      expect(rerun.status).toBe(0);
      expect(rerun.summary).toMatchObject({ catalogRowsRemoved: 1, failures: [] });
      // What the failed chunk deleted is not counted (its answer was an error); the rest is.
      expect(failed.summary.rowsDeleted + rerun.summary.rowsDeleted).toBeLessThan(day);
      expect(rerun.summary.items.map((item) => item.label)).toEqual(['Burnet_Richcreek agg15.json 2019-11-03']);
      expect(dayRows()).toEqual([]);

      const republish = await runLake(sandbox, ['gs:publish', ...DAY]);
      expect(republish.status).toBe(0);
      expect(soda.rowsById(CAMERA_COUNTS)).toEqual(before);
    });
  });
});
