import { InvalidStorageKey, ObjectNotFound } from '@lake/core';
import * as net from 'node:net';
import { Readable } from 'node:stream';
import { BucketNotFound } from './s3-errors';
import { S3StorageDriver } from './s3-storage-driver';
import { recordCommands } from './test-support/command-recorder';
import { generatedBody, sha256Of } from './test-support/generated-body';
import { bytesOf, keysOf, startS3rver, type RunningS3rver } from './test-support/s3rver-harness';

const MiB = 1024 * 1024;

describe('S3StorageDriver against an S3-protocol server (s3rver)', () => {
  let s3: RunningS3rver;
  let driver: S3StorageDriver;

  beforeAll(async () => {
    s3 = await startS3rver(['raw', 'ready', 'lake-raw']);
  });
  afterAll(async () => s3.stop());

  beforeEach(() => {
    driver = s3.driver();
  });

  afterEach(async () => {
    for (const repository of ['raw', 'ready']) {
      for (const key of await keysOf(driver.list(repository))) await driver.delete(repository, key);
    }
  });

  it('writes, heads, reads, copies and deletes an object', async () => {
    const key = '2019/06/01/bt/Austin_bt_2019-06-01.json';
    const written = await driver.write('raw', key, Buffer.from('{"a":1}'));
    expect(written).toMatchObject({ key, size: 7 });
    expect(written.modified).toBeInstanceOf(Date);

    expect(await driver.head('raw', key)).toMatchObject({ key, size: 7 });
    expect((await bytesOf(await driver.read('raw', key))).toString()).toBe('{"a":1}');

    const copied = await driver.copy('raw', key, 'ready', 'copy/here.json');
    expect(copied).toMatchObject({ key: 'copy/here.json', size: 7 });
    expect((await bytesOf(await driver.read('ready', 'copy/here.json'))).toString()).toBe('{"a":1}');

    await driver.delete('raw', key);
    expect(await driver.head('raw', key)).toBeNull();
    await expect(driver.delete('raw', key)).resolves.toBeUndefined();
  });

  it('round-trips every byte value exactly, from a Buffer and from a stream', async () => {
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, value) => value));
    await driver.write('raw', 'bytes/buffer.bin', everyByte);
    expect((await bytesOf(await driver.read('raw', 'bytes/buffer.bin'))).equals(everyByte)).toBe(true);

    // The streamed PUT that default SDK checksums corrupt on s3rver (TOOLCHAIN §4): 1024 bytes, not 1067.
    const kib = Buffer.alloc(1024, 0x41);
    const streamed = await driver.write('raw', 'bytes/stream.bin', Readable.from([kib.subarray(0, 100), kib.subarray(100)]));
    expect(streamed.size).toBe(1024);
    expect((await bytesOf(await driver.read('raw', 'bytes/stream.bin'))).equals(kib)).toBe(true);

    await driver.write('raw', 'bytes/text.txt', Readable.from(['hello ', 'wörld']));
    expect((await bytesOf(await driver.read('raw', 'bytes/text.txt'))).toString('utf8')).toBe('hello wörld');
  });

  it('stores an empty body as an empty object', async () => {
    expect(await driver.write('raw', 'empty.txt', Buffer.alloc(0))).toMatchObject({ size: 0 });
    expect(await bytesOf(await driver.read('raw', 'empty.txt'))).toHaveLength(0);
  });

  it('replaces an existing object', async () => {
    await driver.write('raw', 'a.txt', Buffer.from('first, longer'));
    await driver.write('raw', 'a.txt', Buffer.from('second'));
    expect((await bytesOf(await driver.read('raw', 'a.txt'))).toString()).toBe('second');
  });

  it('streams a 25 MB body up in 5 MiB parts and back byte-exact, holding only a few parts at a time', async () => {
    const size = 25 * MiB + 12_345;
    const streaming = s3.driver({ partSize: 5 * MiB, queueSize: 1 });
    const commands = recordCommands(streaming.client);
    const body = generatedBody(size);
    let uploaded = 0;
    let mostAhead = 0;
    commands.onPartUploaded = (bytes) => {
      mostAhead = Math.max(mostAhead, body.produced() - uploaded);
      uploaded += bytes;
    };

    const written = await streaming.write('raw', 'big/stream.bin', body.stream);

    expect(written.size).toBe(size);
    expect(commands.uploadedParts).toEqual([5 * MiB, 5 * MiB, 5 * MiB, 5 * MiB, 5 * MiB, 12_345]);
    expect(commands.names).toContain('CompleteMultipartUploadCommand');
    expect(commands.names).not.toContain('PutObjectCommand');
    // Read ahead of what S3 has acknowledged: the part in flight, the next one being filled.
    expect(mostAhead).toBeLessThanOrEqual(3 * 5 * MiB);
    expect(await sha256Of(await streaming.read('raw', 'big/stream.bin'))).toEqual({ sha256: body.sha256(), size });
  }, 60_000);

  it('sends a body smaller than one part as a single PUT', async () => {
    const commands = recordCommands(driver.client);
    await driver.write('raw', 'small.bin', generatedBody(300 * 1024).stream);
    expect(commands.names.filter((name) => name.includes('Multipart'))).toEqual([]);
    expect(commands.names).toContain('PutObjectCommand');
    expect((await driver.head('raw', 'small.bin'))?.size).toBe(300 * 1024);
  });

  it('leaves no object when the source stream fails before the first part is full', async () => {
    const commands = recordCommands(driver.client);
    await expect(driver.write('raw', 'a/b/c.json', generatedBody(MiB, 100 * 1024).stream)).rejects.toThrow('source broke');
    expect(commands.names).toEqual([]);
    expect(await driver.head('raw', 'a/b/c.json')).toBeNull();
  });

  it('aborts the multipart upload and leaves no object when the source fails after a part was sent', async () => {
    const commands = recordCommands(driver.client);
    await expect(driver.write('raw', 'a/big.bin', generatedBody(20 * MiB, 6 * MiB).stream)).rejects.toThrow('source broke');
    expect(commands.names).toEqual(expect.arrayContaining(['CreateMultipartUploadCommand', 'UploadPartCommand', 'AbortMultipartUploadCommand']));
    expect(commands.names).not.toContain('CompleteMultipartUploadCommand');
    expect(await driver.head('raw', 'a/big.bin')).toBeNull();
    expect(await keysOf(driver.list('raw'))).toEqual([]);
  }, 30_000);

  it('keeps the previous version when a replacement fails midway', async () => {
    await driver.write('raw', 'a.json', Buffer.from('good'));
    await expect(driver.write('raw', 'a.json', generatedBody(20 * MiB, 6 * MiB).stream)).rejects.toThrow('source broke');
    await expect(driver.write('raw', 'a.json', generatedBody(MiB, 0).stream)).rejects.toThrow('source broke');
    expect((await bytesOf(await driver.read('raw', 'a.json'))).toString()).toBe('good');
  }, 30_000);

  it('throws ObjectNotFound naming repository and key for an absent object', async () => {
    const failure = driver.read('raw', 'no/such.json');
    await expect(failure).rejects.toBeInstanceOf(ObjectNotFound);
    await expect(failure).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND', repository: 'raw', key: 'no/such.json' });
    await expect(driver.copy('raw', 'no/such.json', 'ready', 'x')).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND', repository: 'raw', key: 'no/such.json' });
  });

  it('treats a folder as no object', async () => {
    await driver.write('raw', 'folder/file.txt', Buffer.from('x'));
    expect(await driver.head('raw', 'folder')).toBeNull();
    await expect(driver.read('raw', 'folder')).rejects.toBeInstanceOf(ObjectNotFound);
  });

  // Paging is tested against a fake S3 (fake-s3-server.spec.ts): s3rver's continuation tokens
  // use DES, which Node 17+ (OpenSSL 3) refuses, so it answers 500 to any second page.
  it('lists keys in key order, filtered by prefix', async () => {
    for (const key of ['b/2.txt', 'a/x/1.txt', 'a-c.txt', 'a/0.txt', 'b/10.txt']) await driver.write('raw', key, Buffer.from(key));
    expect(await keysOf(driver.list('raw'))).toEqual(['a-c.txt', 'a/0.txt', 'a/x/1.txt', 'b/10.txt', 'b/2.txt']);
    expect(await keysOf(driver.list('raw', 'a/'))).toEqual(['a/0.txt', 'a/x/1.txt']);
    expect(await keysOf(driver.list('raw', 'a'))).toEqual(['a-c.txt', 'a/0.txt', 'a/x/1.txt']);
    expect(await keysOf(driver.list('raw', 'b/1'))).toEqual(['b/10.txt']);
    expect(await keysOf(driver.list('ready'))).toEqual([]);
  });

  it('reports size and modification time when listing', async () => {
    await driver.write('raw', 'x.txt', Buffer.from('12345'));
    const listed = [];
    for await (const object of driver.list('raw')) listed.push(object);
    expect(listed).toHaveLength(1);
    expect(listed[0].size).toBe(5);
    expect(listed[0].modified).toBeInstanceOf(Date);
  });

  // Only characters s3rver decodes (it uses decodeURI on the copy source; S3 decodes "#", "?" too).
  it('copies keys with spaces and non-ASCII characters between buckets', async () => {
    await driver.write('raw', 'with space/Zürich 1.txt', Buffer.from('odd key'));
    await driver.copy('raw', 'with space/Zürich 1.txt', 'ready', 'a b/ñ#?.txt');
    expect((await bytesOf(await driver.read('ready', 'a b/ñ#?.txt'))).toString()).toBe('odd key');
    expect(await keysOf(driver.list('ready'))).toEqual(['a b/ñ#?.txt']);
  });

  it('maps repositories to buckets by prefix or by an explicit map', async () => {
    const prefixed = s3.driver({ bucketPrefix: 'lake-' });
    expect(prefixed.bucketOf('raw')).toBe('lake-raw');
    await prefixed.write('raw', 'p.txt', Buffer.from('prefixed'));
    expect(await keysOf(driver.list('lake-raw'))).toEqual(['p.txt']);

    const mapped = s3.driver({ bucketPrefix: 'ignored-', buckets: { 'atd-datalake-raw': 'lake-raw' } });
    expect((await bytesOf(await mapped.read('atd-datalake-raw', 'p.txt'))).toString()).toBe('prefixed');
    await mapped.delete('atd-datalake-raw', 'p.txt');
    expect(await keysOf(driver.list('lake-raw'))).toEqual([]);
  });

  describe('a repository whose bucket does not exist', () => {
    const expectMissingBucket = async (attempt: Promise<unknown>, bucket = 'atd-datalake-nowhere') => {
      const error = await attempt.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(BucketNotFound);
      expect(error).toMatchObject({ code: 'BUCKET_NOT_FOUND', bucket });
      expect((error as Error).message).toContain(`"${bucket}"`);
      expect((error as BucketNotFound).hint).toMatch(/create the bucket|storage\.buckets/);
    };

    it('fails every operation with BUCKET_NOT_FOUND naming the bucket', async () => {
      await expectMissingBucket(driver.write('atd-datalake-nowhere', 'a.txt', Buffer.from('x')));
      await expectMissingBucket(driver.write('atd-datalake-nowhere', 'a.txt', Readable.from(['x'])));
      await expectMissingBucket(driver.read('atd-datalake-nowhere', 'a.txt'));
      await expectMissingBucket(driver.head('atd-datalake-nowhere', 'a.txt'));
      await expectMissingBucket(keysOf(driver.list('atd-datalake-nowhere')));
      await expectMissingBucket(driver.delete('atd-datalake-nowhere', 'a.txt'));
    });

    it('names the missing bucket of a copy, source or destination', async () => {
      await driver.write('raw', 'here.txt', Buffer.from('x'));
      await expectMissingBucket(driver.copy('raw', 'here.txt', 'atd-datalake-nowhere', 'a.txt'));
      await expectMissingBucket(s3.driver().copy('atd-datalake-nowhere', 'a.txt', 'raw', 'b.txt'));
    });

    it('closes a file stream it could not upload', async () => {
      const body = Readable.from(['never read']);
      await expectMissingBucket(driver.write('atd-datalake-nowhere', 'a.txt', body));
      expect(body.destroyed).toBe(true);
    });
  });

  it('answers unknown credentials with S3_ACCESS_DENIED, without the secret in the error', async () => {
    const stranger = s3.driver({ accessKeyId: 'AKIASTRANGER', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/not-for-logs' });
    const error = await stranger.write('raw', 'a.txt', Buffer.from('x')).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'S3_ACCESS_DENIED' });
    const shown = `${(error as Error).message} ${(error as { hint?: string }).hint} ${(error as Error).stack}`;
    expect(shown).toContain('"raw"');
    expect(shown).not.toContain('not-for-logs');
    expect(shown).not.toContain('AKIASTRANGER');
    await expect(stranger.read('raw', 'a.txt')).rejects.toMatchObject({ code: 'S3_ACCESS_DENIED' });
  });

  it('says it cannot reach an endpoint where nothing listens', async () => {
    const port = await closedPort();
    const nowhere = new S3StorageDriver({ endpoint: `http://127.0.0.1:${port}`, accessKeyId: 'x', secretAccessKey: 'y', maxAttempts: 1 });
    await expect(nowhere.read('raw', 'a.txt')).rejects.toMatchObject({ code: 'S3_UNREACHABLE', message: expect.stringContaining(`http://127.0.0.1:${port}`) });
    await nowhere.close();
  });

  it.each([['../escape.txt'], ['a/../../b'], ['/etc/passwd'], ['a\\b.txt'], [''], ['a//b'], ['./a']])('rejects the key %j', async (key) => {
    await expect(driver.write('raw', key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidStorageKey);
    await expect(driver.head('raw', key)).rejects.toBeInstanceOf(InvalidStorageKey);
  });

  it.each([['a/b'], [''], ['a\\b'], ['a b']])('rejects the repository %j', async (repository) => {
    await expect(driver.write(repository, 'x.txt', Buffer.from('x'))).rejects.toMatchObject({ code: 'INVALID_STORAGE_KEY' });
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
