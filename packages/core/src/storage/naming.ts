// How the lake names its files and where it keeps them (core.md §5.1–§5.2). Every date part is
// the collection date's calendar day in the lake's zone, never the host's or UTC's: an instant at
// 03:00Z on June 1st is still May 31st in Austin.
import type { LakeTime } from '../time/lake-time';
import { UnsafeFileName } from './storage-errors';

/**
 * `<base>_<dataSource>_<YYYY-MM-DD><sep><ext>`: `sep` is `_` when the ext holds a dot
 * (`matched.json`), else `.` (`csv`). An empty ext leaves a bare trailing `.`, as upstream did.
 */
export function lakeFileName(base: string, dataSource: string, ext: string, date: Date, time: LakeTime): string {
  assertSafeNamePart('base', base);
  assertSafeNamePart('ext', ext);
  const separator = ext.includes('.') ? '_' : '.';
  return `${base}_${dataSource}_${time.calendarDate(date)}${separator}${ext}`;
}

/** `<YYYY>/<MM>/<DD>/<dataSource>`: the folder of a data source's files for one day. */
export function folderKey(dataSource: string, date: Date, time: LakeTime): string {
  const { year, month, day } = time.wall(date);
  return `${year}/${pad2(month)}/${pad2(day)}/${dataSource}`;
}

/** The storage key of a lake file: `YYYY/MM/DD/<dataSource>/<file name>`. */
export function lakeKey(base: string, dataSource: string, ext: string, date: Date, time: LakeTime): string {
  return `${folderKey(dataSource, date, time)}/${lakeFileName(base, dataSource, ext, date, time)}`;
}

/** The file name part of a key (text after the last `/`). */
export function fileNameOfKey(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

/**
 * Bases and exts often come from sources (a device's street names, a ZIP entry, a file name): a
 * separator in one would write outside the day's folder, or outside the repository.
 */
export function assertSafeNamePart(what: 'base' | 'ext', value: string): void {
  if (/[/\\\u0000-\u001f\u007f]/.test(value)) throw new UnsafeFileName(what, value);
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
