import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  size: number;
  modified: Date;
}

/** Where files live: a repository (bucket/folder) holds objects under S3-style keys. */
export interface StorageDriver {
  /** Store a stream or buffer under the key; visible only once complete. */
  write(repository: string, key: string, body: Readable | Buffer): Promise<StoredObject>;
  /** Stream an object's bytes; throws ObjectNotFound when absent. */
  read(repository: string, key: string): Promise<Readable>;
  head(repository: string, key: string): Promise<StoredObject | null>;
  list(repository: string, prefix?: string): AsyncIterable<StoredObject>;
  delete(repository: string, key: string): Promise<void>;
  copy(fromRepository: string, fromKey: string, toRepository: string, toKey: string): Promise<StoredObject>;
  close(): Promise<void>;
}
