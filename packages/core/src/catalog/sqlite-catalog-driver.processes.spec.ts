// Two `lake` processes writing one embedded catalog at once: cron'd stages overlap in practice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forkTs } from '@lake/testing';
import { LakeTime } from '../time/lake-time';
import { SqliteCatalogDriver } from './sqlite-catalog-driver';

const WRITER = path.join(__dirname, '..', 'test-support', 'concurrent-catalog-writer.ts');
const BATCHES = 200;
const BATCH_SIZE = 10;

describe('SqliteCatalogDriver used by several processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-catalog-processes-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every row when two processes create and write the same file at once', async () => {
    const file = path.join(dir, 'lake.sqlite');
    const results = await Promise.all(
      ['WriterA', 'WriterB'].map((writer) => forkTs(WRITER, [file, writer, String(BATCHES), String(BATCH_SIZE)])),
    );
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ written: BATCHES * BATCH_SIZE, reads: BATCHES * 5 });
    }

    const time = new LakeTime('America/Chicago');
    const driver = SqliteCatalogDriver.open(file, time);
    try {
      for (const writer of ['WriterA', 'WriterB']) {
        const pointers: string[] = [];
        for await (const row of driver.query({ repository: 'atd-datalake-raw', dataSource: 'bt', base: writer })) pointers.push(row.pointer);
        expect(pointers).toHaveLength(BATCHES * BATCH_SIZE);
        expect(new Set(pointers).size).toBe(BATCHES * BATCH_SIZE);
      }
    } finally {
      await driver.close();
    }
  }, 120_000);
});
