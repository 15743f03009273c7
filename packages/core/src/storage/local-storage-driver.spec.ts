// The storage contract (@lake/testing's conformance suite) on a folder, plus what is the folder's
// own: where the bytes land on disk, temp files, and leftovers of killed writers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { describeStorageDriverConformance } from '@lake/testing';
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

let sharedRoot: string;

describeStorageDriverConformance('LocalStorageDriver', {
  async reset() {
    sharedRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-local-storage-'));
  },
  async open() {
    return new LocalStorageDriver(sharedRoot);
  },
  async close() {
    fs.rmSync(sharedRoot, { recursive: true, force: true });
  },
});

describe('LocalStorageDriver on disk', () => {
  let root: string;
  let driver: LocalStorageDriver;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-local-storage-'));
    driver = new LocalStorageDriver(root);
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes an object to the file <root>/<repository>/<key>', async () => {
    const key = '2019/06/01/bt/Austin_bt_2019-06-01.json';
    await driver.write('raw', key, Buffer.from('{"a":1}'));
    expect(fs.readFileSync(path.join(root, 'raw', '2019', '06', '01', 'bt', 'Austin_bt_2019-06-01.json'), 'utf8')).toBe('{"a":1}');
    await driver.close();
  });

  it('throws core\'s own error classes', async () => {
    await expect(driver.read('raw', 'no/such.json')).rejects.toBeInstanceOf(ObjectNotFound);
    await expect(driver.copy('raw', 'no/such.json', 'raw', 'x')).rejects.toBeInstanceOf(ObjectNotFound);
    await expect(driver.head('raw', '../escape.txt')).rejects.toBeInstanceOf(InvalidStorageKey);
  });

  it('leaves no temp file when the source stream fails midway', async () => {
    const failing = new Readable({
      read() {
        this.push('partial data');
        this.destroy(new Error('source broke'));
      },
    });
    await expect(driver.write('raw', 'a/b/c.json', failing)).rejects.toThrow('source broke');
    expect(allFiles(path.join(root, 'raw'))).toEqual([]);
  });

  it('lists no temp files', async () => {
    await driver.write('raw', 'a/0.txt', Buffer.from('done'));
    fs.writeFileSync(path.join(root, 'raw', 'a', '.0.txt.123.lake-tmp'), 'unfinished');
    expect(await keys(driver, 'raw')).toEqual(['a/0.txt']);
    expect(await text(await driver.read('raw', 'a/0.txt'))).toBe('done');
  });

  it('rejects a key ending in the temp-file suffix', async () => {
    await expect(driver.write('raw', 'a/x.lake-tmp', Buffer.from('x'))).rejects.toBeInstanceOf(InvalidStorageKey);
    await expect(driver.head('raw', 'a/x.lake-tmp')).rejects.toBeInstanceOf(InvalidStorageKey);
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
