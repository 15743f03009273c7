// Opens the one SQLite file that holds the embedded catalog and perfmet tables. Several `lake`
// processes may use the file at once (a cron'd ingest while someone runs a report), so the file
// is in WAL mode (readers never block the writer) and every connection waits for a busy lock
// instead of failing with SQLITE_BUSY.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LakeError, describeError } from '../errors';
import { LAKE_SCHEMA_SQL } from './lake-schema';

export type LakeDatabase = Database.Database;

/** How long a connection waits for another process's write lock before giving up. */
export const LAKE_DATABASE_BUSY_TIMEOUT_MS = 10_000;

export class LakeDatabaseUnavailable extends LakeError {
  constructor(file: string, cause: unknown) {
    super(
      'LAKE_DATABASE_UNAVAILABLE',
      `cannot open the lake database ${file}: ${describeError(cause)}`,
      'check that the folder is writable and the file is a SQLite database (catalog.path / perfmet.path in lake.config.json)',
      1,
      { cause },
    );
  }
}

export function openLakeDatabase(file: string): LakeDatabase {
  let database: LakeDatabase | undefined;
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    database = new Database(file, { timeout: LAKE_DATABASE_BUSY_TIMEOUT_MS });
    database.pragma('journal_mode = WAL');
    // NORMAL is durable in WAL mode except for the last commits on power loss, which a re-run
    // of the stage repairs; FULL would fsync on every catalog flush.
    database.pragma('synchronous = NORMAL');
    const db = database;
    db.transaction(() => db.exec(LAKE_SCHEMA_SQL)).immediate();
    return db;
  } catch (error) {
    database?.close();
    throw new LakeDatabaseUnavailable(file, error);
  }
}
