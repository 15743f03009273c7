// The `s3` storage driver: one bucket per repository, objects under the lake's keys. Uploads
// stream through lib-storage (one PUT for small bodies, multipart beyond one part), so memory
// stays at a few parts whatever the file size, and S3 shows an object only once it is complete.
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type _Object,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ConfigError, describeError, ObjectNotFound, silentLogger, type Logger, type StorageDriver, type StoredObject } from '@lake/core';
import { Readable } from 'node:stream';
import { bucketFor, checkKey, copySource } from './object-names';
import { BucketNotFound } from './s3-errors';
import { isNoSuchBucket, isNotFound, s3Failure, type S3Target } from './s3-failure';
import { checkCredentialPair, MIN_PART_SIZE, type S3StorageOptions } from './s3-storage-options';

const DEFAULT_QUEUE_SIZE = 4;
const DEFAULT_LIST_PAGE_SIZE = 1000;

export class S3StorageDriver implements StorageDriver {
  /** The SDK client, for what lake does not wrap (presigned URLs, bucket settings, …). */
  readonly client: S3Client;
  /** Buckets seen to exist, so a HEAD 404 (which has no body to tell "no bucket" from "no key") costs one HeadBucket per bucket. */
  private readonly knownBuckets = new Set<string>();

  constructor(
    private readonly options: S3StorageOptions = {},
    private readonly log: Logger = silentLogger,
  ) {
    checkCredentialPair(options);
    this.client = new S3Client(clientConfig(options));
  }

  /** The bucket a repository is stored in. */
  bucketOf(repository: string): string {
    return bucketFor(repository, this.options);
  }

  async write(repository: string, key: string, body: Readable | Buffer): Promise<StoredObject> {
    const target = this.target('write', repository, key);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: target.bucket, Key: key, Body: body },
      partSize: this.options.partSize ?? MIN_PART_SIZE,
      queueSize: this.options.queueSize ?? DEFAULT_QUEUE_SIZE,
      // We abort ourselves (below): lib-storage's own abort replaces the upload's error with the abort's.
      leavePartsOnError: true,
    });
    try {
      await upload.done();
    } catch (error) {
      // Unread input (S3 failed first) would otherwise hold its file descriptor open.
      if (body instanceof Readable) body.destroy();
      if (upload.uploadId) await this.abortMultipart(target, upload.uploadId);
      throw s3Failure(error, target);
    }
    this.knownBuckets.add(target.bucket);
    return this.stat(target);
  }

  async read(repository: string, key: string): Promise<Readable> {
    const target = this.target('read', repository, key);
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
      this.knownBuckets.add(target.bucket);
      return answer.Body as Readable;
    } catch (error) {
      throw s3Failure(error, target);
    }
  }

  async head(repository: string, key: string): Promise<StoredObject | null> {
    const target = this.target('read', repository, key);
    try {
      return await this.stat(target);
    } catch (error) {
      if (error instanceof ObjectNotFound) return null;
      throw error;
    }
  }

  /**
   * Every key starting with `prefix`, in S3's key order (UTF-8 bytes), page by page; folder
   * markers (`…/`) are skipped. S3 pages in key order; each page is sorted again because some
   * S3-compatible servers (s3rver) answer in file-system order.
   */
  async *list(repository: string, prefix = ''): AsyncIterable<StoredObject> {
    const target = this.target('list', repository);
    let continuationToken: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: target.bucket,
            Prefix: prefix || undefined,
            ContinuationToken: continuationToken,
            MaxKeys: this.options.listPageSize ?? DEFAULT_LIST_PAGE_SIZE,
          }),
        );
      } catch (error) {
        throw s3Failure(error, target);
      }
      this.knownBuckets.add(target.bucket);
      yield* objectsInKeyOrder(page.Contents ?? []);
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  /** Deleting an absent key is not an error (S3's own rule). */
  async delete(repository: string, key: string): Promise<void> {
    const target = this.target('delete', repository, key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: key }));
    } catch (error) {
      throw s3Failure(error, target);
    }
  }

  /** Server-side copy (no bytes pass through lake); objects up to S3's 5 GB CopyObject limit. */
  async copy(fromRepository: string, fromKey: string, toRepository: string, toKey: string): Promise<StoredObject> {
    const source = this.target('copy', fromRepository, fromKey);
    const destination = this.target('copy', toRepository, toKey);
    try {
      await this.client.send(new CopyObjectCommand({ Bucket: destination.bucket, Key: toKey, CopySource: copySource(source.bucket, fromKey) }));
    } catch (error) {
      if (isNoSuchBucket(error)) {
        // The answer does not say which of the two buckets is missing.
        await this.requireBucket(source);
        throw new BucketNotFound(destination.bucket, toRepository);
      }
      throw s3Failure(error, isNotFound(error) ? source : destination);
    }
    return this.stat(destination);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  /** An aborted multipart upload shows no object and frees its parts; failing that, S3 lifecycle rules must clean up. */
  private async abortMultipart(target: S3Target & { key: string }, uploadId: string): Promise<void> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, UploadId: uploadId }));
    } catch (error) {
      const failure = s3Failure(error, { ...target, operation: 'abort the multipart upload' });
      this.log.warn(`could not abort the failed upload of "${target.key}" in bucket "${target.bucket}" (its parts stay until removed): ${describeError(failure)}`);
    }
  }

  /** HEAD an object; ObjectNotFound when absent, BucketNotFound when its bucket is. */
  private async stat(target: S3Target & { key: string }): Promise<StoredObject> {
    try {
      const answer = await this.client.send(new HeadObjectCommand({ Bucket: target.bucket, Key: target.key }));
      this.knownBuckets.add(target.bucket);
      return { key: target.key, size: answer.ContentLength ?? 0, modified: answer.LastModified ?? new Date(0) };
    } catch (error) {
      if (!isNotFound(error)) throw s3Failure(error, target);
      await this.requireBucket(target);
      throw new ObjectNotFound(target.repository, target.key);
    }
  }

  private async requireBucket(target: S3Target): Promise<void> {
    if (this.knownBuckets.has(target.bucket)) return;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: target.bucket }));
    } catch (error) {
      if (isNotFound(error)) throw new BucketNotFound(target.bucket, target.repository);
      throw s3Failure(error, target);
    }
    this.knownBuckets.add(target.bucket);
  }

  private target(operation: string, repository: string): S3Target;
  private target(operation: string, repository: string, key: string): S3Target & { key: string };
  private target(operation: string, repository: string, key?: string): S3Target {
    if (key !== undefined) checkKey(key);
    return {
      operation,
      repository,
      bucket: this.bucketOf(repository),
      key,
      where: this.options.endpoint !== undefined ? withoutLogin(this.options.endpoint) : `AWS S3 (${this.options.region ?? 'default region'})`,
      secrets: [this.options.secretAccessKey ?? '', this.options.sessionToken ?? ''],
    };
  }
}

function objectsInKeyOrder(contents: _Object[]): StoredObject[] {
  return contents
    .filter((item): item is _Object & { Key: string } => item.Key !== undefined && !item.Key.endsWith('/'))
    .map((item) => ({ key: item.Key, size: item.Size ?? 0, modified: item.LastModified ?? new Date(0), bytes: Buffer.from(item.Key, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ key, size, modified }) => ({ key, size, modified }));
}

function clientConfig(options: S3StorageOptions): S3ClientConfig {
  const config: S3ClientConfig = {
    // S3-compatible servers rarely care about the region, but the SDK needs one to sign.
    region: options.region ?? (options.endpoint ? 'us-east-1' : undefined),
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
    requestChecksumCalculation: options.requestChecksumCalculation ?? 'WHEN_REQUIRED',
    responseChecksumValidation: options.responseChecksumValidation ?? 'WHEN_REQUIRED',
    maxAttempts: options.maxAttempts,
    requestHandler: { connectionTimeout: options.connectionTimeoutMs ?? 10_000, requestTimeout: options.socketTimeoutMs ?? 120_000 },
  };
  if (options.accessKeyId !== undefined && options.secretAccessKey !== undefined) {
    config.credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, sessionToken: options.sessionToken };
  }
  if (options.endpoint !== undefined && !/^https?:\/\/[^/]/.test(options.endpoint)) {
    throw new ConfigError(`storage.endpoint must be an http(s) URL, got "${withoutLogin(options.endpoint)}"`, 'e.g. "http://127.0.0.1:9000" for MinIO');
  }
  return config;
}

/** An endpoint as messages show it: a login written into it (`user:password@`) is hidden. */
function withoutLogin(endpoint: string): string {
  return endpoint.replace(/\/\/[^/@\s]+@/g, '//***@');
}
