import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryLogger } from '../log/logger';
import { CsvPublishDriver } from './csv-publish-driver';

describe('CsvPublishDriver shared by two writers', () => {
  let dir: string;
  const upsert = { idColumn: 'record_id' };
  const rows = (ids: number[], value: string) => ids.map((id) => ({ record_id: `r${id}`, value }));
  const dataRows = () => fs.readFileSync(path.join(dir, 'ds.csv'), 'utf8').split('\r\n').slice(1, -1);
  const lockPath = () => path.join(dir, 'ds.csv.lock');
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-csv-lock-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('two drivers writing interleaved batches with overlapping ids end with one row per id', async () => {
    const first = new CsvPublishDriver(dir);
    const second = new CsvPublishDriver(dir);
    const writes: Promise<unknown>[] = [];
    for (let batch = 0; batch < 6; batch++) {
      writes.push(first.write('ds', rows(range(batch * 10, batch * 10 + 15), 'first'), upsert));
      writes.push(second.write('ds', rows(range(batch * 10 + 5, batch * 10 + 20), 'second'), upsert));
    }
    await Promise.all(writes);
    expect(await first.write('ds', rows([0], 'again'), upsert)).toEqual({ created: 0, updated: 1, deleted: 0 });
    expect(await second.write('ds', rows([69], 'again'), upsert)).toEqual({ created: 0, updated: 1, deleted: 0 });
    await Promise.all([first.close(), second.close()]);
    const ids = dataRows().map((line) => line.split(',')[0]);
    expect(ids.length).toBe(70);
    expect(new Set(ids)).toEqual(new Set(range(0, 70).map((id) => `r${id}`)));
    expect(fs.readdirSync(dir)).toEqual(['ds.csv']);
  });

  it('sees the rows another driver deleted', async () => {
    const first = new CsvPublishDriver(dir);
    const second = new CsvPublishDriver(dir);
    await first.write('ds', rows([1, 2], 'v1'), upsert);
    expect(await second.delete('ds', 'record_id', ['r2'])).toMatchObject({ deleted: 1 });
    expect(await first.write('ds', rows([2], 'v2'), upsert)).toMatchObject({ created: 1, updated: 0 });
    expect(dataRows()).toEqual(['r1,v1', 'r2,v2']);
  });

  it('takes over the lock a dead process left, and removes it afterwards', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    fs.writeFileSync(lockPath(), `${dead}\n`);
    const log = new MemoryLogger();
    const driver = new CsvPublishDriver(dir, log);
    expect(await driver.write('ds', rows([1], 'v'), upsert)).toMatchObject({ created: 1 });
    expect(dataRows()).toEqual(['r1,v']);
    expect(fs.existsSync(lockPath())).toBe(false);
    expect(log.text()).toContain(`process ${dead}`);
  });

  it('waits while a live process holds the lock, then proceeds', async () => {
    fs.writeFileSync(lockPath(), `${process.pid}\n`);
    const driver = new CsvPublishDriver(dir);
    let done = false;
    const write = driver.write('ds', rows([1], 'v'), upsert).then((result) => {
      done = true;
      return result;
    });
    // Let the writer find the lock held and retry a few times.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    expect(fs.existsSync(path.join(dir, 'ds.csv'))).toBe(false);
    fs.rmSync(lockPath());
    expect(await write).toMatchObject({ created: 1 });
    expect(dataRows()).toEqual(['r1,v']);
    expect(fs.existsSync(lockPath())).toBe(false);
  });

  it('gives up with PUBLISH_LOCKED naming the holder when the wait runs out', async () => {
    fs.writeFileSync(lockPath(), `${process.pid}\n`);
    const driver = new CsvPublishDriver(dir, undefined, { lockWaitMs: 50 });
    const failure = driver.write('ds', rows([1], 'v'), upsert);
    await expect(failure).rejects.toMatchObject({ code: 'PUBLISH_LOCKED' });
    await expect(failure).rejects.toThrow(`process ${process.pid}`);
    expect(fs.readFileSync(lockPath(), 'utf8')).toBe(`${process.pid}\n`);
  });
});
