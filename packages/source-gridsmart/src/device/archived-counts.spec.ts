import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LakeTime, MemoryLogger } from '@lake/core';
import { readArchivedFolder } from './archived-counts';

describe('readArchivedFolder', () => {
  const time = new LakeTime('America/Chicago');
  let folder: string;
  let log: MemoryLogger;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-archived-'));
    log = new MemoryLogger();
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  function write(...names: string[]): void {
    for (const name of names) fs.writeFileSync(path.join(folder, name), name);
  }

  it('finds counts archives and site files named as the lake stores them', async () => {
    write('Lamar_Koenig_gs_2020-03-04.zip', 'Lamar_Koenig_gs_2020-03-05_site.json', 'Burnet_Richcreek_gs_2020-03-03.zip', 'Lamar_Koenig_gs_2020-03-04_a1b2.json', 'Lamar_Koenig_2020-03-04.zip', 'readme.txt');
    const found = await readArchivedFolder(folder, time, log);
    expect(found.zips.map((file) => `${file.base} ${file.day}`)).toEqual(['Burnet_Richcreek 2020-03-03', 'Lamar_Koenig 2020-03-04']);
    expect(found.zips[1]).toMatchObject({ path: path.join(folder, 'Lamar_Koenig_gs_2020-03-04.zip'), date: time.dayStart('2020-03-04') });
    expect([...found.siteFiles.keys()]).toEqual(['Lamar_Koenig']);
    expect(found.siteFiles.get('Lamar_Koenig')!.map((file) => file.day)).toEqual(['2020-03-05']);
  });

  it('takes the base as the text before the last _gs_', async () => {
    write('Big_gs_Lot_gs_2020-03-04.zip', 'Big_gs_Lot_gs_2020-03-04_site.json');
    const found = await readArchivedFolder(folder, time, log);
    expect(found.zips.map((file) => file.base)).toEqual(['Big_gs_Lot']);
    expect([...found.siteFiles.keys()]).toEqual(['Big_gs_Lot']);
  });

  it('orders a day\'s archives by base, and a base\'s site files by date', async () => {
    write('B_x_gs_2020-03-04.zip', 'A_x_gs_2020-03-04.zip', 'A_x_gs_2020-03-09_site.json', 'A_x_gs_2020-03-01_site.json');
    const found = await readArchivedFolder(folder, time, log);
    expect(found.zips.map((file) => file.base)).toEqual(['A_x', 'B_x']);
    expect(found.siteFiles.get('A_x')!.map((file) => file.day)).toEqual(['2020-03-01', '2020-03-09']);
  });

  it('ignores, with a warning, a name whose date is no calendar date', async () => {
    write('Lamar_Koenig_gs_2020-02-30.zip');
    expect((await readArchivedFolder(folder, time, log)).zips).toEqual([]);
    expect(log.text()).toContain('Lamar_Koenig_gs_2020-02-30.zip ignored: 2020-02-30 is not a calendar date');
  });

  it('reads links to files, and skips folders and dangling links', async () => {
    write('target.bin');
    fs.symlinkSync(path.join(folder, 'target.bin'), path.join(folder, 'Linked_x_gs_2020-03-04.zip'));
    fs.symlinkSync(path.join(folder, 'missing.bin'), path.join(folder, 'Dangling_x_gs_2020-03-04.zip'));
    fs.mkdirSync(path.join(folder, 'Folder_x_gs_2020-03-04.zip'));
    expect((await readArchivedFolder(folder, time, log)).zips.map((file) => file.base)).toEqual(['Linked_x']);
  });
});
