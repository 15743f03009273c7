// `lake catalog:list` and `lake perfmet:jobs` as library calls: rows in the original's text forms,
// filtered by data source, repository and an overlapping date window.
import { runStage } from '../stage/run-stage';
import { TestLake } from '../test-support/test-lake';
import { testStages, writeSourceFiles } from '../test-support/test-stages';
import { listCatalog } from './list-catalog';
import { listPerfmetJobs } from './list-perfmet-jobs';

describe('listing what the lake holds', () => {
  let test: TestLake;

  beforeEach(async () => {
    test = new TestLake();
    const sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02', '2019-06-03']);
    const { ingest, standardize } = testStages();
    await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);
    test.advance(1);
    await runStage(standardize, { startDate: '2019-06-01' }, test.lake);
  });
  afterEach(() => test.dispose());

  describe('listCatalog', () => {
    it('gives rows with PyStr timestamps', async () => {
      const [row] = await listCatalog(test.lake, { repository: 'atd-datalake-raw', limit: 1 });
      expect(row).toEqual({
        repository: 'atd-datalake-raw',
        data_source: 'ts',
        id_base: 'Test',
        id_ext: 'csv',
        pointer: '2019/06/01/ts/Test_ts_2019-06-01.csv',
        collection_date: '2019-06-01 00:00:00-05:00',
        collection_end: null,
        processing_date: '2019-06-10 12:00:00-05:00',
      });
    });

    it('filters by repository and data source', async () => {
      expect(await listCatalog(test.lake, { dataSource: 'ts' })).toHaveLength(6);
      expect(await listCatalog(test.lake, { dataSource: 'bt' })).toEqual([]);
      expect((await listCatalog(test.lake, { repository: 'atd-datalake-rawjson' })).map((row) => row.repository)).toEqual(
        Array(3).fill('atd-datalake-rawjson'),
      );
    });

    it('keeps rows overlapping [start, end)', async () => {
      const rows = await listCatalog(test.lake, { repository: 'atd-datalake-raw', startDate: '2019-06-02', endDate: '2019-06-03' });
      expect(rows.map((row) => row.collection_date)).toEqual(['2019-06-02 00:00:00-05:00']);
    });

    it('stops at the limit', async () => {
      expect(await listCatalog(test.lake, { limit: 2 })).toHaveLength(2);
    });
  });

  describe('listPerfmetJobs', () => {
    it('lists the runs, by data source code and stage', async () => {
      const jobs = await listPerfmetJobs(test.lake, { dataSource: 'ts', stage: 'Standardize' });
      expect(jobs).toEqual([
        {
          data_source: 'ts',
          stage: 'Standardize',
          seconds: 0,
          records: 6,
          failures: 0,
          processing_date: '2019-06-10 12:01:00-05:00',
          collection_start: '2019-06-01 00:00:00-05:00',
          collection_end: '2019-06-04 00:00:00-05:00',
        },
      ]);
      expect(await listPerfmetJobs(test.lake, {})).toHaveLength(2);
      expect(await listPerfmetJobs(test.lake, { dataSource: 'bt' })).toEqual([]);
    });
  });
});
