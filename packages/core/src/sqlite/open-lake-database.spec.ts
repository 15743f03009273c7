import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LakeDatabaseUnavailable, openLakeDatabase } from './open-lake-database';

describe('openLakeDatabase', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-db-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the parent folder, the tables, WAL mode and a busy timeout', () => {
    const file = path.join(dir, 'nested', 'home', 'lake.sqlite');
    const db = openLakeDatabase(file);
    try {
      expect(fs.existsSync(file)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['data_lake_catalog', 'etl_perfmet_job', 'etl_perfmet_obs']);
    } finally {
      db.close();
    }
  });

  it('keys the catalog like the PostgreSQL table', () => {
    const db = openLakeDatabase(path.join(dir, 'lake.sqlite'));
    try {
      const keyColumns = (db.prepare('PRAGMA table_info(data_lake_catalog)').all() as { name: string; pk: number }[])
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => column.name);
      expect(keyColumns).toEqual(['collection_date', 'repository', 'data_source', 'id_base', 'id_ext']);
    } finally {
      db.close();
    }
  });

  it('opens an existing file again without losing rows', () => {
    const file = path.join(dir, 'lake.sqlite');
    const first = openLakeDatabase(file);
    first.prepare("INSERT INTO etl_perfmet_job (data_source, stage, processing_date) VALUES ('Bluetooth', 'Ingest', 1)").run();
    first.close();
    const second = openLakeDatabase(file);
    try {
      expect(second.prepare('SELECT count(*) FROM etl_perfmet_job').pluck().get()).toBe(1);
    } finally {
      second.close();
    }
  });

  it('explains a file that is not a database', () => {
    const file = path.join(dir, 'not-a-database.sqlite');
    fs.writeFileSync(file, 'this is not SQLite, just some text long enough to have a header page '.repeat(20));
    let caught: unknown;
    try {
      openLakeDatabase(file).close();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LakeDatabaseUnavailable);
    expect((caught as LakeDatabaseUnavailable).code).toBe('LAKE_DATABASE_UNAVAILABLE');
    expect((caught as LakeDatabaseUnavailable).hint).toMatch(/catalog\.path/);
  });
});
