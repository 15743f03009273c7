import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { LocalStorageDriver } from './local-storage-driver';
import { InvalidStorageKey, ObjectNotFound } from './storage-errors';

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

async function keys(driver: LocalStorageDriver, repository: string, prefix?: string): Promise<string[]> {
  const found: string[] = [];
  for await (const object of driver.list(repository, prefix)) found.push(object.key);
  return found;
}

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe('LocalStorageDriver', () => {
  let root: string;
  let driver: LocalStorageDriver;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-local-storage-'));
    driver = new LocalStorageDriver(root);
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes, heads, reads, copies and deletes an object', async () => {
    const key = '2019/06/01/bt/Austin_bt_2019-06-01.json';
    const written = await driver.write('raw', key, Buffer.from('{"a":1}'));
    expect(written).toMatchObject({ key, size: 7 });
    expect(fs.readFileSync(path.join(root, 'raw', '2019', '06', '01', 'bt', 'Austin_bt_2019-06-01.json'), 'utf8')).toBe('{"a":1}');

    expect(await driver.head('raw', key)).toMatchObject({ key, size: 7 });
    expect(await text(await driver.read('raw', key))).toBe('{"a":1}');

    const copied = await driver.copy('raw', key, 'ready', 'copy/here.json');
    expect(copied.key).toBe('copy/here.json');
    expect(await text(await driver.read('ready', 'copy/here.json'))).toBe('{"a":1}');

    await driver.delete('raw', key);
    expect(await driver.head('raw', key)).toBeNull();
    await expect(driver.delete('raw', key)).resolves.toBeUndefined();
    await driver.close();
  });

  it('streams a Readable body into place', async () => {
    await driver.write('raw', 'a/b.txt', Readable.from(['hello ', 'world']));
    expect(await text(await driver.read('raw', 'a/b.txt'))).toBe('hello world');
  });

  it('replaces an existing object', async () => {
    await driver.write('raw', 'a.txt', Buffer.from('first, longer'));
    await driver.write('raw', 'a.txt', Buffer.from('second'));
    expect(await text(await driver.read('raw', 'a.txt'))).toBe('second');
  });

  it('throws ObjectNotFound naming repository and key for an absent object', async () => {
    const failure = driver.read('raw', 'no/such.json');
    await expect(failure).rejects.toBeInstanceOf(ObjectNotFound);
    await expect(failure).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND', repository: 'raw', key: 'no/such.json' });
    await expect(driver.read('raw', 'no/such.json')).rejects.toThrow(/no\/such\.json.*raw/);
    await expect(driver.copy('raw', 'no/such.json', 'raw', 'x')).rejects.toBeInstanceOf(ObjectNotFound);
  });

  it('treats a folder as no object', async () => {
    await driver.write('raw', 'folder/file.txt', Buffer.from('x'));
    expect(await driver.head('raw', 'folder')).toBeNull();
    await expect(driver.read('raw', 'folder')).rejects.toBeInstanceOf(ObjectNotFound);
  });

  it('leaves neither the object nor a temp file when the source stream fails midway', async () => {
    const failing = new Readable({
      read() {
        this.push('partial data');
        this.destroy(new Error('source broke'));
      },
    });
    await expect(driver.write('raw', 'a/b/c.json', failing)).rejects.toThrow('source broke');
    expect(await driver.head('raw', 'a/b/c.json')).toBeNull();
    expect(allFiles(path.join(root, 'raw'))).toEqual([]);
  });

  it('keeps the previous version when a replacement fails midway', async () => {
    await driver.write('raw', 'a.json', Buffer.from('good'));
    const failing = new Readable({
      read() {
        this.destroy(new Error('source broke'));
      },
    });
    await expect(driver.write('raw', 'a.json', failing)).rejects.toThrow('source broke');
    expect(await text(await driver.read('raw', 'a.json'))).toBe('good');
  });

  it('lists keys recursively in key order, filtered by prefix, without temp files', async () => {
    for (const key of ['b/2.txt', 'a/x/1.txt', 'a-c.txt', 'a/0.txt', 'b/10.txt']) await driver.write('raw', key, Buffer.from(key));
    fs.writeFileSync(path.join(root, 'raw', 'a', '.0.txt.123.lake-tmp'), 'unfinished');

    expect(await keys(driver, 'raw')).toEqual(['a-c.txt', 'a/0.txt', 'a/x/1.txt', 'b/10.txt', 'b/2.txt']);
    expect(await keys(driver, 'raw', 'a/')).toEqual(['a/0.txt', 'a/x/1.txt']);
    expect(await keys(driver, 'raw', 'a')).toEqual(['a-c.txt', 'a/0.txt', 'a/x/1.txt']);
    expect(await keys(driver, 'raw', 'b/1')).toEqual(['b/10.txt']);
    expect(await keys(driver, 'empty-repository')).toEqual([]);
  });

  it('reports size and modification time when listing', async () => {
    await driver.write('raw', 'x.txt', Buffer.from('12345'));
    const [object] = await (async () => {
      const found = [];
      for await (const item of driver.list('raw')) found.push(item);
      return found;
    })();
    expect(object.size).toBe(5);
    expect(object.modified).toBeInstanceOf(Date);
  });

  it.each([['../escape.txt'], ['a/../../b'], ['/etc/passwd'], ['a\\b.txt'], [''], ['a//b'], ['./a'], ['a/x.lake-tmp']])(
    'rejects the key %j',
    async (key) => {
      await expect(driver.write('raw', key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidStorageKey);
      await expect(driver.head('raw', key)).rejects.toBeInstanceOf(InvalidStorageKey);
    },
  );

  it.each([['..'], ['a/b'], [''], ['a\\b']])('rejects the repository %j', async (repository) => {
    await expect(driver.write(repository, 'x.txt', Buffer.from('x'))).rejects.toMatchObject({ code: 'INVALID_STORAGE_KEY' });
  });
});

describe('LocalStorageDriver leftovers of killed writers', () => {
  const fsMod = jest.requireActual('node:fs') as typeof import('node:fs');
  const osMod = jest.requireActual('node:os') as typeof import('node:os');
  const pathMod = jest.requireActual('node:path') as typeof import('node:path');
  const { LocalStorageDriver: Driver } = jest.requireActual('./local-storage-driver') as typeof import('./local-storage-driver');

  it('removes a dead writer\'s temp file of the same key on the next write, and keeps a live writer\'s', async () => {
    const root = fsMod.mkdtempSync(pathMod.join(osMod.tmpdir(), 'lake-stale-'));
    try {
      const folder = pathMod.join(root, 'repo', '2019', '06', '01');
      fsMod.mkdirSync(folder, { recursive: true });
      const deadPid = 2 ** 22 + 12345; // above Linux's pid_max, so never alive
      const dead = pathMod.join(folder, `.f.txt.${deadPid}-abc.lake-tmp`);
      const live = pathMod.join(folder, `.f.txt.${process.ppid}-def.lake-tmp`);
      const otherKey = pathMod.join(folder, `.g.txt.${deadPid}-ghi.lake-tmp`);
      for (const file of [dead, live, otherKey]) fsMod.writeFileSync(file, 'partial');

      await new Driver(root).write('repo', '2019/06/01/f.txt', Buffer.from('complete'));

      expect(fsMod.readFileSync(pathMod.join(folder, 'f.txt'), 'utf8')).toBe('complete');
      expect(fsMod.existsSync(dead)).toBe(false);
      expect(fsMod.existsSync(live)).toBe(true);
      expect(fsMod.existsSync(otherKey)).toBe(true);
    } finally {
      fsMod.rmSync(root, { recursive: true, force: true });
    }
  });
});
