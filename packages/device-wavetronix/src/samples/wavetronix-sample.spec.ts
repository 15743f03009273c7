import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger, Registry, parseLakeJson, runDemo } from '@lake/core';
import { wavetronixPlugin } from '../plugin';

describe('the Wavetronix sample for lake demo', () => {
  let home: string;

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'wt-demo-'));
  });

  afterEach(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('runs through all four stages without a SQL Server, the fall-back day included', async () => {
    const log = new MemoryLogger();
    const demo = await runDemo({ home, registry: new Registry().register(wavetronixPlugin), log, clock: () => new Date('2019-11-06T09:30:00Z') });
    expect(demo.results.map((result) => [result.stage, result.failures])).toEqual([
      ['wt:insert', []],
      ['wt:standard', []],
      ['wt:ready', []],
      ['wt:publish', []],
    ]);
    expect(demo.results[0].records).toBe(3);

    const standardized = parseLakeJson(fs.readFileSync(path.join(home, 'atd-datalake-rawjson/2019/11/03/wt/Austin_wt_2019-11-03.json'), 'utf8')) as { data: { curDateTime: string }[] };
    const repeated = standardized.data.filter((row) => row.curDateTime.startsWith('2019-11-03 01:15:00')).map((row) => row.curDateTime);
    expect(new Set(repeated)).toEqual(new Set(['2019-11-03 01:15:00-05:00', '2019-11-03 01:15:00-06:00']));
    expect(standardized.data).toHaveLength(100 * 16);

    const text = log.text();
    expect(text).toContain('1 blank speed set to null');
    expect(text).toMatch(/dropped 400 of 1600 rows whose intersection has no radar in the unit data on 2019-11-03 \(intID 91: 400\)/);
    expect(text).toMatch(/unit data lists 2 radars with kits_id 12/);

    const published = fs.readFileSync(path.join(home, 'publish', 'i626-g7ub.csv'), 'utf8').trim().split(/\r?\n/);
    expect(published).toHaveLength(1 + 3 * 12 * 96 + 12 * 4);
    const ids = published.slice(1).map((line) => line.split(',').at(-1));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
