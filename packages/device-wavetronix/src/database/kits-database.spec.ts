import net from 'node:net';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LakeTime } from '@lake/core';
import { RawCsvWriter } from '../formats/raw-csv';
import { FakeSqlServer, loginFailedError, timeoutError, unreachableServerError } from '../test-support/fake-mssql';
import { historyRow, kitsTablesHandler, type DetectorRow, type HistoryRow } from '../test-support/kits-tables';
import { KitsDatabaseUnavailable, KitsQueryFailed } from './database-errors';
import { KitsDatabase } from './kits-database';
import { connectMssql } from './sql-client';

const time = new LakeTime('America/Chicago');
const SETTINGS = { server: 'kits.example', port: 1433, user: 'lake', password: 'hunter2-secret', database: 'KITSDB' };
const DETECTORS: DetectorRow[] = [
  { DETID: 2, INTID: 1, INTNAME: 'LAMARMANCHACA', DETNAME: 'NB_in' },
  { DETID: 3, INTID: 1, INTNAME: 'LAMARMANCHACA', DETNAME: 'SB_in' },
  { DETID: 7, INTID: 4, INTNAME: 'BURNET, RUTLAND', DETNAME: 'EB "in"' },
];
const range = (start: string | null, end: string | null) => ({
  start: start ? time.dayStart(start) : null,
  end: end ? time.dayStart(end) : null,
  lastRun: null,
  exact: false,
});

async function text(readable: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of readable) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('the KITS database', () => {
  let history: HistoryRow[];
  let server: FakeSqlServer;
  let database: KitsDatabase;

  beforeEach(() => {
    history = [
      historyRow(3, '2020-09-13 00:15:00', 4),
      historyRow(2, '2020-09-13 00:15:00', 19, { SPEED: null }),
      historyRow(7, '2020-09-13 00:00:00', 5),
      historyRow(2, '2020-09-15 08:00:00', 1),
      historyRow(99, '2020-09-15 09:00:00', 1), // no detector: not joined
    ];
    server = new FakeSqlServer(kitsTablesHandler(history, DETECTORS));
    database = new KitsDatabase(SETTINGS, { time, connect: server.connect });
  });

  afterEach(async () => {
    await database.close();
  });

  it('lists the days that have rows, as Central midnights, ascending', async () => {
    const days = await database.listDays(range('2020-09-01', '2020-10-01'));
    expect(days.map((day) => time.format(day))).toEqual(['2020-09-13 00:00:00-05:00', '2020-09-15 00:00:00-05:00']);
    expect((await database.listDays(range('2020-09-14', null))).map((day) => time.calendarDate(day))).toEqual(['2020-09-15']);
    expect(server.executed.map((query) => Object.keys(query.parameters))).toEqual([['early', 'late'], ['early']]);
    expect(server.configs).toHaveLength(1); // one pool for the run
    expect(server.configs[0].options?.useUTC).toBe(true);
  });

  it("streams a day's rows as the raw CSV, ordered by time, intersection and detector", async () => {
    const writer = new RawCsvWriter();
    const csv = await text(await database.dayCsv(time.dayStart('2020-09-13'), writer));
    expect(csv).toBe(
      'detID,intID,curDateTime,intName,detName,volume,occupancy,speed,status,uploadSuccess,detCountComparison,dailyCumulative\r\n' +
        '7,4,2020-09-13 00:00:00,"BURNET, RUTLAND","EB ""in""",5,2,35,Working,100,1,5\r\n' +
        '2,1,2020-09-13 00:15:00,LAMARMANCHACA,NB_in,19,2,,Working,100,1,19\r\n' +
        '3,1,2020-09-13 00:15:00,LAMARMANCHACA,SB_in,4,2,35,Working,100,1,4\r\n',
    );
    expect(writer.summary()).toBe('1 empty speed');
    const query = server.executed.at(-1)!;
    expect(query.stream).toBe(true);
    expect(query.parameters.day.value).toEqual(new Date('2020-09-13T00:00:00Z'));
  });

  it('writes only the header for a day without rows', async () => {
    expect(await text(await database.dayCsv(time.dayStart('2020-09-14')))).toBe(
      'detID,intID,curDateTime,intName,detName,volume,occupancy,speed,status,uploadSuccess,detCountComparison,dailyCumulative\r\n',
    );
  });

  it('pauses the query while the reader is behind, and hands out every row', async () => {
    for (let minute = 0; minute < 3000; minute++) history.push(historyRow(2, `2020-09-20 ${String(Math.floor(minute / 180)).padStart(2, '0')}:${String(Math.floor(minute / 3) % 60).padStart(2, '0')}:00`, minute));
    let lines = 0;
    const slowReader = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        lines += chunk.toString().split('\r\n').length - 1;
        setTimeout(callback, 1);
      },
    });
    await pipeline(await database.dayCsv(time.dayStart('2020-09-20')), slowReader);
    expect(lines).toBe(3001);
    expect(server.rowsWhilePaused).toBe(0);
  });

  it('cancels the query when the reader gives up', async () => {
    for (let minute = 0; minute < 2000; minute++) history.push(historyRow(2, `2020-09-21 10:${String(minute % 60).padStart(2, '0')}:00`, minute));
    const readable = await database.dayCsv(time.dayStart('2020-09-21'));
    await new Promise((resolve) => readable.once('data', resolve));
    readable.destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.cancelled).toBe(1);
  });

  it('fails the stream when the query fails half-way, naming the day and the database', async () => {
    server.handler = () => ({ error: new Error('Invalid object name KITSDB.KITS.SYSDETHISTORYRM.'), rowsBefore: [{ detID: 1 }] });
    const stream = await database.dayCsv(time.dayStart('2020-09-13'));
    const failure = await text(stream).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KitsQueryFailed);
    expect((failure as KitsQueryFailed).code).toBe('KITS_QUERY_FAILED');
    expect((failure as Error).message).toBe(
      'reading the radar counts of 2020-09-13 in the KITS database kits.example:1433/KITSDB failed: Invalid object name KITSDB.KITS.SYSDETHISTORYRM.',
    );
  });

  it('says how to give a slow query more time', async () => {
    server.handler = () => ({ error: timeoutError(300000) });
    const failure = await database.listDays(range('2020-09-01', null)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'KITS_QUERY_TIMEOUT', hint: expect.stringContaining('requestTimeout') });
    expect((failure as Error).message).toContain('listing the days with radar counts in the KITS database kits.example:1433/KITSDB timed out');
  });

  it('reports an unreachable server by name, never with the password', async () => {
    server.connectError = unreachableServerError('kits.example');
    const failure = await database.listDays(range('2020-09-01', null)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KitsDatabaseUnavailable);
    expect((failure as Error).message).toBe('cannot connect to the KITS database kits.example:1433/KITSDB: Failed to connect to kits.example:1433 - getaddrinfo ENOTFOUND kits.example');
    expect((failure as KitsDatabaseUnavailable).hint).toContain('--sourcedir');
  });

  it('scrubs the password from a driver message that repeats it', async () => {
    server.connectError = loginFailedError('lake:hunter2-secret');
    const failure = (await database.listDays(range('2020-09-01', null)).catch((error: unknown) => error)) as KitsDatabaseUnavailable;
    expect(failure.message).toBe("cannot connect to the KITS database kits.example:1433/KITSDB: Login failed for user 'lake:***'.");
    expect(String((failure.cause as Error).message)).not.toContain('hunter2');
  });

  it('connects with the real mssql driver by default and reports a refused connection clearly', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const real = new KitsDatabase({ server: '127.0.0.1', port: closedPort, user: 'lake', password: 'hunter2-secret', database: 'KITSDB', connectionTimeout: 5000, options: { encrypt: false } }, { time });
    const failure = (await real.listDays(range('2020-09-01', null)).catch((error: unknown) => error)) as KitsDatabaseUnavailable;
    await real.close();
    expect(failure).toBeInstanceOf(KitsDatabaseUnavailable);
    expect(failure.message).toMatch(new RegExp(`^cannot connect to the KITS database 127\\.0\\.0\\.1:${closedPort}/KITSDB: .*ECONNREFUSED`));
    expect(failure.message).not.toContain('hunter2');
    expect(connectMssql).toBeInstanceOf(Function);
  });
});
