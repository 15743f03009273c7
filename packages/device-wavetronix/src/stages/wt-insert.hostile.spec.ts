// Generated hostile rows from the KITS SQL Server double (issue 8) through wt:insert and
// wt:standard on a real embedded lake: a column of another type, NULLs, every column NULL, a
// megabyte of text with commas, quotes and line breaks, dates no wall clock can be read from.
// Each variant's day also holds an untouched row and a probe row with a known problem. Every day
// is stored by both stages; what had to be left empty or null is counted in a warning naming the
// day's file, with the physical line of the record; the untouched rows come through exactly.
import { parseLakeJson, runStage, type StageResult } from '@lake/core';
import { rowVariants, withPrivateTmp, type RowVariant } from '@lake/testing';
import type { WavetronixRecord } from '../formats/wavetronix-columns';
import { FakeSqlServer, type ExecutedQuery, type QueryAnswer } from '../test-support/fake-mssql';
import { wallAsDate } from '../test-support/kits-tables';
import { RAW, STANDARDIZED, WtTestLake } from '../test-support/wt-lake';
import { WavetronixInsert } from './wt-insert';
import { WavetronixStandard } from './wt-standard';

const DATABASE = { server: 'kits.example', user: 'lake', password: 'hunter2-secret', database: 'KITSDB' };

/** A row as the records query hands it over (the driver's types: numbers, Dates, texts). */
function kitsRow(day: string, wall: string, detID: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    detID,
    intID: 1,
    curDate: new Date(`${day}T00:00:00Z`),
    curDateTime: wallAsDate(`${day} ${wall}`),
    intName: 'LAMARMANCHACA',
    detName: `DET_${detID}`,
    volume: 10,
    occupancy: 2,
    speed: 35,
    status: 'Working',
    uploadSuccess: 100,
    detCountComparison: 1,
    dailyCumulative: 10,
    ...overrides,
  };
}

const INTEGER_KEYS = ['detID', 'intID', 'volume', 'occupancy', 'speed', 'uploadSuccess', 'detCountComparison', 'dailyCumulative'];

interface Placed {
  variant: RowVariant;
  day: string;
  rows: Record<string, unknown>[];
}

describe('wt:insert and wt:standard on generated hostile database rows', () => {
  let lake: WtTestLake;
  const placed: Placed[] = [];
  const rowsByDay = new Map<string, Record<string, unknown>[]>();
  let insert: StageResult;
  let standard: StageResult;
  let leftovers: string[];

  beforeAll(async () => {
    lake = new WtTestLake({ config: { sources: { wt: { database: DATABASE } } } });
    lake.writeUnitData([]);
    const variants = rowVariants(kitsRow('2019-01-01', '08:00:00', 2), { seed: 8_400, perKind: 5, dateKeys: ['curDateTime', 'curDate'], hugeTextLength: 256 * 1024 });
    variants.forEach((variant, offset) => {
      const day = new Date(Date.UTC(2019, 0, 1 + offset)).toISOString().slice(0, 10);
      const hostile = { ...variant.row };
      // The variant's own columns stay as they are; the rest belongs to its day.
      for (const key of ['curDate', 'curDateTime'] as const) if (variant.key !== key && variant.kind !== 'all-null') hostile[key] = kitsRow(day, '08:00:00', 2)[key];
      const rows = [hostile, kitsRow(day, '09:00:00', 3), kitsRow(day, '10:00:00', 4, { volume: null, detName: 'PROBE' })];
      placed.push({ variant, day, rows });
      rowsByDay.set(day, rows);
    });
    const server = new FakeSqlServer((query: ExecutedQuery): QueryAnswer => {
      if (query.text.includes('COUNT(1)')) return { rows: [...rowsByDay.keys()].map((day) => ({ day: new Date(`${day}T00:00:00Z`), records: 3 })) };
      const day = (query.parameters.day?.value as Date).toISOString().slice(0, 10);
      return { rows: rowsByDay.get(day) ?? [] };
    });
    ({ value: insert } = await withPrivateTmp(() => runStage(new WavetronixInsert({ connect: server.connect }), { lastRunDate: '0' }, lake.lake)));
    lake.advance(1);
    ({ value: standard, leftovers } = await withPrivateTmp(() => runStage(new WavetronixStandard(), { lastRunDate: '0' }, lake.lake)));
  }, 120_000);

  afterAll(async () => {
    await lake.dispose();
  });

  const warnings = () => lake.log.lines.filter((line) => line.startsWith('WARN '));
  const standardized = (day: string) => lake.readJson<{ data: WavetronixRecord[] }>(STANDARDIZED, `${day.replace(/-/g, '/')}/wt/Austin_wt_${day}.json`).data;
  const rawCsv = (day: string) => lake.readStored(RAW, `${day.replace(/-/g, '/')}/wt/Austin_wt_${day}.csv`).toString();

  it('makes variants of every kind', () => {
    expect(new Set(placed.map(({ variant }) => variant.kind))).toEqual(new Set(['wrong-type', 'null', 'all-null', 'huge-text', 'bad-date']));
    expect(placed.length).toBeGreaterThanOrEqual(20);
  });

  it('stores every day in raw and standardized, failing nothing', async () => {
    expect(insert.failures).toEqual([]);
    expect(standard.failures).toEqual([]);
    const days = placed.map(({ day }) => day);
    expect((await lake.catalogDays(RAW)).map((row) => row.split(' ')[1])).toEqual(days);
    expect((await lake.catalogDays(STANDARDIZED)).filter((row) => row.startsWith('json ')).map((row) => row.split(' ')[1])).toEqual(days);
    expect(leftovers).toEqual([]);
  });

  it('keeps the untouched row of each day exactly and the three records in order', () => {
    for (const { day, variant } of placed) {
      const records = standardized(day);
      expect([variant.name, records.length]).toEqual([variant.name, 3]);
      expect([variant.name, records[1]]).toEqual([variant.name, expect.objectContaining({ detID: 3, detName: 'DET_3', volume: 10, curDateTime: expect.stringMatching(new RegExp(`^${day} 09:00:00-0[56]:00$`)) })]);
      expect([variant.name, records[2]]).toEqual([variant.name, expect.objectContaining({ detID: 4, detName: 'PROBE', volume: null })]);
    }
  });

  it('counts at insert every value it left empty, naming the day\'s file', () => {
    for (const { day, variant } of placed) {
      const file = `Austin_${day}.csv`;
      const warning = warnings().find((line) => line.startsWith(`WARN ${file}: `));
      // The probe row's NULL volume is always there.
      expect([variant.name, warning]).toEqual([variant.name, expect.stringContaining('empty volume')]);
      // A NULL text is written empty as upstream did, not counted; a NULL number or time is.
      const counted = variant.key !== undefined && (INTEGER_KEYS.includes(variant.key) || variant.key === 'curDateTime');
      if (counted && (variant.kind === 'null' || variant.kind === 'bad-date')) expect([variant.name, warning]).toEqual([variant.name, expect.stringContaining(`empty ${variant.key}`)]);
      if (variant.kind === 'all-null') expect([variant.name, warning]).toEqual([variant.name, expect.stringContaining('empty curDateTime')]);
      if (variant.kind === 'bad-date' && variant.key === 'curDateTime') expect([variant.name, rawCsv(day).split('\r\n')[1].split(',')[2]]).toEqual([variant.name, '']);
    }
  });

  it('reports what standard set to null with the record\'s physical line, a huge text before it included', () => {
    for (const { day, variant } of placed) {
      const file = `Austin_wt_${day}.csv`;
      const warning = warnings().find((line) => line.startsWith(`WARN ${file}: `));
      expect([variant.name, warning]).toEqual([variant.name, expect.stringContaining('blank volume')]);
      const raw = rawCsv(day);
      // The probe row's physical line: line breaks before it, quoted ones included (CRLF is one).
      const probeLine = raw.slice(0, raw.indexOf('4,1,')).split(/\r\n|\r|\n/).length;
      const hostileIsClean = variant.kind === 'huge-text' && !INTEGER_KEYS.includes(variant.key!) && variant.key !== 'curDateTime';
      if (hostileIsClean) expect([variant.name, warning]).toEqual([variant.name, expect.stringContaining(`(line ${probeLine}: volume "")`)]);
      if (variant.kind === 'all-null') expect([variant.name, warning]).toEqual([variant.name, expect.stringContaining('line 2: ')]);
      // A megabyte value is shown cut short, never whole.
      expect([variant.name, warning!.length < 2_000]).toEqual([variant.name, true]);
    }
  });

  it('reads back every standardized file whole', () => {
    for (const { day } of placed) expect(() => parseLakeJson(lake.readStored(STANDARDIZED, `${day.replace(/-/g, '/')}/wt/Austin_wt_${day}.json`).toString())).not.toThrow();
  });
});
