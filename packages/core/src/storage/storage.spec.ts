import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { CatalogEntry } from '../catalog/catalog-entry';
import { MemoryLogger } from '../log/logger';
import { LakeTime } from '../time/lake-time';
import { LocalStorageDriver } from './local-storage-driver';
import type { CatalogWriter, StorageOptions } from './storage';
import { Storage } from './storage';
import type { StorageDriver } from './storage-driver';
import { ObjectNotFound } from './storage-errors';

class RecordingCatalog implements CatalogWriter {
  readonly upserted: CatalogEntry[] = [];
  readonly staged: CatalogEntry[] = [];
  async upsert(entry: CatalogEntry): Promise<void> {
    this.upserted.push(entry);
  }
  stage(entry: CatalogEntry): void {
    this.staged.push(entry);
  }
}

const NOW = new Date('2019-06-03T15:00:00Z');
const time = new LakeTime('America/Chicago', () => NOW);
const june1 = time.dayStart('2019-06-01');
const KEY = '2019/06/01/bt/Austin_bt_2019-06-01_matched.json';
const id = { base: 'Austin', ext: 'matched.json', date: june1 };

describe('Storage', () => {
  let work: string;
  let driver: LocalStorageDriver;
  let catalog: RecordingCatalog;
  let log: MemoryLogger;

  const storage = (overrides: Partial<StorageOptions> = {}) =>
    new Storage({ driver, repository: 'ready', dataSource: 'bt', time, log, catalog, tempDir: path.join(work, 'tmp'), ...overrides });
  const stored = (key = KEY) => fs.readFileSync(path.join(work, 'lake', 'ready', ...key.split('/')), 'utf8');
  const storedExists = (key = KEY) => fs.existsSync(path.join(work, 'lake', 'ready', ...key.split('/')));

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-storage-'));
    driver = new LocalStorageDriver(path.join(work, 'lake'));
    catalog = new RecordingCatalog();
    log = new MemoryLogger();
  });

  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('names files and keys by the lake rule for its data source', () => {
    expect(storage().fileName('Austin', 'csv', june1)).toBe('Austin_bt_2019-06-01.csv');
    expect(storage().key('Austin', 'matched.json', june1)).toBe(KEY);
  });

  it('stores the file, then upserts a catalog entry with its pointer, now as processing date and metadata', async () => {
    const entry = await storage().write('hello', { ...id, metadata: { rows: 3 } });
    expect(stored()).toBe('hello');
    expect(entry).toEqual({
      repository: 'ready',
      dataSource: 'bt',
      base: 'Austin',
      ext: 'matched.json',
      pointer: KEY,
      collectionDate: june1,
      processingDate: NOW,
      metadata: { rows: 3 },
    });
    expect(catalog.upserted).toEqual([entry]);
    expect(catalog.staged).toEqual([]);
  });

  it('stages the catalog entry when asked, and keeps a given processing date and collection end', async () => {
    const processed = new Date('2019-06-02T10:00:00Z');
    const end = time.dayStart('2019-06-03');
    const entry = await storage().write(Buffer.from('x'), { ...id, processingDate: processed, collectionEnd: end }, { stageCatalog: true });
    expect(entry.processingDate).toBe(processed);
    expect(entry.collectionEnd).toBe(end);
    expect(catalog.staged).toEqual([entry]);
    expect(catalog.upserted).toEqual([]);
  });

  it('never sends a collection end nor metadata that were not given', async () => {
    const entry = await storage().write('x', id);
    expect('collectionEnd' in entry).toBe(false);
    expect('metadata' in entry).toBe(false);
  });

  it('streams a Readable body and round-trips JSON, writing null for NaN', async () => {
    await storage().write(Readable.from(['a', 'b', 'c']), { ...id, ext: 'txt' });
    expect(await storage().readText('2019/06/01/bt/Austin_bt_2019-06-01.txt')).toBe('abc');

    await storage().writeJson({ speed: NaN, name: 'x' }, id);
    expect(stored()).toBe('{"speed":null,"name":"x"}');
    expect(await storage().readJson(KEY)).toEqual({ speed: null, name: 'x' });
  });

  it('reads upstream JSON with bare NaN tokens', async () => {
    await driver.write('ready', KEY, Buffer.from('{"speed": NaN, "note": "NaN"}'));
    expect(await storage().readJson(KEY)).toEqual({ speed: null, note: 'NaN' });
  });

  it('writes a local file, and retrieves a stored one into the temp dir or a given folder', async () => {
    const source = path.join(work, 'source.txt');
    fs.writeFileSync(source, 'from disk');
    await storage().writeFile(source, id);
    expect(stored()).toBe('from disk');

    const retrieved = await storage().retrieveFile(KEY);
    expect(path.relative(path.join(work, 'tmp'), retrieved)).toMatch(/^retrieved-\w+[\\/]Austin_bt_2019-06-01_matched\.json$/);
    expect(fs.readFileSync(retrieved, 'utf8')).toBe('from disk');
    // Items running in parallel never share a copy.
    expect(await storage().retrieveFile(KEY)).not.toBe(retrieved);

    const elsewhere = await storage().retrieveFile(KEY, path.join(work, 'elsewhere'));
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('from disk');
  });

  it('throws ObjectNotFound reading a missing pointer and leaves no local file', async () => {
    await expect(storage().read('2019/06/01/bt/none.json')).rejects.toBeInstanceOf(ObjectNotFound);
    const before = fs.existsSync(path.join(work, 'tmp')) ? fs.readdirSync(path.join(work, 'tmp')) : [];
    await expect(storage().retrieveFile('2019/06/01/bt/none.json')).rejects.toBeInstanceOf(ObjectNotFound);
    expect(fs.readdirSync(path.join(work, 'tmp'))).toEqual(before);
  });

  it('simulating (-0): writes nothing to the driver nor the catalog, says what it skipped, returns the entry', async () => {
    const entry = await storage({ simulate: true }).write(Readable.from(['abc']), id);
    expect(entry.pointer).toBe(KEY);
    expect(storedExists()).toBe(false);
    expect(catalog.upserted).toEqual([]);
    expect(catalog.staged).toEqual([]);
    expect(log.text()).toContain(`Simulation mode: skipped writing buffer to repository ready: '${KEY}'`);

    const source = path.join(work, 'source.txt');
    fs.writeFileSync(source, 'x');
    await storage({ simulate: true }).writeFile(source, id, { stageCatalog: true });
    expect(storedExists()).toBe(false);
    expect(catalog.staged).toEqual([]);
  });

  it('with an output path (-o): keeps a flat local copy (creating the folder), stores and catalogues', async () => {
    const out = path.join(work, 'out', 'nested');
    await storage({ outputPath: out }).write(Readable.from(['local ', 'and stored']), id);
    expect(fs.readFileSync(path.join(out, 'Austin_bt_2019-06-01_matched.json'), 'utf8')).toBe('local and stored');
    expect(stored()).toBe('local and stored');
    expect(catalog.upserted).toHaveLength(1);
  });

  it('with -o and -0: writes the local copy only', async () => {
    const out = path.join(work, 'out');
    await storage({ outputPath: out, simulate: true }).writeJson([1, 2], id);
    expect(fs.readFileSync(path.join(out, 'Austin_bt_2019-06-01_matched.json'), 'utf8')).toBe('[1,2]');
    expect(storedExists()).toBe(false);
    expect(catalog.upserted).toEqual([]);
    expect(log.text()).toContain(`Simulation mode: skipped writing file '${path.join(out, 'Austin_bt_2019-06-01_matched.json')}'`);
  });

  it('with -o, writing the local copy itself does not truncate it', async () => {
    const out = path.join(work, 'out');
    fs.mkdirSync(out);
    const own = path.join(out, 'Austin_bt_2019-06-01_matched.json');
    fs.writeFileSync(own, 'already here');
    await storage({ outputPath: out }).writeFile(own, id);
    expect(fs.readFileSync(own, 'utf8')).toBe('already here');
    expect(stored()).toBe('already here');
  });

  it('writes no catalog entry when the driver write fails', async () => {
    const failing: StorageDriver = Object.assign(Object.create(driver) as StorageDriver, {
      write: async () => {
        throw new Error('disk full');
      },
    });
    await expect(storage({ driver: failing }).write('x', id)).rejects.toThrow('disk full');
    await expect(storage({ driver: failing }).write('x', id, { stageCatalog: true })).rejects.toThrow('disk full');
    expect(catalog.upserted).toEqual([]);
    expect(catalog.staged).toEqual([]);
  });

  it('writes no catalog entry when the source stream fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('source broke'));
      },
    });
    await expect(storage().write(failing, id)).rejects.toThrow('source broke');
    expect(storedExists()).toBe(false);
    expect(catalog.upserted).toEqual([]);
  });

  it('hands streams to the driver as streams, with or without -o, never as a whole buffer', async () => {
    const bodies: unknown[] = [];
    const recording: StorageDriver = Object.assign(Object.create(driver) as StorageDriver, {
      write: async (repository: string, key: string, body: Readable | Buffer) => {
        bodies.push(body);
        return driver.write(repository, key, body);
      },
    });
    await storage({ driver: recording }).write(Readable.from(['a']), id);
    await storage({ driver: recording, outputPath: path.join(work, 'out') }).write(Readable.from(['b']), id);
    expect(bodies.map((body) => body instanceof Readable)).toEqual([true, true]);
    expect(stored()).toBe('b');
  });

  it('works without a catalog', async () => {
    const entry = await storage({ catalog: null }).write('x', id);
    expect(entry.pointer).toBe(KEY);
    expect(stored()).toBe('x');
  });
});
