// Core's Storage (naming, -o, -0, catalog rows) over the s3 driver and a real S3-protocol server.
import { LakeTime, MemoryLogger, Storage, type CatalogEntry, type CatalogWriter, type StorageOptions } from '@lake/core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { S3StorageDriver } from './s3-storage-driver';
import { generatedBody, sha256Of } from './test-support/generated-body';
import { bytesOf, startS3rver, type RunningS3rver } from './test-support/s3rver-harness';

const NOW = new Date('2019-06-03T15:00:00Z');
const time = new LakeTime('America/Chicago', () => NOW);
const june1 = time.dayStart('2019-06-01');
const KEY = '2019/06/01/bt/Austin_bt_2019-06-01_matched.json';
const id = { base: 'Austin', ext: 'matched.json', date: june1 };
const REPOSITORY = 'atd-datalake-ready';

/** Records rows, and whether the object was already in S3 when its row arrived. */
class CheckingCatalog implements CatalogWriter {
  readonly upserted: CatalogEntry[] = [];
  readonly staged: CatalogEntry[] = [];
  readonly objectExistedAtUpsert: boolean[] = [];
  constructor(private readonly driver: () => S3StorageDriver) {}
  async upsert(entry: CatalogEntry): Promise<void> {
    this.objectExistedAtUpsert.push((await this.driver().head(entry.repository, entry.pointer)) !== null);
    this.upserted.push(entry);
  }
  stage(entry: CatalogEntry): void {
    this.staged.push(entry);
  }
}

describe('core Storage over the s3 driver', () => {
  let s3: RunningS3rver;
  let driver: S3StorageDriver;
  let work: string;
  let catalog: CheckingCatalog;
  let log: MemoryLogger;

  const storage = (overrides: Partial<StorageOptions> = {}) =>
    new Storage({ driver, repository: REPOSITORY, dataSource: 'bt', time, log, catalog, tempDir: path.join(work, 'tmp'), ...overrides });
  const stored = async (key = KEY) => (await bytesOf(await driver.read(REPOSITORY, key))).toString('utf8');
  const storedExists = async (key = KEY) => (await driver.head(REPOSITORY, key)) !== null;

  beforeAll(async () => {
    s3 = await startS3rver([REPOSITORY]);
  });
  afterAll(async () => s3.stop());

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-s3-storage-'));
    driver = s3.driver();
    catalog = new CheckingCatalog(() => driver);
    log = new MemoryLogger();
  });

  afterEach(async () => {
    if (await storedExists()) await driver.delete(REPOSITORY, KEY);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('uploads under the lake key, then upserts the catalog row pointing at it', async () => {
    const entry = await storage().write(Readable.from(['{"a":', '1}']), { ...id, metadata: { rows: 1 } });
    expect(entry).toMatchObject({ repository: REPOSITORY, dataSource: 'bt', pointer: KEY, collectionDate: june1, processingDate: NOW });
    expect(await stored()).toBe('{"a":1}');
    expect(catalog.upserted).toEqual([entry]);
    expect(catalog.objectExistedAtUpsert).toEqual([true]);
    expect(await storage().readJson(KEY)).toEqual({ a: 1 });
  });

  it('stages the row when asked', async () => {
    const entry = await storage().writeJson({ speed: NaN }, id, { stageCatalog: true });
    expect(catalog.staged).toEqual([entry]);
    expect(catalog.upserted).toEqual([]);
    expect(await stored()).toBe('{"speed":null}');
  });

  it('writes no catalog row when the bucket is missing', async () => {
    await expect(storage({ repository: 'atd-datalake-missing' }).write('x', id)).rejects.toMatchObject({ code: 'BUCKET_NOT_FOUND', bucket: 'atd-datalake-missing' });
    expect(catalog.upserted).toEqual([]);
  });

  it('writes neither object nor row when the source stream fails', async () => {
    await expect(storage().write(generatedBody(8 * 1024 * 1024, 6 * 1024 * 1024).stream, id)).rejects.toThrow('source broke');
    expect(await storedExists()).toBe(false);
    expect(catalog.upserted).toEqual([]);
  }, 30_000);

  it('with -o: keeps the flat local copy and uploads it', async () => {
    const out = path.join(work, 'out');
    const body = generatedBody(6 * 1024 * 1024 + 5);
    await storage({ outputPath: out }).write(body.stream, id);
    const local = path.join(out, 'Austin_bt_2019-06-01_matched.json');
    expect(await sha256Of(fs.createReadStream(local))).toEqual({ sha256: body.sha256(), size: 6 * 1024 * 1024 + 5 });
    expect(await sha256Of(await driver.read(REPOSITORY, KEY))).toEqual({ sha256: body.sha256(), size: 6 * 1024 * 1024 + 5 });
    expect(catalog.upserted).toHaveLength(1);
  }, 30_000);

  it('simulating (-0): uploads nothing and writes no row, and says what it skipped', async () => {
    const entry = await storage({ simulate: true }).write(Readable.from(['abc']), id);
    expect(entry.pointer).toBe(KEY);
    expect(await storedExists()).toBe(false);
    expect(catalog.upserted).toEqual([]);
    expect(log.text()).toContain(`Simulation mode: skipped writing buffer to repository ${REPOSITORY}: '${KEY}'`);
  });

  it('with -o and -0: writes the local copy only', async () => {
    const out = path.join(work, 'out');
    await storage({ outputPath: out, simulate: true }).writeJson([1, 2], id);
    expect(fs.readFileSync(path.join(out, 'Austin_bt_2019-06-01_matched.json'), 'utf8')).toBe('[1,2]');
    expect(await storedExists()).toBe(false);
    expect(catalog.upserted).toEqual([]);
  });

  it('retrieves a stored file into the temp dir, and fails cleanly for a missing pointer', async () => {
    await storage().write('from s3', id);
    const retrieved = await storage().retrieveFile(KEY);
    expect(path.relative(path.join(work, 'tmp'), retrieved)).toMatch(/^retrieved-\w+[\\/]Austin_bt_2019-06-01_matched\.json$/);
    expect(fs.readFileSync(retrieved, 'utf8')).toBe('from s3');
    // Items running in parallel never share a copy.
    expect(await storage().retrieveFile(KEY)).not.toBe(retrieved);

    const before = fs.existsSync(path.join(work, 'tmp')) ? fs.readdirSync(path.join(work, 'tmp')) : [];
    await expect(storage().retrieveFile('2019/06/01/bt/none.json')).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND' });
    expect(fs.readdirSync(path.join(work, 'tmp'))).toEqual(before);
  });
});
