// What every storage driver must do, as one jest suite each driver's spec runs against its own
// backend: byte-exact round trips, head/list/delete/copy, an absent object as ObjectNotFound, a
// failed write leaving nothing half-written, and the key and repository rules. Backend details
// (files on disk, multipart uploads, buckets, credentials) stay in the drivers' specs.
import { Readable } from 'node:stream';
import type { StorageDriver, StoredObject } from '@lake/core';
import { collect } from './collect';
import { openedPerCase, type StoreHooks } from './opened-per-case';

export interface StorageDriverFactory extends StoreHooks {
  /** A driver on a store holding the repositories "raw" and "ready", both empty after reset(). */
  open(): Promise<StorageDriver>;
}

/** Errors are checked by name and code, not class: a plugin may hold its own copy of @lake/core. */
const invalidKey = { name: 'InvalidStorageKey', code: 'INVALID_STORAGE_KEY' };

async function bytesOf(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/** A source that gives some bytes, then fails, like a download cut off midway. */
function brokenSource(partial?: string): Readable {
  return new Readable({
    read() {
      if (partial !== undefined) this.push(partial);
      this.destroy(new Error('source broke'));
    },
  });
}

export function describeStorageDriverConformance(name: string, factory: StorageDriverFactory): void {
  describe(name, () => {
    const open = openedPerCase(factory, () => factory.open());
    let driver: StorageDriver;
    const keys = async (repository: string, prefix?: string): Promise<string[]> => (await collect(driver.list(repository, prefix))).map((object) => object.key);
    const read = async (repository: string, key: string): Promise<Buffer> => bytesOf(await driver.read(repository, key));

    beforeEach(async () => {
      driver = await open();
    });

    it('writes, heads, reads, copies and deletes an object', async () => {
      const key = '2019/06/01/bt/Austin_bt_2019-06-01.json';
      const written = await driver.write('raw', key, Buffer.from('{"a":1}'));
      expect(written).toMatchObject({ key, size: 7 });
      expect(written.modified).toBeInstanceOf(Date);

      expect(await driver.head('raw', key)).toMatchObject({ key, size: 7 });
      expect((await read('raw', key)).toString()).toBe('{"a":1}');

      const copied = await driver.copy('raw', key, 'ready', 'copy/here.json');
      expect(copied).toMatchObject({ key: 'copy/here.json', size: 7 });
      expect((await read('ready', 'copy/here.json')).toString()).toBe('{"a":1}');

      await driver.delete('raw', key);
      expect(await driver.head('raw', key)).toBeNull();
      await expect(driver.delete('raw', key)).resolves.toBeUndefined();
    });

    it('round-trips every byte value exactly, from a Buffer and from a stream', async () => {
      const everyByte = Buffer.from(Array.from({ length: 256 }, (_, value) => value));
      await driver.write('raw', 'bytes/buffer.bin', everyByte);
      expect((await read('raw', 'bytes/buffer.bin')).equals(everyByte)).toBe(true);

      const kib = Buffer.alloc(1024, 0x41);
      const streamed = await driver.write('raw', 'bytes/stream.bin', Readable.from([kib.subarray(0, 100), kib.subarray(100)]));
      expect(streamed.size).toBe(1024);
      expect((await read('raw', 'bytes/stream.bin')).equals(kib)).toBe(true);

      await driver.write('raw', 'bytes/text.txt', Readable.from(['hello ', 'wörld']));
      expect((await read('raw', 'bytes/text.txt')).toString('utf8')).toBe('hello wörld');
    });

    it('stores an empty body as an empty object', async () => {
      expect(await driver.write('raw', 'empty.txt', Buffer.alloc(0))).toMatchObject({ size: 0 });
      expect(await read('raw', 'empty.txt')).toHaveLength(0);
    });

    it('replaces an existing object', async () => {
      await driver.write('raw', 'a.txt', Buffer.from('first, longer'));
      await driver.write('raw', 'a.txt', Buffer.from('second'));
      expect((await read('raw', 'a.txt')).toString()).toBe('second');
    });

    it('leaves no object when the source stream fails midway', async () => {
      await expect(driver.write('raw', 'a/b/c.json', brokenSource('partial data'))).rejects.toThrow('source broke');
      expect(await driver.head('raw', 'a/b/c.json')).toBeNull();
      expect(await keys('raw')).toEqual([]);
    });

    it('keeps the previous version when a replacement fails midway', async () => {
      await driver.write('raw', 'a.json', Buffer.from('good'));
      await expect(driver.write('raw', 'a.json', brokenSource())).rejects.toThrow('source broke');
      expect((await read('raw', 'a.json')).toString()).toBe('good');
    });

    it('throws ObjectNotFound naming repository and key for an absent object, on read and on copy', async () => {
      const absent = { name: 'ObjectNotFound', code: 'OBJECT_NOT_FOUND', repository: 'raw', key: 'no/such.json' };
      await expect(driver.read('raw', 'no/such.json')).rejects.toMatchObject(absent);
      await expect(driver.read('raw', 'no/such.json')).rejects.toThrow(/no\/such\.json.*raw/);
      await expect(driver.copy('raw', 'no/such.json', 'ready', 'x')).rejects.toMatchObject(absent);
    });

    it('treats a folder as no object', async () => {
      await driver.write('raw', 'folder/file.txt', Buffer.from('x'));
      expect(await driver.head('raw', 'folder')).toBeNull();
      await expect(driver.read('raw', 'folder')).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND' });
    });

    it('lists keys recursively in key order, filtered by prefix', async () => {
      for (const key of ['b/2.txt', 'a/x/1.txt', 'a-c.txt', 'a/0.txt', 'b/10.txt']) await driver.write('raw', key, Buffer.from(key));
      expect(await keys('raw')).toEqual(['a-c.txt', 'a/0.txt', 'a/x/1.txt', 'b/10.txt', 'b/2.txt']);
      expect(await keys('raw', 'a/')).toEqual(['a/0.txt', 'a/x/1.txt']);
      expect(await keys('raw', 'a')).toEqual(['a-c.txt', 'a/0.txt', 'a/x/1.txt']);
      expect(await keys('raw', 'b/1')).toEqual(['b/10.txt']);
      expect(await keys('ready')).toEqual([]);
    });

    it('reports size and modification time when listing', async () => {
      await driver.write('raw', 'x.txt', Buffer.from('12345'));
      const listed: StoredObject[] = await collect(driver.list('raw'));
      expect(listed).toHaveLength(1);
      expect(listed[0].size).toBe(5);
      expect(listed[0].modified).toBeInstanceOf(Date);
    });

    it('copies keys with spaces and non-ASCII characters between repositories', async () => {
      await driver.write('raw', 'with space/Zürich 1.txt', Buffer.from('odd key'));
      await driver.copy('raw', 'with space/Zürich 1.txt', 'ready', 'a b/ñ#?.txt');
      expect((await read('ready', 'a b/ñ#?.txt')).toString()).toBe('odd key');
      expect(await keys('ready')).toEqual(['a b/ñ#?.txt']);
    });

    it.each([['../escape.txt'], ['a/../../b'], ['/etc/passwd'], ['a\\b.txt'], [''], ['a//b'], ['./a']])('rejects the key %j', async (key) => {
      await expect(driver.write('raw', key, Buffer.from('x'))).rejects.toMatchObject(invalidKey);
      await expect(driver.head('raw', key)).rejects.toMatchObject(invalidKey);
    });

    it.each([['.'], ['..'], ['a/b'], [''], ['a\\b']])('rejects the repository %j', async (repository) => {
      await expect(driver.write(repository, 'x.txt', Buffer.from('x'))).rejects.toMatchObject(invalidKey);
    });
  });
}
