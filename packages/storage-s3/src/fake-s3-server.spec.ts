// Behaviour against a scripted S3 look-alike: paging, refusals and failures s3rver cannot produce.
import { MemoryLogger } from '@lake/core';
import { S3StorageDriver } from './s3-storage-driver';
import type { S3StorageOptions } from './s3-storage-options';
import { startFakeS3, listAnswer, s3Error, type FakeAnswer, type FakeRequest, type FakeS3 } from './test-support/fake-s3';
import { generatedBody } from './test-support/generated-body';
import { keysOf } from './test-support/s3rver-harness';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY-secret';
const MiB = 1024 * 1024;

describe('S3StorageDriver against a scripted S3 server', () => {
  let fake: FakeS3;
  let answer: (request: FakeRequest) => FakeAnswer;
  const drivers: S3StorageDriver[] = [];
  const driver = (options: S3StorageOptions = {}, log?: MemoryLogger) => {
    const created = new S3StorageDriver({ endpoint: fake.endpoint, accessKeyId: 'AKIAFAKE', secretAccessKey: SECRET, maxAttempts: 1, ...options }, log);
    drivers.push(created);
    return created;
  };

  beforeAll(async () => {
    fake = await startFakeS3((request) => answer(request));
  });
  afterAll(async () => {
    await Promise.all(drivers.map((created) => created.close()));
    await fake.stop();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  describe('listing', () => {
    // 2 500 keys, plus console-style folder markers that are not files.
    const keys = [...Array.from({ length: 2500 }, (_, index) => `2019/06/${String(index).padStart(4, '0')}.json`), '2019/', '2019/06/'].sort();

    beforeEach(() => {
      answer = (request) => listAnswer(keys, request.query);
    });

    it('follows continuation tokens through every page, in key order, without folder markers', async () => {
      const listed = await keysOf(driver().list('raw'));
      expect(listed).toHaveLength(2500);
      expect(listed).toEqual(keys.filter((key) => !key.endsWith('/')));
      expect(fake.requests.map((request) => request.query.has('continuation-token'))).toEqual([false, true, true]);
    });

    it('asks for listPageSize keys a page, and passes the prefix', async () => {
      const listed = await keysOf(driver({ listPageSize: 300 }).list('raw', '2019/06/1'));
      expect(listed).toHaveLength(1000);
      expect(listed[0]).toBe('2019/06/1000.json');
      expect(fake.requests.map((request) => request.query.get('max-keys'))).toEqual(['300', '300', '300', '300']);
      expect(fake.requests.every((request) => request.query.get('prefix') === '2019/06/1')).toBe(true);
    });

    it('reads size and modification time from the listing', async () => {
      const first = (await driver().list('raw')[Symbol.asyncIterator]().next()).value;
      expect(first).toEqual({ key: '2019/06/0000.json', size: 17, modified: new Date('2019-06-02T05:00:00Z') });
    });
  });

  describe('refusals', () => {
    it.each([
      ['AccessDenied', 'Access Denied'],
      ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'],
      ['InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'],
      ['ExpiredToken', 'The provided token has expired.'],
    ])('maps %s to S3_ACCESS_DENIED naming the bucket', async (code, message) => {
      answer = () => s3Error(403, code, message);
      const failure = driver().read('atd-datalake-raw', 'a.json');
      await expect(failure).rejects.toMatchObject({ code: 'S3_ACCESS_DENIED', message: `S3 refused to read in bucket "atd-datalake-raw" (${code})` });
      await expect(driver().write('atd-datalake-raw', 'a.json', Buffer.from('x'))).rejects.toMatchObject({ code: 'S3_ACCESS_DENIED' });
      await expect(keysOf(driver().list('atd-datalake-raw'))).rejects.toMatchObject({ code: 'S3_ACCESS_DENIED' });
    });

    it('maps a body-less 403 to a HEAD as S3_ACCESS_DENIED, not as a missing object', async () => {
      answer = () => ({ status: 403 });
      await expect(driver().head('raw', 'a.json')).rejects.toMatchObject({ code: 'S3_ACCESS_DENIED', hint: expect.stringContaining('403 rather than 404') });
    });
  });

  describe('failures', () => {
    it('reports other S3 errors with their code and status, never the secret key', async () => {
      answer = () => s3Error(500, 'InternalError', `internal error while checking ${SECRET}`);
      const error = await driver().read('raw', 'a.json').catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: 'S3_REQUEST_FAILED' });
      expect((error as Error).message).toBe('S3 read of "a.json" in bucket "raw" failed (InternalError, HTTP 500): internal error while checking ***');
      expect(JSON.stringify(error)).not.toContain(SECRET);
      expect((error as Error).stack).not.toContain(SECRET);
    });

    it('retries throttling and server errors (the SDK retry), up to maxAttempts', async () => {
      let calls = 0;
      answer = () => (++calls === 1 ? s3Error(503, 'SlowDown', 'Please reduce your request rate.') : { status: 200, body: 'payload', headers: { 'content-type': 'application/octet-stream' } });
      const body = await driver({ maxAttempts: 3 }).read('raw', 'a.json');
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('payload');
      expect(calls).toBe(2);
    });

    it('still reports the source failure when aborting the multipart upload fails, and warns about the leftover parts', async () => {
      answer = (request) => {
        if (request.method === 'POST' && request.query.has('uploads')) {
          return { status: 200, body: '<InitiateMultipartUploadResult><Bucket>raw</Bucket><Key>big.bin</Key><UploadId>upload-1</UploadId></InitiateMultipartUploadResult>' };
        }
        if (request.method === 'PUT' && request.query.has('partNumber')) return { status: 200, headers: { etag: '"part"' } };
        if (request.method === 'DELETE' && request.query.get('uploadId') === 'upload-1') return s3Error(500, 'InternalError', 'cannot abort now');
        return s3Error(400, 'Unexpected', `${request.method} ${request.path}`);
      };
      const log = new MemoryLogger();
      await expect(driver({}, log).write('raw', 'big.bin', generatedBody(20 * MiB, 6 * MiB).stream)).rejects.toThrow('source broke');
      expect(fake.requests.map((request) => request.method)).toEqual(['POST', 'PUT', 'DELETE']);
      expect(log.text()).toContain('could not abort the failed upload of "big.bin" in bucket "raw"');
      expect(log.text()).toContain('InternalError');
    });
  });

  describe('with an empty AWS environment', () => {
    let saved: NodeJS.ProcessEnv;
    beforeEach(() => {
      saved = { ...process.env };
      for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
      Object.assign(process.env, {
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        AWS_CONFIG_FILE: '/nonexistent/config',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      });
    });
    afterEach(() => {
      process.env = saved;
    });

    it('says which credentials to set when the SDK default chain finds none', async () => {
      const anonymous = new S3StorageDriver({ endpoint: fake.endpoint, maxAttempts: 1 });
      drivers.push(anonymous);
      await expect(anonymous.read('raw', 'a.json')).rejects.toMatchObject({ code: 'S3_NO_CREDENTIALS', hint: expect.stringContaining('storage.accessKeyId') });
      expect(fake.requests).toEqual([]);
    });

    it('asks for a region when neither the settings nor the environment give one', async () => {
      const regionless = new S3StorageDriver({ accessKeyId: 'AKIAFAKE', secretAccessKey: SECRET, maxAttempts: 1 });
      drivers.push(regionless);
      await expect(regionless.read('raw', 'a.json')).rejects.toMatchObject({ code: 'CONFIG', hint: expect.stringContaining('storage.region') });
    });
  });
});
