// Hostile AWAM files (issue 8) through the real `lake` (bin/run.js): a share where one IAF a day
// is generated from a valid file with a NUL, invalid UTF-8, a wrong column count, a 1 MiB field,
// another delimiter or random bytes. bt:insert stores them all; bt:standard exits 1, names every
// bad file on stderr (a warning with its line, or an error), and stores every good file.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { textVariants } from '@lake/testing';
import { writeAwamShare, writeUnitData } from './test-support/awam-share';
import { LakeSandbox } from './test-support/lake-cli';

jest.setTimeout(180_000);

const DAYS = Array.from({ length: 12 }, (_, index) => `2019-06-${String(index + 1).padStart(2, '0')}`);
const RANGE = ['-s', DAYS[0], '-e', '2019-06-13'];

/** An IAF of several lines in the share's layout (one quoted reader name, multi-byte text). */
const IAF = [
  '6/1/2019 8:00:05 AM,10.66.1.11,6/1/2019 8:00:03 AM,lamar_6th,QUJDREVG',
  '6/1/2019 8:10:05 AM,10.66.1.11,6/1/2019 8:10:03 AM,"lamar_6th, Straße",QUJDREVH',
  '6/1/2019 9:00:00 AM,10.66.1.12,6/1/2019 8:59:59 AM,lamar_mlk,QUJDREVI€',
  '6/1/2019 9:30:15 PM,10.66.1.12,6/1/2019 9:30:10 PM,lamar_mlk,QUJDREVJ',
].map((line) => `${line}\r\n`).join('');

const awamName = (day: string) => `Austin_bt_${day.slice(5, 7)}-${day.slice(8, 10)}-${day.slice(0, 4)}.txt`;
const lakeName = (day: string, type: string) => `Austin_bt_${day}_${type}`;
const standardized = (home: string, day: string, type: string) => path.join(home, 'atd-datalake-rawjson', ...day.split('-'), 'bt', `${lakeName(day, type)}.json`);

describe('lake bt:standard on a share of generated hostile AWAM files', () => {
  let sandbox: LakeSandbox;

  beforeEach(() => {
    sandbox = new LakeSandbox();
  });
  afterEach(() => sandbox.remove());

  it('exits 1, names each bad file on stderr, and stores the good files', () => {
    const share = writeAwamShare(sandbox.path('awam'), DAYS);
    const variants = textVariants(IAF, { seed: 8_700, perKind: 1, kinds: ['nul', 'invalid-utf8', 'columns', 'big-field', 'delimiter', 'binary'] });
    expect(variants.length).toBe(DAYS.length - 3);
    const hostileDays = DAYS.slice(1, 1 + variants.length);
    variants.forEach((variant, index) => writeFileSync(path.join(share, awamName(hostileDays[index])), variant.bytes));
    writeUnitData(path.join(sandbox.home, 'unit-data'));

    const insert = sandbox.lake('bt:insert', '-d', share, ...RANGE);
    expect(insert.stderr).toContain(`Records processed: ${DAYS.length * 3}`);
    expect(insert.status).toBe(0);

    const run = sandbox.lake('bt:standard', ...RANGE);
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n');
    hostileDays.forEach((day, index) => {
      const variant = variants[index];
      const bad = lakeName(day, 'unmatched.txt');
      const named = lines.filter((line) => line.startsWith(`WARNING: ${bad}: `) || (line.startsWith('ERROR: ') && line.includes(`${bad}: `)));
      expect([variant.name, named.length]).toEqual([variant.name, 1]);
      if (named[0].startsWith('WARNING')) {
        expect([variant.name, named[0]]).toEqual([variant.name, expect.stringContaining(`line ${variant.line}: `)]);
        expect(existsSync(standardized(sandbox.home, day, 'unmatched'))).toBe(true);
      } else {
        expect([variant.name, named[0]]).toEqual([variant.name, expect.stringContaining(`${bad}: not one record has the layout of an AWAM unmatched file`)]);
        expect(existsSync(standardized(sandbox.home, day, 'unmatched'))).toBe(false);
      }
    });
    expect(lines.filter((line) => line.startsWith('ERROR: ')).length).toBeGreaterThan(0);
    for (const day of DAYS) {
      for (const type of ['matched', 'traf_match_summary']) expect([day, type, existsSync(standardized(sandbox.home, day, type))]).toEqual([day, type, true]);
      if (!hostileDays.includes(day)) expect(existsSync(standardized(sandbox.home, day, 'unmatched'))).toBe(true);
    }
    const rows = sandbox.json<{ id_ext: string; pointer: string }[]>('catalog:list', '--source', 'bt', '--purpose', 'standardized');
    expect(rows.filter((row) => row.id_ext === 'matched.json')).toHaveLength(DAYS.length);
    // A failed file has no catalog row, so the next run tries it again.
    const catalogued = new Set(rows.map((row) => row.pointer));
    hostileDays.forEach((day) => expect([day, catalogued.has(`${day.replace(/-/g, '/')}/bt/${lakeName(day, 'unmatched.json')}`)]).toEqual([day, existsSync(standardized(sandbox.home, day, 'unmatched'))]));
  });
});
