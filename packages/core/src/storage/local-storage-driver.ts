// The embedded storage: a folder per repository, one file per key, keys as relative paths.
// Writes go to a temp file beside the target and are renamed into place only once complete and
// synced, so a crash or a failing source stream never leaves a half file under a real key.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StorageDriver, StoredObject } from './storage-driver';
import { InvalidStorageKey, ObjectNotFound } from './storage-errors';
import { processIsAlive } from '../process/process-alive';

/** Suffix of in-flight writes; `list` never shows them and keys may not end with it. */
const TEMP_SUFFIX = '.lake-tmp';

export class LocalStorageDriver implements StorageDriver {
  constructor(readonly rootDir: string) {}

  async write(repository: string, key: string, body: Readable | Buffer): Promise<StoredObject> {
    const target = this.pathOf(repository, key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = tempPathBeside(target);
    try {
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      await pipeline(source, fs.createWriteStream(temp, { flags: 'wx' }));
      await syncFile(temp);
      await fs.promises.rename(temp, target);
      await removeStaleTemps(target);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    return storedObject(key, await fs.promises.stat(target));
  }

  async read(repository: string, key: string): Promise<Readable> {
    const file = this.pathOf(repository, key);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (error) {
      if (isMissing(error)) throw new ObjectNotFound(repository, key);
      throw error;
    }
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw new ObjectNotFound(repository, key);
    }
    return handle.createReadStream();
  }

  async head(repository: string, key: string): Promise<StoredObject | null> {
    try {
      const stats = await fs.promises.stat(this.pathOf(repository, key));
      return stats.isFile() ? storedObject(key, stats) : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** Every key starting with `prefix`, in key order (as S3 lists them), temp files excluded. */
  async *list(repository: string, prefix = ''): AsyncIterable<StoredObject> {
    yield* this.walk(this.repositoryPath(repository), '', prefix);
  }

  async delete(repository: string, key: string): Promise<void> {
    // Deleting an absent key is not an error, as in S3.
    await fs.promises.rm(this.pathOf(repository, key), { force: true });
  }

  async copy(fromRepository: string, fromKey: string, toRepository: string, toKey: string): Promise<StoredObject> {
    return this.write(toRepository, toKey, await this.read(fromRepository, fromKey));
  }

  async close(): Promise<void> {
    // Nothing held open between calls.
  }

  private async *walk(dir: string, keyPrefix: string, wanted: string): AsyncIterable<StoredObject> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    // Sorting a folder's entries by "name/" for folders and "name" for files makes the
    // depth-first walk produce keys in plain string order.
    const children = entries
      .filter((entry) => entry.isDirectory() || (entry.isFile() && !entry.name.endsWith(TEMP_SUFFIX)))
      .map((entry) => ({ entry, sortKey: keyPrefix + entry.name + (entry.isDirectory() ? '/' : '') }))
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    for (const { entry, sortKey } of children) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (sortKey.startsWith(wanted) || wanted.startsWith(sortKey)) yield* this.walk(full, sortKey, wanted);
      } else if (sortKey.startsWith(wanted)) {
        try {
          yield storedObject(sortKey, await fs.promises.stat(full));
        } catch (error) {
          if (!isMissing(error)) throw error; // deleted while listing
        }
      }
    }
  }

  private repositoryPath(repository: string): string {
    if (!repository || repository === '.' || repository === '..' || /[/\\\0]/.test(repository)) {
      throw new InvalidStorageKey('repository', repository, 'must be one folder name');
    }
    return path.join(this.rootDir, repository);
  }

  private pathOf(repository: string, key: string): string {
    checkKey(key);
    return path.join(this.repositoryPath(repository), ...key.split('/'));
  }
}

function checkKey(key: string): void {
  if (!key) throw new InvalidStorageKey('key', key, 'empty');
  if (key.includes('\\')) throw new InvalidStorageKey('key', key, 'backslashes are not allowed; use "/"');
  if (key.includes('\0')) throw new InvalidStorageKey('key', key, 'NUL characters are not allowed');
  if (key.startsWith('/') || path.isAbsolute(key)) throw new InvalidStorageKey('key', key, 'must be relative');
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new InvalidStorageKey('key', key, 'empty, "." and ".." path segments are not allowed');
    }
  }
  if (key.endsWith(TEMP_SUFFIX)) throw new InvalidStorageKey('key', key, `"${TEMP_SUFFIX}" marks unfinished writes`);
}

// Temp names carry the writer's pid, so a later write can tell a killed writer's leftovers from
// another live process's write in progress.
function tempPathBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomUUID()}${TEMP_SUFFIX}`);
}

/** Removes the temp files of this key that killed writers left behind; never fails the write. */
async function removeStaleTemps(target: string): Promise<void> {
  const prefix = `.${path.basename(target)}.`;
  try {
    for (const name of await fs.promises.readdir(path.dirname(target))) {
      if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
      const writer = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
      if (writer === process.pid || (writer > 0 && processIsAlive(writer))) continue;
      await fs.promises.rm(path.join(path.dirname(target), name), { force: true });
    }
  } catch {
    // Best effort: the write itself succeeded.
  }
}


// fsync is per file, so syncing through a second descriptor makes the data durable before rename.
async function syncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function storedObject(key: string, stats: fs.Stats): StoredObject {
  return { key, size: stats.size, modified: new Date(stats.mtimeMs) };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
