// Looks into a sandbox's lake from the test process while `lake` runs: the catalog (one
// connection to the same SQLite file, which is in WAL mode, so reading never blocks the run),
// files an unfinished write left, and how many rows a growing CSV holds.
import { closeSync, existsSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openLakeDatabase, type LakeDatabase } from '@lake/core';

export interface CatalogRow {
  repository: string;
  data_source: string;
  id_base: string;
  id_ext: string;
  pointer: string;
  collection_date: number;
}

/** Suffix of the embedded storage's (and CSV publisher's) in-flight writes. */
export const TEMP_SUFFIX = '.lake-tmp';

export class LakeProbe {
  private database: LakeDatabase | null = null;

  constructor(readonly home: string) {}

  /** Catalog rows of a repository (only those whose ext is one of `exts`, when given), in pointer order. */
  catalog(repository: string, exts?: readonly string[]): CatalogRow[] {
    const rows = this.db()
      .prepare('SELECT repository, data_source, id_base, id_ext, pointer, collection_date FROM data_lake_catalog WHERE repository = ? ORDER BY pointer, id_ext')
      .all(repository) as CatalogRow[];
    return exts ? rows.filter((row) => exts.includes(row.id_ext)) : rows;
  }

  close(): void {
    this.database?.close();
    this.database = null;
  }

  private db(): LakeDatabase {
    this.database ??= openLakeDatabase(path.join(this.home, 'lake.sqlite'));
    return this.database;
  }
}

/** Every `*.lake-tmp` file under `dir`, relative to it. */
export function tempFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => name.endsWith(TEMP_SUFFIX)).sort();
}

/**
 * Counts the line ends of a file that only grows, reading only what was added since the last
 * call (a file replaced by a rewrite, seen as a new inode or a smaller size, is counted anew).
 */
export class GrowingFileLines {
  private inode = -1;
  private offset = 0;
  private count = 0;

  constructor(readonly file: string) {}

  lines(): number {
    if (!existsSync(this.file)) return 0;
    const stats = statSync(this.file);
    if (stats.ino !== this.inode || stats.size < this.offset) {
      this.inode = stats.ino;
      this.offset = 0;
      this.count = 0;
    }
    const fd = openSync(this.file, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      for (;;) {
        const read = readSync(fd, buffer, 0, buffer.length, this.offset);
        if (read === 0) break;
        for (let index = 0; index < read; index++) if (buffer[index] === 0x0a) this.count++;
        this.offset += read;
      }
    } finally {
      closeSync(fd);
    }
    return this.count;
  }
}
