// A storage driver that refuses chosen writes, wrapped around a real one: the loop must then
// leave no catalog row for the file that was not stored.
import { Readable } from 'node:stream';
import { LakeError } from '../errors';
import type { StorageDriver, StoredObject } from '../storage/storage-driver';

export class StorageUnavailable extends LakeError {
  constructor(key: string) {
    super('STORAGE_UNAVAILABLE', `storage refused ${key}`);
  }
}

export class FlakyStorageDriver implements StorageDriver {
  readonly refused: string[] = [];

  constructor(
    private readonly inner: StorageDriver,
    /** Writes whose key contains this text fail. */
    private readonly failKeysContaining: string,
  ) {}

  async write(repository: string, key: string, body: Readable | Buffer): Promise<StoredObject> {
    if (key.includes(this.failKeysContaining)) {
      this.refused.push(key);
      if (body instanceof Readable) body.destroy();
      throw new StorageUnavailable(key);
    }
    return this.inner.write(repository, key, body);
  }

  read(repository: string, key: string): Promise<Readable> {
    return this.inner.read(repository, key);
  }

  head(repository: string, key: string): Promise<StoredObject | null> {
    return this.inner.head(repository, key);
  }

  list(repository: string, prefix?: string): AsyncIterable<StoredObject> {
    return this.inner.list(repository, prefix);
  }

  delete(repository: string, key: string): Promise<void> {
    return this.inner.delete(repository, key);
  }

  copy(fromRepository: string, fromKey: string, toRepository: string, toKey: string): Promise<StoredObject> {
    return this.inner.copy(fromRepository, fromKey, toRepository, toKey);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
