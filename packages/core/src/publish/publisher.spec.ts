import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryLogger } from '../log/logger';
import { CsvPublishDriver } from './csv-publish-driver';
import type { PublishDriver, PublishResult, PublishRow, PublishWriteOptions } from './publish-driver';
import { Publisher, PublishDriverMissing } from './publisher';

class RecordingDriver implements PublishDriver {
  readonly batches: PublishRow[][] = [];
  readonly options: (PublishWriteOptions | undefined)[] = [];
  failNext = false;
  constructor(readonly preferredChunk = 10_000) {}
  async write(_dataset: string, rows: PublishRow[], options?: PublishWriteOptions): Promise<PublishResult> {
    this.options.push(options);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('HTTP 500');
    }
    this.batches.push(rows);
    return { created: rows.length, updated: 0, deleted: 0 };
  }
  async delete(): Promise<PublishResult> {
    return { created: 0, updated: 0, deleted: 0 };
  }
  async close(): Promise<void> {}
}

const rows = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ record_id: `r${from + i}`, n: from + i }));

describe('Publisher', () => {
  let dir: string;
  let log: MemoryLogger;
  let driver: RecordingDriver;

  const publisher = (options: Partial<ConstructorParameters<typeof Publisher>[0]> = {}) =>
    new Publisher({ driver, dataset: 'sh59-i6y9', log, ...options });
  async function publishAll(target: Publisher, count: number) {
    for (const row of rows(count)) await target.add(row);
    await target.flush();
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-publisher-'));
    log = new MemoryLogger();
    driver = new RecordingDriver();
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sends no request for 0 rows', async () => {
    const target = publisher();
    await target.flush();
    await target.close();
    expect(driver.batches).toEqual([]);
    expect(log.lines).toEqual([]);
  });

  it('sends exactly 10 000 rows in one request and no empty one after', async () => {
    const target = publisher();
    await publishAll(target, 10_000);
    await target.close();
    expect(driver.batches.map((batch) => batch.length)).toEqual([10_000]);
    expect(target.rowsWritten).toBe(10_000);
  });

  it('sends 10 001 rows as 10 000 + 1, and 25 000 as 10 000 + 10 000 + 5 000', async () => {
    await publishAll(publisher(), 10_001);
    expect(driver.batches.map((batch) => batch.length)).toEqual([10_000, 1]);

    driver = new RecordingDriver();
    await publishAll(publisher(), 25_000);
    expect(driver.batches.map((batch) => batch.length)).toEqual([10_000, 10_000, 5_000]);
  });

  it('logs each request with the rows already written', async () => {
    const target = publisher({ chunkSize: 2 });
    await publishAll(target, 3);
    expect(log.lines).toEqual(['INFO (At Row 0) writing 2 rows.', 'INFO (At Row 2) writing 1 rows.']);
  });

  it('uses the driver preferred chunk unless given one', async () => {
    driver = new RecordingDriver(3);
    await publishAll(publisher(), 7);
    expect(driver.batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(publisher({ chunkSize: 5 }).chunkSize).toBe(5);
    expect(() => publisher({ chunkSize: 0 })).toThrow(/positive integer/);
  });

  it('reset drops buffered rows and restarts the count', async () => {
    const target = publisher();
    await publishAll(target, 2);
    await target.add({ record_id: 'unsent' });
    target.reset();
    expect(target.rowsWritten).toBe(0);
    expect(target.pending).toBe(0);
    await target.close();
    expect(driver.batches.map((batch) => batch.length)).toEqual([2]);
  });

  it('keeps the rows buffered when the driver fails, so nothing is lost or counted', async () => {
    const target = publisher();
    await target.add({ record_id: 'a' });
    driver.failNext = true;
    await expect(target.flush()).rejects.toThrow('HTTP 500');
    expect(target.pending).toBe(1);
    expect(target.rowsWritten).toBe(0);
    await target.flush();
    expect(driver.batches).toEqual([[{ record_id: 'a' }]]);
  });

  it('close flushes what is left and refuses later rows', async () => {
    const target = publisher();
    await target.add({ record_id: 'a' });
    await target.close();
    expect(driver.batches).toEqual([[{ record_id: 'a' }]]);
    await expect(target.add({ record_id: 'b' })).rejects.toMatchObject({ code: 'PUBLISHER_CLOSED' });
  });

  it('simulating: calls no driver, says what it would have written, still writes the CSV side file', async () => {
    const target = publisher({ driver: null, simulate: true, outputPath: path.join(dir, 'out') });
    await publishAll(target, 2);
    await target.close();
    expect(log.text()).toContain('Simulation mode: would have written 2 rows to sh59-i6y9.');
    expect(fs.readFileSync(path.join(dir, 'out', 'sh59-i6y9.csv'), 'utf8')).toBe('record_id,n\r\nr0,0\r\nr1,1\r\n');
    expect(target.rowsWritten).toBe(2);
  });

  it('with an output path, sends rows and appends every source file to the same CSV', async () => {
    const target = publisher({ outputPath: dir });
    await publishAll(target, 2); // first source file
    target.reset();
    for (const row of [{ record_id: 'x', n: 9, extra: true }, { record_id: 'y' }]) await target.add(row); // second, heterogeneous
    await target.flush();
    await target.close();
    expect(driver.batches.map((batch) => batch.length)).toEqual([2, 2]);
    expect(fs.readFileSync(path.join(dir, 'sh59-i6y9.csv'), 'utf8')).toBe('record_id,n\r\nr0,0\r\nr1,1\r\nx,9\r\ny,\r\n');
    expect(log.text()).toContain('column "extra" is not in the CSV header');
  });

  it('passes its id column to the driver with every batch, and none without one', async () => {
    const target = publisher({ idColumn: 'record_id', chunkSize: 2 });
    await publishAll(target, 3);
    expect(target.idColumn).toBe('record_id');
    expect(driver.options).toEqual([{ idColumn: 'record_id' }, { idColumn: 'record_id' }]);

    driver = new RecordingDriver();
    await publishAll(publisher(), 1);
    expect(driver.options).toEqual([undefined]);
  });

  it('with an id column, publishing a file again after a run died half-way leaves one row per id', async () => {
    const csvDir = path.join(dir, 'publish');
    const killedDriver = new CsvPublishDriver(csvDir);
    const killed = new Publisher({ driver: killedDriver, dataset: 'ds', idColumn: 'record_id', chunkSize: 2, log });
    for (const row of rows(3)) await killed.add(row); // the first chunk is sent, then the process dies
    await killedDriver.close(); // (the OS would close its file)
    expect(fs.readFileSync(path.join(csvDir, 'ds.csv'), 'utf8')).toBe('record_id,n\r\nr0,0\r\nr1,1\r\n');

    const csv = new CsvPublishDriver(csvDir);
    const rerun = new Publisher({ driver: csv, dataset: 'ds', idColumn: 'record_id', chunkSize: 2, log });
    await publishAll(rerun, 3);
    await rerun.close();
    await csv.close();
    expect(fs.readFileSync(path.join(csvDir, 'ds.csv'), 'utf8')).toBe('record_id,n\r\nr0,0\r\nr1,1\r\nr2,2\r\n');
  });

  it('requires a driver unless simulating', () => {
    expect(() => publisher({ driver: null })).toThrow(PublishDriverMissing);
  });
});
