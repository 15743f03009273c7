import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger, Registry, parseLakeJson, runDemo } from '@lake/core';
import { gridsmartPlugin } from '../plugin';

describe('the GRIDSMART sample for lake demo', () => {
  let home: string;

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-demo-'));
  });

  afterEach(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });

  const readJson = (relative: string) => parseLakeJson(fs.readFileSync(path.join(home, relative), 'utf8')) as any;

  it('runs through all five stages without a device, the fall-back day included', async () => {
    const log = new MemoryLogger();
    const demo = await runDemo({ home, registry: new Registry().register(gridsmartPlugin), log, clock: () => new Date('2019-11-06T09:30:00Z') });
    expect(demo.results.map((result) => [result.stage, result.failures])).toEqual([
      ['gs:insert', []],
      ['gs:standard', []],
      ['gs:ready', []],
      ['gs:ready-agg', []],
      ['gs:publish', []],
    ]);
    expect(demo.results[0].records).toBe(9); // three cameras, three days

    // The camera on NTP: the fall-back day has 25 hours, its repeated hour under both offsets.
    const fallBack = readJson('atd-datalake-ready/2019/11/03/gs/Lamar_Koenig_gs_2019-11-03_counts.json');
    const times = fallBack.counts.map((record: { timestamp_adj: string }) => record.timestamp_adj);
    expect(times.some((text: string) => /^2019-11-03 01:\d\d:\d\d.*-05:00$/.test(text))).toBe(true);
    expect(times.some((text: string) => /^2019-11-03 01:\d\d:\d\d.*-06:00$/.test(text))).toBe(true);
    expect(times.every((text: string) => text.startsWith('2019-11-03'))).toBe(true);
    expect(fallBack.device).toMatchObject({ atd_device_id: 6548, reversed: false });

    // The camera 47 s fast: its day starts 47 s early, so a complete day needs the next day's file,
    // and its newest day waits for a file the sample does not have.
    const zone = readJson('atd-datalake-rawjson/2019/11/02/gs/Burnet_Richcreek_gs_2019-11-02_3a1b2c3d-0000-4e5f-8a9b-112233445566.json');
    expect(zone.header).toMatchObject({ version: 8, day_covered: -1 });
    expect(fs.existsSync(path.join(home, 'atd-datalake-ready/2019/11/03/gs/Burnet_Richcreek_gs_2019-11-03_counts.json'))).toBe(true);
    expect(fs.existsSync(path.join(home, 'atd-datalake-ready/2019/11/04/gs/Burnet_Richcreek_gs_2019-11-04_counts.json'))).toBe(false);
    expect(log.lines.join('\n')).toContain("Burnet_Richcreek 2019-11-04: waits for the next day's data");

    // The v4 camera in a nested ZIP, matched through the street synonyms (Loop 360).
    const loop360 = readJson('atd-datalake-ready/2019/11/02/gs/Loop 360_Lakewood_gs_2019-11-02_counts.json');
    expect(loop360.header.version).toBe(4);
    expect(loop360.device).toMatchObject({ atd_device_id: 6550, primary_st: 'CAPITAL OF TEXAS HWY' });

    // Published rows carry unique record ids.
    const csv = fs.readFileSync(path.join(home, 'publish', 'sh59-i6y9.csv'), 'utf8').split('\r\n').filter(Boolean);
    const header = csv[0].split(',');
    const ids = csv.slice(1).map((line) => line.split(',')[header.indexOf('record_id')]);
    expect(ids.length).toBe(demo.results[4].records);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes the same archives on every run', async () => {
    const seeds = await Promise.all(
      [1, 2].map(async (run) => {
        const dir = path.join(home, `seed-${run}`);
        fs.mkdirSync(dir);
        await gridsmartPlugin.samples![0].seed(dir);
        return Object.fromEntries(fs.readdirSync(path.join(dir, 'archive')).map((name) => [name, fs.readFileSync(path.join(dir, 'archive', name)).toString('base64')]));
      }),
    );
    expect(Object.keys(seeds[0])).toHaveLength(12);
    expect(seeds[1]).toEqual(seeds[0]);
  });
});
