// The s3 driver's settings: the `storage` block of lake.config.json, checked and typed.
import { ConfigError, type DriverConfig } from '@lake/core';

export const S3_DRIVER = 's3';

/** S3's smallest allowed part (every part but the last of a multipart upload). */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

export type ChecksumWhen = 'WHEN_REQUIRED' | 'WHEN_SUPPORTED';

export interface S3StorageOptions {
  /** Default: the AWS SDK's chain (AWS_REGION, profile), or us-east-1 when an endpoint is set. */
  region?: string;
  /** An S3-compatible server (MinIO, s3rver, …), e.g. http://127.0.0.1:9000. */
  endpoint?: string;
  /** Address buckets as `<endpoint>/<bucket>` rather than `<bucket>.<endpoint>`; default true when an endpoint is set. */
  forcePathStyle?: boolean;
  /** Both or neither; without them the AWS SDK's default credential chain is used. */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** Bucket = bucketPrefix + repository (default no prefix). */
  bucketPrefix?: string;
  /** Explicit bucket per repository name; wins over bucketPrefix. */
  buckets?: Record<string, string>;
  /** Bytes per multipart part (default and minimum 5 MiB); bodies larger than one part go multipart. */
  partSize?: number;
  /** Parts uploaded at once (default 4); memory held is about (queueSize + 1) × partSize. */
  queueSize?: number;
  /** Keys per ListObjectsV2 page, 1–1000 (default 1000). */
  listPageSize?: number;
  /** Attempts per request, the SDK retrying throttling, 5xx and connection errors (default 3). */
  maxAttempts?: number;
  /** Milliseconds to establish a connection (default 10 000). */
  connectionTimeoutMs?: number;
  /** Milliseconds a socket may stay idle mid-request (default 120 000). */
  socketTimeoutMs?: number;
  /**
   * Default WHEN_REQUIRED: with the SDK's WHEN_SUPPORTED, streamed uploads are sent aws-chunked
   * with a trailing checksum, which S3-compatible servers such as s3rver store as the object's bytes.
   */
  requestChecksumCalculation?: ChecksumWhen;
  responseChecksumValidation?: ChecksumWhen;
}

const TEXT_SETTINGS = ['region', 'endpoint', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'bucketPrefix'] as const;
const CHECKSUM_SETTINGS = ['requestChecksumCalculation', 'responseChecksumValidation'] as const;

/** Reads a `storage` config block; throws ConfigError (exit 2) naming the bad setting. */
export function s3OptionsFromSettings(settings: DriverConfig): S3StorageOptions {
  const options: S3StorageOptions = {};
  for (const name of TEXT_SETTINGS) {
    const value = settings[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new ConfigError(`storage.${name} must be text`);
    // An unset ${env:…} may leave an empty string: treat it as not given.
    if (value !== '' || name === 'bucketPrefix') options[name] = value;
  }
  if (settings.forcePathStyle !== undefined) {
    if (typeof settings.forcePathStyle !== 'boolean') throw new ConfigError('storage.forcePathStyle must be true or false');
    options.forcePathStyle = settings.forcePathStyle;
  }
  if (settings.buckets !== undefined) options.buckets = bucketMap(settings.buckets);
  integer(settings, 'partSize', MIN_PART_SIZE, 5 * 1024 ** 3, options);
  integer(settings, 'queueSize', 1, 64, options);
  integer(settings, 'listPageSize', 1, 1000, options);
  integer(settings, 'maxAttempts', 1, 20, options);
  integer(settings, 'connectionTimeoutMs', 1, 10 * 60_000, options);
  integer(settings, 'socketTimeoutMs', 1, 60 * 60_000, options);
  for (const name of CHECKSUM_SETTINGS) {
    const value = settings[name];
    if (value === undefined) continue;
    if (value !== 'WHEN_REQUIRED' && value !== 'WHEN_SUPPORTED') throw new ConfigError(`storage.${name} must be "WHEN_REQUIRED" or "WHEN_SUPPORTED"`);
    options[name] = value;
  }
  checkCredentialPair(options);
  return options;
}

/** Half a key pair is a mistake (often an unset environment variable), not a request for the default chain. */
export function checkCredentialPair(options: S3StorageOptions): void {
  if ((options.accessKeyId === undefined) !== (options.secretAccessKey === undefined)) {
    const missing = options.accessKeyId === undefined ? 'accessKeyId' : 'secretAccessKey';
    throw new ConfigError(
      `storage.${missing} is missing or empty while its pair is set`,
      'give both storage.accessKeyId and storage.secretAccessKey (e.g. "${env:AWS_SECRET_ACCESS_KEY}", and export it), or neither to use the AWS default credential chain',
    );
  }
}

function bucketMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError('storage.buckets must map repository names to bucket names', 'e.g. { "atd-datalake-raw": "my-raw-bucket" }');
  }
  const buckets: Record<string, string> = {};
  for (const [repository, bucket] of Object.entries(value)) {
    if (typeof bucket !== 'string' || bucket === '') throw new ConfigError(`storage.buckets.${repository} must be a bucket name`);
    buckets[repository] = bucket;
  }
  return buckets;
}

type IntegerSetting = 'partSize' | 'queueSize' | 'listPageSize' | 'maxAttempts' | 'connectionTimeoutMs' | 'socketTimeoutMs';

function integer(settings: DriverConfig, name: IntegerSetting, min: number, max: number, options: S3StorageOptions): void {
  const value = settings[name];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`storage.${name} must be a whole number from ${min} to ${max}`, name === 'partSize' ? 'S3 parts are at least 5 MiB (5242880 bytes)' : undefined);
  }
  options[name] = value;
}
