// Files archived from GRIDSMART devices, named as the lake stores them, for `gs:insert
// --sourcedir`: `<base>_gs_YYYY-MM-DD.zip` (counts) and `<base>_gs_YYYY-MM-DD_site.json` (site
// files). The base is the text before the LAST `_gs_`, so a base may itself hold `_gs_`.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SourceFolderUnreadable, isInRange, sameDayCutoff, type DateRange, type LakeTime, type Logger, type Provider, type ProviderItem } from '@lake/core';
import { ZIP_EXT } from '../gridsmart-names';

export interface ArchivedFile {
  path: string;
  base: string;
  /** `YYYY-MM-DD` of the name. */
  day: string;
  /** Its midnight in the lake zone. */
  date: Date;
}

/** A counts archive to import, with the site files of its base. */
export interface ArchivedCounts {
  kind: 'file';
  path: string;
  siteFiles: ArchivedFile[];
}

export interface ArchivedFolder {
  /** Counts archives, by date then base. */
  zips: ArchivedFile[];
  /** Site files by base, by date. */
  siteFiles: Map<string, ArchivedFile[]>;
}

/** The folder's counts archives inside the run's window (today withheld without an end date), by date then base. */
export function archivedCountsProvider(directory: string, time: LakeTime, log: Logger): Provider<ArchivedCounts> {
  return {
    async *items(range: DateRange): AsyncIterable<ProviderItem<ArchivedCounts>> {
      const cutoff = sameDayCutoff(range, time);
      const folder = await readArchivedFolder(directory, time, log);
      for (const zip of folder.zips) {
        if (!isInRange(zip.date, range) || (cutoff !== null && zip.date.getTime() >= cutoff.getTime())) continue;
        const payload: ArchivedCounts = { kind: 'file', path: zip.path, siteFiles: folder.siteFiles.get(zip.base) ?? [] };
        yield { base: zip.base, ext: ZIP_EXT, date: zip.date, dateEnd: null, label: zip.path, payload };
      }
    },
  };
}

const ARCHIVED_NAME = /^(.+)_gs_(\d{4}-\d{2}-\d{2})(\.zip|_site\.json)$/;

export async function readArchivedFolder(directory: string, time: LakeTime, log: Logger): Promise<ArchivedFolder> {
  const zips: ArchivedFile[] = [];
  const siteFiles = new Map<string, ArchivedFile[]>();
  for (const name of await regularFileNames(directory)) {
    const match = ARCHIVED_NAME.exec(name);
    if (!match) continue;
    const [, base, day, kind] = match;
    let date: Date;
    try {
      date = time.dayStart(day);
    } catch {
      log.warn(`${path.join(directory, name)} ignored: ${day} is not a calendar date`);
      continue;
    }
    const file = { path: path.join(directory, name), base, day, date };
    if (kind === '.zip') zips.push(file);
    else siteFiles.set(base, [...(siteFiles.get(base) ?? []), file]);
  }
  const byDateThenBase = (a: ArchivedFile, b: ArchivedFile) => a.date.getTime() - b.date.getTime() || (a.base < b.base ? -1 : a.base > b.base ? 1 : 0);
  zips.sort(byDateThenBase);
  for (const files of siteFiles.values()) files.sort(byDateThenBase);
  return { zips, siteFiles };
}

/** Names of the regular files in a folder (a link counts as what it points to), in name order. */
async function regularFileNames(directory: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch (error) {
    throw new SourceFolderUnreadable(directory, error);
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.isFile()) names.push(entry.name);
    else if (entry.isSymbolicLink()) {
      const target = await fs.stat(path.join(directory, entry.name)).catch(() => null);
      if (target?.isFile()) names.push(entry.name);
    }
  }
  return names.sort();
}
