// Where a lake object lives in S3: the repository names the bucket, the key is used as given.
import { InvalidStorageKey } from '@lake/core';
import type { S3StorageOptions } from './s3-storage-options';

/**
 * Bucket of a repository: an explicit mapping, else bucketPrefix + repository. "." and ".." are
 * refused as the local storage refuses them: in a path-style URL they are path steps, so a write
 * to ".." would land at another address and still report success.
 */
export function bucketFor(repository: string, options: Pick<S3StorageOptions, 'bucketPrefix' | 'buckets'>): string {
  if (!repository || repository === '.' || repository === '..' || /[/\\\s\0]/.test(repository)) {
    throw new InvalidStorageKey('repository', repository, 'must be one bucket-like name');
  }
  return options.buckets?.[repository] ?? `${options.bucketPrefix ?? ''}${repository}`;
}

/**
 * S3 would take almost any key, but lake keys must also be valid paths for the local driver, so
 * a lake can move between drivers: the same rule as the local storage (temp-file suffix aside,
 * S3 uploads need no temp files).
 */
export function checkKey(key: string): void {
  if (!key) throw new InvalidStorageKey('key', key, 'empty');
  if (key.includes('\\')) throw new InvalidStorageKey('key', key, 'backslashes are not allowed; use "/"');
  if (key.includes('\0')) throw new InvalidStorageKey('key', key, 'NUL characters are not allowed');
  if (key.startsWith('/')) throw new InvalidStorageKey('key', key, 'must be relative');
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new InvalidStorageKey('key', key, 'empty, "." and ".." path segments are not allowed');
    }
  }
}

/** CopyObject's source: `bucket/key`, URL-encoded per segment. */
export function copySource(bucket: string, key: string): string {
  return [bucket, ...key.split('/')].map(encodeURIComponent).join('/');
}
