import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../log/logger';
import { LakeTime } from '../time/lake-time';
import type { FilePattern } from './date-named-files';
import { FileProvider } from './file-provider';
import type { DateRange } from './provider';
import { collect, openRange } from './test-support/list-provider';

const time = new LakeTime('America/Chicago', () => new Date('2019-06-10T17:00:00Z'));
const at = (text: string) => time.parse(text);

const traffic: FilePattern = { prefix: 'Austin_bt_', dateFormat: '%m-%d-%Y', postfix: '.txt' };
const summary: FilePattern = { prefix: 'Austin_bt_summary_15_', dateFormat: '%m-%d-%Y', postfix: '.txt' };

describe('FileProvider', () => {
  let folder: string;
  const touch = (name: string) => fs.writeFileSync(path.join(folder, name), 'x');

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-file-provider-'));
    for (const name of [
      'Austin_bt_06-01-2019.txt',
      'Austin_bt_summary_15_06-01-2019.txt',
      'Austin_bt_06-02-2019.txt',
      'Austin_bt_summary_15_06-03-2019.txt',
      'Austin_bt_06-10-2019.txt',
    ]) {
      touch(name);
    }
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  async function list(range: DateRange, patterns = [summary, traffic]) {
    const provider = new FileProvider({ directory: folder, patterns, time, log: new MemoryLogger() });
    return collect(provider.items(range));
  }
  const shown = (items: { label: string; date: Date }[]) => items.map((item) => `${path.basename(item.label)}@${time.calendarDate(item.date)}`);

  it('yields each date in order and, within a date, the patterns in their given order', async () => {
    expect(shown(await list(openRange(at('2019-06-01'))))).toEqual([
      'Austin_bt_summary_15_06-01-2019.txt@2019-06-01',
      'Austin_bt_06-01-2019.txt@2019-06-01',
      'Austin_bt_06-02-2019.txt@2019-06-02',
      'Austin_bt_summary_15_06-03-2019.txt@2019-06-03',
    ]);
  });

  it('labels the file name date in the zone, names items by prefix and postfix, and points at the full path', async () => {
    const [first] = await list(openRange(at('2019-06-02')), [traffic]);
    expect(first).toEqual({
      base: 'Austin_bt_',
      ext: 'txt',
      date: new Date('2019-06-02T05:00:00Z'),
      dateEnd: null,
      label: path.join(folder, 'Austin_bt_06-02-2019.txt'),
      payload: traffic,
    });
  });

  it('keeps dates from the start up to, not including, the end', async () => {
    expect(shown(await list(openRange(at('2019-06-02'), { end: at('2019-06-03') })))).toEqual(['Austin_bt_06-02-2019.txt@2019-06-02']);
  });

  it('keeps only the start date in exact mode', async () => {
    const day = at('2019-06-01');
    expect(shown(await list({ start: day, end: day, lastRun: null, exact: true }))).toEqual([
      'Austin_bt_summary_15_06-01-2019.txt@2019-06-01',
      'Austin_bt_06-01-2019.txt@2019-06-01',
    ]);
  });

  it("drops today's file unless an end date is given", async () => {
    expect(shown(await list(openRange(at('2019-06-09'))))).toEqual([]);
    expect(shown(await list(openRange(at('2019-06-09'), { end: at('2019-07-01') })))).toEqual(['Austin_bt_06-10-2019.txt@2019-06-10']);
  });

  it('lets the caller name items and give them an implied end', async () => {
    const provider = new FileProvider({
      directory: folder,
      patterns: [traffic],
      identify: (_pattern, fileName) => ({ base: 'Austin', ext: fileName.endsWith('.txt') ? 'traf_match_summary.txt' : 'other' }),
      impliedEnd: (date) => time.addDays(date, 7),
      time,
    });
    const [first] = await collect(provider.items(openRange(at('2019-06-01'))));
    expect(first).toMatchObject({ base: 'Austin', ext: 'traf_match_summary.txt', dateEnd: at('2019-06-08') });
  });
});
