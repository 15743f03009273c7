import fs from 'node:fs';
import { runStage, type RunOptions } from '@lake/core';
import { FakeSqlServer, unreachableServerError } from '../test-support/fake-mssql';
import { historyRow, kitsTablesHandler, type DetectorRow, type HistoryRow } from '../test-support/kits-tables';
import { folderWith, RAW, removeFolder, WtTestLake } from '../test-support/wt-lake';
import { WavetronixInsert } from './wt-insert';

const HEADER = 'detID,intID,curDateTime,intName,detName,volume,occupancy,speed,status,uploadSuccess,detCountComparison,dailyCumulative\r\n';
const DATABASE = { server: 'kits.example', user: 'lake', password: 'hunter2-secret', database: 'KITSDB' };
const DETECTORS: DetectorRow[] = [
  { DETID: 2, INTID: 1, INTNAME: 'LAMARMANCHACA', DETNAME: 'NB_in' },
  { DETID: 3, INTID: 1, INTNAME: 'LAMARMANCHACA', DETNAME: 'SB_in' },
];

describe('wt:insert', () => {
  let lake: WtTestLake;
  let history: HistoryRow[];
  let server: FakeSqlServer;

  beforeEach(() => {
    lake = new WtTestLake({ config: { sources: { wt: { database: DATABASE } } } }); // now: 2019-11-06 03:30 CST
    history = [
      historyRow(2, '2019-11-02 23:45:00', 7),
      historyRow(3, '2019-11-02 08:00:00', null),
      // the fall-back day: the database holds both passes through 01:15 under one wall time
      historyRow(2, '2019-11-03 01:15:00', 4, { DAILYCUMULATIVE: 4 }),
      historyRow(2, '2019-11-03 01:15:00', 5, { DAILYCUMULATIVE: 9 }),
      historyRow(2, '2019-11-05 00:00:00', 1),
      historyRow(2, '2019-11-06 01:00:00', 1), // today: still incomplete
    ];
    server = new FakeSqlServer(kitsTablesHandler(history, DETECTORS));
  });

  afterEach(async () => {
    await lake.dispose();
  });

  const insert = (options: RunOptions = {}, stage = new WavetronixInsert({ connect: server.connect })) => {
    const run = runStage(stage, { lastRunDate: '0', ...options }, lake.lake);
    return run.finally(() => lake.advance(1));
  };

  it('stores one CSV per day with rows, ascending, named and keyed by the lake rule', async () => {
    const result = await insert();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(3);
    expect(await lake.catalogDays(RAW)).toEqual(['csv 2019-11-02', 'csv 2019-11-03', 'csv 2019-11-05']);
    expect(lake.readStored(RAW, '2019/11/02/wt/Austin_wt_2019-11-02.csv')).toBe(
      HEADER + '3,1,2019-11-02 08:00:00,LAMARMANCHACA,SB_in,,2,35,Working,100,1,\r\n' + '2,1,2019-11-02 23:45:00,LAMARMANCHACA,NB_in,7,2,35,Working,100,1,7\r\n',
    );
    expect(lake.readStored(RAW, '2019/11/03/wt/Austin_wt_2019-11-03.csv')).toBe(
      HEADER + '2,1,2019-11-03 01:15:00,LAMARMANCHACA,NB_in,4,2,35,Working,100,1,4\r\n' + '2,1,2019-11-03 01:15:00,LAMARMANCHACA,NB_in,5,2,35,Working,100,1,9\r\n',
    );
    const [row] = await lake.catalogRows(RAW);
    expect(row).toMatchObject({ dataSource: 'wt', base: 'Austin', ext: 'csv', pointer: '2019/11/02/wt/Austin_wt_2019-11-02.csv' });
    expect(lake.lake.time.format(row.collectionDate)).toBe('2019-11-02 00:00:00-05:00');
    expect(lake.log.text()).toContain(`Austin_2019-11-03.csv -> ${RAW}:2019/11/03/wt/Austin_wt_2019-11-03.csv`);
    expect(lake.log.text()).toContain('WARN Austin_2019-11-02.csv: 1 empty volume, 1 empty dailyCumulative (NULL in the database; written as empty fields)');
    expect(server.openPools).toBe(0); // closed after the run
  });

  it('leaves today alone unless an end date is given', async () => {
    await insert();
    expect(await lake.catalogDays(RAW)).not.toContain('csv 2019-11-06');
    await insert({ startDate: '2019-11-06', endDate: '2019-11-07' });
    expect(await lake.catalogDays(RAW)).toContain('csv 2019-11-06');
  });

  it('asks the database for exactly day X with -s X -e X (C-10 fixed), and for [X, Y) otherwise', async () => {
    expect((await insert({ startDate: '2019-11-03', endDate: '2019-11-03' })).records).toBe(1);
    expect(await lake.catalogDays(RAW)).toEqual(['csv 2019-11-03']);
    const listing = server.executed[0];
    expect(listing.parameters.early.value).toEqual(new Date('2019-11-03T00:00:00Z'));
    expect(listing.parameters.late.value).toEqual(new Date('2019-11-04T00:00:00Z'));

    expect((await insert({ startDate: '2019-11-02', endDate: '2019-11-05' })).records).toBe(1);
    expect(await lake.catalogDays(RAW)).toEqual(['csv 2019-11-02', 'csv 2019-11-03']);
  });

  it('does nothing on a rerun, and stores the days again with force', async () => {
    await insert();
    const queries = server.executed.length;
    const rerun = await insert();
    expect(rerun.records).toBe(0);
    expect(server.executed.length).toBe(queries + 1); // the day listing only
    history.push(historyRow(3, '2019-11-05 00:15:00', 8));
    const forced = await insert({ force: true });
    expect(forced.records).toBe(3);
    expect(lake.readStored(RAW, '2019/11/05/wt/Austin_wt_2019-11-05.csv')).toContain('3,1,2019-11-05 00:15:00');
    expect(await lake.catalogDays(RAW)).toEqual(['csv 2019-11-02', 'csv 2019-11-03', 'csv 2019-11-05']);
  });

  it('fails the run with a clear message when the database cannot be reached', async () => {
    server.connectError = unreachableServerError('kits.example');
    const result = await insert();
    expect(result.records).toBe(0);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ code: 'KITS_DATABASE_UNAVAILABLE' });
    expect(result.failures[0].message).toContain('cannot connect to the KITS database kits.example/KITSDB');
    expect(lake.log.text()).not.toContain('hunter2');
  });

  it('fails one day whose query breaks, and stores the others', async () => {
    const handler = server.handler;
    server.handler = (query) => ((query.parameters.day?.value as Date | undefined)?.toISOString().startsWith('2019-11-03') ? { error: new Error('deadlock victim') } : handler(query));
    const result = await insert();
    expect(result.records).toBe(2);
    expect(result.failures.map((failure) => [failure.label, failure.code])).toEqual([['Austin_2019-11-03.csv', 'KITS_QUERY_FAILED']]);
    expect(await lake.catalogDays(RAW)).toEqual(['csv 2019-11-02', 'csv 2019-11-05']);
  });

  it('says what to configure when there is neither a database nor a source folder', async () => {
    const bare = new WtTestLake();
    try {
      const result = await runStage(new WavetronixInsert({ connect: server.connect }), { lastRunDate: '0' }, bare.lake);
      expect(result.failures).toHaveLength(1);
      expect(result.failures[0].code).toBe('CONFIG');
      expect(bare.log.text()).toContain('sources.wt.database');
    } finally {
      await bare.dispose();
    }
  });

  describe('with --sourcedir', () => {
    let folder: string;

    afterEach(() => removeFolder(folder));

    it('imports exported day CSVs of either name byte for byte, without the database', async () => {
      const day3 = `${HEADER}2,1,2019-11-03 01:15:00,LAMARMANCHACA,NB_in,4,2,35,Working,100,1,4\r\n`;
      folder = folderWith({
        'Austin_2019-11-02.csv': `${HEADER}2,1,2019-11-02 23:45:00,X,NB_in,7,2,35,Working,100,1,7\r\n`,
        'Austin_wt_2019-11-03.csv': day3,
        'Austin_2019-11-03.csv': 'older export of the same day',
        'Austin_wt_2019-11-04.txt': 'not a csv',
        'Other_2019-11-04.csv': 'another area',
        'Austin_2019-11-06.csv': 'today',
      });
      const result = await insert({ sourcedir: folder });
      expect(result.failures).toEqual([]);
      expect(result.records).toBe(2);
      expect(await lake.catalogDays(RAW)).toEqual(['csv 2019-11-02', 'csv 2019-11-03']);
      expect(lake.readStored(RAW, '2019/11/03/wt/Austin_wt_2019-11-03.csv')).toBe(day3);
      expect(lake.log.text()).toContain('WARN Austin_2019-11-03.csv ignored: Austin_wt_2019-11-03.csv holds the same day');
      expect(server.configs).toEqual([]);
      expect((await insert({ sourcedir: folder })).records).toBe(0);
    });

    it('reports a folder that cannot be read', async () => {
      folder = folderWith({});
      const result = await insert({ sourcedir: `${folder}/missing` });
      expect(result.failures).toHaveLength(1);
      expect(result.failures[0].code).toBe('SOURCE_FOLDER_UNREADABLE');
      expect(fs.existsSync(lake.stored(RAW, '2019'))).toBe(false);
    });
  });
});
