// Finding the date-named files of a source folder (core.md §8.1–8.2), e.g.
// `Austin_bt_06-01-2019.txt` with prefix `Austin_bt_`, format `%m-%d-%Y`, postfix `.txt`.
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { LakeError, describeError } from '../errors';
import type { Logger } from '../log/logger';
import type { WallTime } from '../time/lake-time';
import { compileDateFormat } from './date-format';

export interface FilePattern {
  /** Case-sensitive start of the name. */
  prefix: string;
  /** strptime style; default `%Y_%m_%d`. */
  dateFormat?: string;
  /** Case-sensitive end of the name (may be empty). */
  postfix: string;
  /** Match directories instead of regular files. */
  findDirs?: boolean;
}

export const DEFAULT_DATE_FORMAT = '%Y_%m_%d';

/** A file whose name carries a date: the wall-clock fields as written, not yet placed in a zone. */
export interface DateNamedFile {
  wall: WallTime;
  name: string;
}

export class SourceFolderUnreadable extends LakeError {
  constructor(directory: string, cause: unknown) {
    super('SOURCE_FOLDER_UNREADABLE', `cannot list ${directory}: ${describeError(cause)}`, 'check the source directory option', 1, { cause });
  }
}

/**
 * The top-level entries of `directory` matching `pattern`, sorted by date. Two names with the same
 * date: the first in name order is kept and the other reported (upstream kept whichever the
 * directory listing gave first).
 */
export async function findDateNamedFiles(directory: string, pattern: FilePattern, log: Logger): Promise<DateNamedFile[]> {
  const dateFormat = compileDateFormat(pattern.dateFormat ?? DEFAULT_DATE_FORMAT);
  const found = new Map<string, DateNamedFile>();
  for (const entry of await listEntries(directory)) {
    const middle = middleOf(entry.name, pattern);
    if (middle === null) continue;
    const wall = dateFormat.parse(middle);
    if (!wall) continue;
    if (!(await isWantedKind(directory, entry, pattern.findDirs ?? false))) continue;
    const dateKey = wallKey(wall);
    if (found.has(dateKey)) {
      log.warn(`Duplicate match found for file ${entry.name}`);
      continue;
    }
    found.set(dateKey, { wall, name: entry.name });
  }
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, file]) => file);
}

/** The text between prefix and postfix, or null when the name lacks either. */
function middleOf(name: string, pattern: FilePattern): string | null {
  const { prefix, postfix } = pattern;
  if (name.length < prefix.length + postfix.length) return null;
  if (!name.startsWith(prefix) || !name.endsWith(postfix)) return null;
  return name.slice(prefix.length, name.length - postfix.length);
}

async function listEntries(directory: string): Promise<Dirent[]> {
  try {
    const entries = await fs.readdir(directory, { withFileTypes: true });
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    throw new SourceFolderUnreadable(directory, error);
  }
}

/** Symbolic links count as what they point to, as Python's isfile/isdir did. */
async function isWantedKind(directory: string, entry: Dirent, findDirs: boolean): Promise<boolean> {
  if (!entry.isSymbolicLink()) return findDirs ? entry.isDirectory() : entry.isFile();
  try {
    const target = await fs.stat(path.join(directory, entry.name));
    return findDirs ? target.isDirectory() : target.isFile();
  } catch {
    return false; // a dangling link is neither
  }
}

/** Sortable text of the wall-clock fields. */
function wallKey(wall: WallTime): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}
