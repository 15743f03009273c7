import { ConfigError } from '@lake/core';
import { bucketFor } from './object-names';
import { S3StorageDriver } from './s3-storage-driver';
import { s3OptionsFromSettings } from './s3-storage-options';

describe('s3OptionsFromSettings', () => {
  it('reads every setting of the storage block', () => {
    expect(
      s3OptionsFromSettings({
        driver: 's3',
        region: 'us-east-2',
        endpoint: 'http://127.0.0.1:9000',
        forcePathStyle: false,
        accessKeyId: 'AKIA',
        secretAccessKey: 'secret',
        sessionToken: 'token',
        bucketPrefix: 'austin-',
        buckets: { 'atd-datalake-raw': 'raw-bucket' },
        partSize: 8 * 1024 * 1024,
        queueSize: 2,
        listPageSize: 500,
        maxAttempts: 5,
        connectionTimeoutMs: 2000,
        socketTimeoutMs: 30000,
        requestChecksumCalculation: 'WHEN_SUPPORTED',
        responseChecksumValidation: 'WHEN_SUPPORTED',
      }),
    ).toEqual({
      region: 'us-east-2',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: false,
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
      sessionToken: 'token',
      bucketPrefix: 'austin-',
      buckets: { 'atd-datalake-raw': 'raw-bucket' },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
      listPageSize: 500,
      maxAttempts: 5,
      connectionTimeoutMs: 2000,
      socketTimeoutMs: 30000,
      requestChecksumCalculation: 'WHEN_SUPPORTED',
      responseChecksumValidation: 'WHEN_SUPPORTED',
    });
  });

  it('needs nothing: region and credentials then come from the AWS SDK default chain', () => {
    expect(s3OptionsFromSettings({ driver: 's3' })).toEqual({});
  });

  it('treats empty text (an unset ${env:…}) as not given', () => {
    expect(s3OptionsFromSettings({ driver: 's3', region: '', accessKeyId: '', secretAccessKey: '' })).toEqual({});
  });

  it('refuses half a key pair, naming the missing half and not the given one', () => {
    const attempt = () => s3OptionsFromSettings({ driver: 's3', accessKeyId: 'AKIA', secretAccessKey: '' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow('storage.secretAccessKey is missing or empty');
    expect(() => s3OptionsFromSettings({ driver: 's3', secretAccessKey: 'topsecret' })).toThrow(/^storage\.accessKeyId is missing/);
    try {
      s3OptionsFromSettings({ driver: 's3', secretAccessKey: 'topsecret' });
    } catch (error) {
      expect(`${(error as ConfigError).message} ${(error as ConfigError).hint}`).not.toContain('topsecret');
      expect((error as ConfigError).exitCode).toBe(2);
    }
  });

  it.each([
    [{ partSize: 1024 }, 'storage.partSize must be a whole number from 5242880'],
    [{ queueSize: 0 }, 'storage.queueSize'],
    [{ listPageSize: 1001 }, 'storage.listPageSize'],
    [{ maxAttempts: 1.5 }, 'storage.maxAttempts'],
    [{ region: 7 }, 'storage.region must be text'],
    [{ forcePathStyle: 'yes' }, 'storage.forcePathStyle must be true or false'],
    [{ buckets: ['raw'] }, 'storage.buckets must map repository names to bucket names'],
    [{ buckets: { raw: '' } }, 'storage.buckets.raw must be a bucket name'],
    [{ requestChecksumCalculation: 'ALWAYS' }, 'storage.requestChecksumCalculation must be "WHEN_REQUIRED" or "WHEN_SUPPORTED"'],
  ])('refuses %j', (settings, message) => {
    expect(() => s3OptionsFromSettings({ driver: 's3', ...settings })).toThrow(message);
  });

  it('refuses an endpoint that is not an http(s) URL when the driver is built', () => {
    expect(() => new S3StorageDriver({ endpoint: '127.0.0.1:9000' })).toThrow('storage.endpoint must be an http(s) URL');
  });
});

describe('bucketFor', () => {
  it('uses the repository name, a prefix, or an explicit map (which wins)', () => {
    expect(bucketFor('atd-datalake-raw', {})).toBe('atd-datalake-raw');
    expect(bucketFor('atd-datalake-raw', { bucketPrefix: 'austin-' })).toBe('austin-atd-datalake-raw');
    expect(bucketFor('atd-datalake-raw', { bucketPrefix: 'austin-', buckets: { 'atd-datalake-raw': 'raw' } })).toBe('raw');
    expect(bucketFor('atd-datalake-ready', { buckets: { 'atd-datalake-raw': 'raw' } })).toBe('atd-datalake-ready');
  });
});
