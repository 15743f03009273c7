import { InvalidStorageKey, ObjectNotFound } from '@lake/core';
import { describeStorageDriverConformance } from '@lake/testing';
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

  const emptyBuckets = async () => {
    for (const repository of ['raw', 'ready']) {
      for (const key of await keysOf(driver.list(repository))) await driver.delete(repository, key);
    }
  };
  afterEach(emptyBuckets);

  // Paging is tested against a fake S3 (fake-s3-server.spec.ts): s3rver's continuation tokens
  // use DES, which Node 17+ (OpenSSL 3) refuses, so it answers 500 to any second page. The
  // suite's 1024-byte streamed write is the PUT that default SDK checksums corrupt on s3rver
  // (TOOLCHAIN §4); its odd keys use only characters s3rver decodes (it applies decodeURI to the
  // copy source; S3 decodes "#" and "?" too).
  describeStorageDriverConformance('the storage contract', {
    reset: emptyBuckets,
    async open() {
      return s3.driver();
    },
  });

  it('throws core\'s own error classes', async () => {
    await expect(driver.read('raw', 'no/such.json')).rejects.toBeInstanceOf(ObjectNotFound);
    await expect(driver.read('raw', 'folder')).rejects.toBeInstanceOf(ObjectNotFound);
    await expect(driver.head('raw', '../escape.txt')).rejects.toBeInstanceOf(InvalidStorageKey);
  });

  // A repository names a bucket, and bucket names hold no whitespace (a folder name may).
  it('rejects a repository with a space', async () => {
    await expect(driver.write('a b', 'x.txt', Buffer.from('x'))).rejects.toMatchObject({ code: 'INVALID_STORAGE_KEY' });
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

  it('never shows a login written into the endpoint URL', async () => {
    const port = await closedPort();
    const withLogin = new S3StorageDriver({ endpoint: `http://minio:s3cr3t-in-url@127.0.0.1:${port}`, accessKeyId: 'x', secretAccessKey: 'y', maxAttempts: 1 });
    const error = await withLogin.read('raw', 'a.txt').catch((failure: unknown) => failure as Error);
    expect(error).toMatchObject({ code: 'S3_UNREACHABLE', message: expect.stringContaining(`http://***@127.0.0.1:${port}`) });
    expect(`${error.message} ${(error as { hint?: string }).hint}`).not.toContain('s3cr3t-in-url');
    await withLogin.close();
    expect(() => new S3StorageDriver({ endpoint: 'ftp://minio:s3cr3t-in-url@127.0.0.1:21' })).toThrow(/got "ftp:\/\/\*\*\*@127\.0\.0\.1:21"/);
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
