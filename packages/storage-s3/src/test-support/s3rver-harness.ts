// An S3-protocol server for tests: s3rver in-process on 127.0.0.1, a free port, a temp folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';
import { S3StorageDriver } from '../s3-storage-driver';
import type { S3StorageOptions } from '../s3-storage-options';

// The SDK warns about Node 20 on first client construction; the lake bin sets this too.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** s3rver's one built-in account. */
export const S3RVER_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface RunningS3rver {
  endpoint: string;
  directory: string;
  /** Driver options reaching this server with valid credentials. */
  options(overrides?: S3StorageOptions): S3StorageOptions;
  driver(overrides?: S3StorageOptions): S3StorageDriver;
  stop(): Promise<void>;
}

export async function startS3rver(buckets: string[]): Promise<RunningS3rver> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const drivers: S3StorageDriver[] = [];
  const options = (overrides: S3StorageOptions = {}): S3StorageOptions => ({ endpoint, ...S3RVER_KEY, ...overrides });
  return {
    endpoint,
    directory,
    options,
    driver(overrides) {
      const driver = new S3StorageDriver(options(overrides));
      drivers.push(driver);
      return driver;
    },
    async stop() {
      await Promise.all(drivers.map((driver) => driver.close()));
      const http = (server as unknown as { httpServer?: { closeAllConnections(): void } }).httpServer;
      http?.closeAllConnections();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

export async function bytesOf(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

export async function keysOf(listing: AsyncIterable<{ key: string }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of listing) keys.push(object.key);
  return keys;
}
