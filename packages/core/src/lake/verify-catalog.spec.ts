// `lake catalog verify`: rows without files and files without rows, per storage repository, on a
// lake the test stages filled (raw → standardized → ready → public).
import { Readable } from 'node:stream';
import { runStage } from '../stage/run-stage';
import { TestLake } from '../test-support/test-lake';
import { testStages, writeSourceFiles } from '../test-support/test-stages';
import { verifyCatalog } from './verify-catalog';

const PUBLIC_NOTE = 'public: its rows point at published dataset ids, not stored files';

describe('verifyCatalog', () => {
  let test: TestLake;

  beforeEach(async () => {
    test = new TestLake();
    const sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02']);
    const { ingest, standardize, ready, publish } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);
    for (const stage of [standardize, ready, publish]) {
      test.advance(1);
      await runStage(stage, { startDate: '2019-06-01' }, test.lake);
    }
  });
  afterEach(() => test.dispose());

  it('finds nothing wrong in a lake the stages wrote, and skips the public repository with a note', async () => {
    const result = await verifyCatalog(test.lake);
    expect(result.ok).toBe(true);
    expect(result.repositories.map(({ repository, rows, files }) => `${repository} ${rows} rows ${files} files`)).toEqual([
      'atd-datalake-raw 2 rows 2 files',
      'atd-datalake-rawjson 2 rows 2 files',
      'atd-datalake-ready 2 rows 2 files',
    ]);
    expect(result.skipped).toEqual([{ repository: 'socrata', reason: PUBLIC_NOTE }]);
  });

  it('reports a row whose file is gone and a file no row points at', async () => {
    const storage = await test.lake.storageDriver();
    await storage.delete('atd-datalake-raw', '2019/06/01/ts/Test_ts_2019-06-01.csv');
    await storage.write('atd-datalake-ready', '2019/06/03/ts/Test_ts_2019-06-03.csv', Readable.from(['stray']));
    await storage.write('atd-datalake-ready', 'notes/README.txt', Buffer.from('not a lake file'));

    const result = await verifyCatalog(test.lake);
    expect(result.ok).toBe(false);
    const [raw, rawjson, ready] = result.repositories;
    expect(raw).toMatchObject({
      rowsWithoutFileCount: 1,
      rowsWithoutFile: [
        { data_source: 'ts', id_base: 'Test', id_ext: 'csv', collection_date: '2019-06-01 00:00:00-05:00', pointer: '2019/06/01/ts/Test_ts_2019-06-01.csv' },
      ],
      filesWithoutRowCount: 0,
    });
    expect(rawjson).toMatchObject({ rowsWithoutFileCount: 0, filesWithoutRowCount: 0 });
    expect(ready).toMatchObject({ files: 3, otherObjects: 1, rowsWithoutFileCount: 0, filesWithoutRow: ['2019/06/03/ts/Test_ts_2019-06-03.csv'], filesWithoutRowCount: 1 });
  });

  it('checks one repository, or one data source', async () => {
    const storage = await test.lake.storageDriver();
    await storage.write('atd-datalake-raw', '2019/06/03/bt/Austin_bt_2019-06-03.csv', Buffer.from('x'));

    const raw = await verifyCatalog(test.lake, { repository: 'atd-datalake-raw' });
    expect(raw.repositories.map((checked) => checked.repository)).toEqual(['atd-datalake-raw']);
    expect(raw.repositories[0].filesWithoutRow).toEqual(['2019/06/03/bt/Austin_bt_2019-06-03.csv']);

    const ts = await verifyCatalog(test.lake, { repository: 'atd-datalake-raw', dataSource: 'ts' });
    expect(ts).toMatchObject({ ok: true, repositories: [{ rows: 2, files: 2 }] });
  });

  it('skips the public repository when asked for it by name', async () => {
    expect(await verifyCatalog(test.lake, { repository: 'socrata' })).toEqual({ ok: true, repositories: [], skipped: [{ repository: 'socrata', reason: PUBLIC_NOTE }] });
  });

  it('checks a repository that only the catalog names', async () => {
    const catalog = await test.lake.catalog();
    await catalog.upsert({ repository: 'old-bucket', dataSource: 'bt', base: 'Austin', ext: 'txt', pointer: '2018/07/06/bt/Austin_bt_07-06-2018.txt', collectionDate: test.lake.time.dayStart('2018-07-06') });
    const result = await verifyCatalog(test.lake);
    expect(result.repositories.find((checked) => checked.repository === 'old-bucket')).toMatchObject({ rows: 1, rowsWithoutFileCount: 1 });
  });

  it('lists at most maxListed mismatches of each kind, and counts them all', async () => {
    const storage = await test.lake.storageDriver();
    for (const day of ['03', '04', '05']) await storage.write('atd-datalake-raw', `2019/06/${day}/ts/Test_ts_2019-06-${day}.csv`, Buffer.from('x'));
    const [raw] = (await verifyCatalog(test.lake, { repository: 'atd-datalake-raw', maxListed: 2 })).repositories;
    expect(raw).toMatchObject({ filesWithoutRowCount: 3, filesWithoutRow: ['2019/06/03/ts/Test_ts_2019-06-03.csv', '2019/06/04/ts/Test_ts_2019-06-04.csv'] });
  });
});
