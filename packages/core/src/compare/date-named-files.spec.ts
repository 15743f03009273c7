import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../log/logger';
import { findDateNamedFiles, type FilePattern, SourceFolderUnreadable } from './date-named-files';

const traffic: FilePattern = { prefix: 'Austin_bt_', dateFormat: '%m-%d-%Y', postfix: '.txt' };

describe('findDateNamedFiles', () => {
  let folder: string;
  const touch = (name: string) => fs.writeFileSync(path.join(folder, name), 'x');

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-date-named-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  async function names(pattern: FilePattern, log = new MemoryLogger()) {
    return (await findDateNamedFiles(folder, pattern, log)).map((file) => file.name);
  }

  it('finds date-named files and gives their wall-clock date, oldest first', async () => {
    touch('Austin_bt_06-01-2019.txt');
    touch('Austin_bt_12-31-2018.txt');
    const files = await findDateNamedFiles(folder, traffic, new MemoryLogger());
    expect(files).toEqual([
      { name: 'Austin_bt_12-31-2018.txt', wall: { year: 2018, month: 12, day: 31, hour: 0, minute: 0, second: 0, millisecond: 0 } },
      { name: 'Austin_bt_06-01-2019.txt', wall: { year: 2019, month: 6, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 } },
    ]);
  });

  it('does not mistake a longer prefix for a match (Austin_bt_ vs Austin_bt_summary_15_)', async () => {
    touch('Austin_bt_06-01-2019.txt');
    touch('Austin_bt_summary_15_06-02-2019.txt');
    expect(await names(traffic)).toEqual(['Austin_bt_06-01-2019.txt']);
    expect(await names({ ...traffic, prefix: 'Austin_bt_summary_15_' })).toEqual(['Austin_bt_summary_15_06-02-2019.txt']);
  });

  it('accepts dates without zero padding and ignores dates that do not exist', async () => {
    touch('Austin_bt_6-2-2019.txt');
    touch('Austin_bt_02-30-2019.txt');
    expect(await names(traffic)).toEqual(['Austin_bt_6-2-2019.txt']);
  });

  it('matches the postfix case-sensitively', async () => {
    touch('Austin_bt_06-03-2019.TXT');
    touch('austin_bt_06-04-2019.txt');
    expect(await names(traffic)).toEqual([]);
  });

  it('looks at the top level only, and at regular files only', async () => {
    fs.mkdirSync(path.join(folder, 'Austin_bt_06-04-2019.txt'));
    fs.mkdirSync(path.join(folder, 'sub'));
    fs.writeFileSync(path.join(folder, 'sub', 'Austin_bt_06-05-2019.txt'), 'x');
    touch('Austin_bt_06-06-2019.txt');
    expect(await names(traffic)).toEqual(['Austin_bt_06-06-2019.txt']);
  });

  it('finds directories instead when asked to', async () => {
    fs.mkdirSync(path.join(folder, 'Austin_bt_06-04-2019.txt'));
    touch('Austin_bt_06-06-2019.txt');
    expect(await names({ ...traffic, findDirs: true })).toEqual(['Austin_bt_06-04-2019.txt']);
  });

  it('follows symbolic links and skips dangling ones', async () => {
    touch('real.bin');
    fs.symlinkSync(path.join(folder, 'real.bin'), path.join(folder, 'Austin_bt_06-07-2019.txt'));
    fs.symlinkSync(path.join(folder, 'missing.bin'), path.join(folder, 'Austin_bt_06-08-2019.txt'));
    expect(await names(traffic)).toEqual(['Austin_bt_06-07-2019.txt']);
  });

  it('reports a second file for the same date and keeps the first by name', async () => {
    touch('Austin_bt_6-1-2019.txt');
    touch('Austin_bt_06-01-2019.txt');
    const log = new MemoryLogger();
    expect(await names(traffic, log)).toEqual(['Austin_bt_06-01-2019.txt']);
    expect(log.lines).toEqual(['WARN Duplicate match found for file Austin_bt_6-1-2019.txt']);
  });

  it('uses %Y_%m_%d by default and reads the rest of the name when the postfix is empty', async () => {
    touch('raw_2019_06_01');
    touch('raw_2019_06_02.csv');
    expect(await names({ prefix: 'raw_', postfix: '' })).toEqual(['raw_2019_06_01']);
  });

  it('says clearly when the folder cannot be listed', async () => {
    await expect(findDateNamedFiles(path.join(folder, 'nope'), traffic, new MemoryLogger())).rejects.toBeInstanceOf(SourceFolderUnreadable);
  });
});
