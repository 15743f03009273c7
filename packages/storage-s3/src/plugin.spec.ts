import { LakeTime, MemoryLogger, Registry, type DriverEnv } from '@lake/core';
import { s3Plugin } from './plugin';
import { S3StorageDriver } from './s3-storage-driver';
import { bytesOf, S3RVER_KEY, startS3rver } from './test-support/s3rver-harness';

describe('s3Plugin', () => {
  it('registers with this core and builds a working s3 storage driver from a config block', async () => {
    const s3 = await startS3rver(['atd-datalake-raw']);
    const registry = new Registry().register(s3Plugin);
    expect(registry.driverNames('storage')).toEqual(['s3']);
    const env: DriverEnv = { home: '/tmp', time: new LakeTime(), log: new MemoryLogger(), config: {}, registry };
    const driver = await registry.driverFactory('storage', 's3')({ driver: 's3', endpoint: s3.endpoint, ...S3RVER_KEY }, env);
    try {
      expect(driver).toBeInstanceOf(S3StorageDriver);
      await driver.write('atd-datalake-raw', '2019/06/01/bt/x.txt', Buffer.from('via the registry'));
      expect((await bytesOf(await driver.read('atd-datalake-raw', '2019/06/01/bt/x.txt'))).toString()).toBe('via the registry');
    } finally {
      await driver.close();
      await s3.stop();
    }
  });

  it('turns a bad config block into a config error before any request', async () => {
    const registry = new Registry().register(s3Plugin);
    const env: DriverEnv = { home: '/tmp', time: new LakeTime(), log: new MemoryLogger(), config: {}, registry };
    expect(() => registry.driverFactory('storage', 's3')({ driver: 's3', partSize: 10 }, env)).toThrow(expect.objectContaining({ code: 'CONFIG', exitCode: 2 }));
  });
});
