// What this package adds to lake: the `s3` storage driver.
import { definePlugin } from '@lake/core';
import { S3StorageDriver } from './s3-storage-driver';
import { S3_DRIVER, s3OptionsFromSettings } from './s3-storage-options';

export const s3Plugin = definePlugin({
  name: '@lake/storage-s3',
  version: '0.1.0',
  coreRange: '^0.1.0',
  drivers: { storage: { [S3_DRIVER]: (settings, env) => new S3StorageDriver(s3OptionsFromSettings(settings), env.log) } },
});
